package io.jenkins.plugins.jama.client;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * What one call must never show: the client secret and its Basic header, or the token. Text from Jama that the
 * client would show (an error code, a redirect host, a user name) is held back when it contains any of them,
 * compared ignoring case because host names are shown in lower case.
 */
final class Redaction {

    private final List<String> lowerCase;

    private Redaction(List<String> lowerCase) {
        this.lowerCase = lowerCase;
    }

    /** Blank values are ignored: every text contains the empty string. */
    static Redaction of(String... values) {
        List<String> kept = new ArrayList<>();
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                kept.add(value.toLowerCase(Locale.ROOT));
            }
        }
        return new Redaction(List.copyOf(kept));
    }

    Redaction and(String... values) {
        return new Redaction(
                Stream.concat(lowerCase.stream(), of(values).lowerCase.stream()).toList());
    }

    /** Whether {@code text} must not be shown because it contains one of the values. */
    boolean covers(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        return lowerCase.stream().anyMatch(lower::contains);
    }

    @Override
    public String toString() {
        return "Redaction[" + lowerCase.size() + " hidden]";
    }
}
