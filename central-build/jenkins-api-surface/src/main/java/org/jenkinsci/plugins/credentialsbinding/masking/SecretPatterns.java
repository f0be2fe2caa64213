package org.jenkinsci.plugins.credentialsbinding.masking;

import edu.umd.cs.findbugs.annotations.NonNull;
import java.util.Collection;
import java.util.regex.Pattern;

/**
 * Surface of credentials-binding-plugin
 * {@code src/main/java/org/jenkinsci/plugins/credentialsbinding/masking/SecretPatterns.java}
 * (credentials-binding 728.v902a_273b_8947). */
public class SecretPatterns {

    public static @NonNull Pattern getAggregateSecretPattern(@NonNull Collection<String> inputs) {
        throw new UnsupportedOperationException("compile-only surface");
    }
}
