package org.jenkinsci.plugins.credentialsbinding.masking;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.console.LineTransformationOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Collection;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Surface of credentials-binding-plugin
 * {@code src/main/java/org/jenkinsci/plugins/credentialsbinding/masking/SecretPatterns.java}
 * (credentials-binding 728.v902a_273b_8947). */
public class SecretPatterns {

    public static @NonNull Pattern getAggregateSecretPattern(@NonNull Collection<String> inputs) {
        throw new UnsupportedOperationException("compile-only surface");
    }

    public static class MaskingOutputStream extends LineTransformationOutputStream.Delegating {

        public MaskingOutputStream(
                @NonNull OutputStream out, @NonNull Supplier<Pattern> secretPattern, @NonNull String charsetName) {
            super(out);
            throw new UnsupportedOperationException("compile-only surface");
        }

        @Override
        protected void eol(byte[] b, int len) throws IOException {
            throw new UnsupportedOperationException("compile-only surface");
        }
    }
}
