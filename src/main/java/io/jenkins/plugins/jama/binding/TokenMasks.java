package io.jenkins.plugins.jama.binding;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.util.Secret;
import java.util.Set;
import java.util.regex.Pattern;
import org.jenkinsci.plugins.credentialsbinding.masking.SecretPatterns;

/** The pattern that masks a token in all the forms credentials-binding knows (Base64, shell quoting...). */
final class TokenMasks {

    private TokenMasks() {}

    /**
     * Built on the controller (SECURITY-3075: agents may not compute it) and kept as a {@link Secret}, so that the
     * pattern, which contains the token, is encrypted wherever Pipeline stores the filter.
     */
    static @NonNull Secret patternFor(@NonNull String token) {
        return Secret.fromString(
                SecretPatterns.getAggregateSecretPattern(Set.of(token)).pattern());
    }

    static @NonNull Pattern compile(@NonNull Secret pattern) {
        return Pattern.compile(pattern.getPlainText());
    }
}
