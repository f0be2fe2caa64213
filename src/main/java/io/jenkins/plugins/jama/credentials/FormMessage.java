package io.jenkins.plugins.jama.credentials;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;

/**
 * What a form check or the Test Connection button tells the user. Kept free of Jenkins types so the wording can be
 * tested without a running Jenkins; the descriptor turns it into a {@code FormValidation}.
 */
record FormMessage(@NonNull Kind kind, @CheckForNull String text) {

    enum Kind {
        OK,
        WARNING,
        ERROR
    }

    static FormMessage ok() {
        return new FormMessage(Kind.OK, null);
    }

    static FormMessage ok(@NonNull String text) {
        return new FormMessage(Kind.OK, text);
    }

    static FormMessage warning(@NonNull String text) {
        return new FormMessage(Kind.WARNING, text);
    }

    static FormMessage error(@NonNull String text) {
        return new FormMessage(Kind.ERROR, text);
    }
}
