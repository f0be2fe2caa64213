package io.jenkins.plugins.jama.client;

import edu.umd.cs.findbugs.annotations.NonNull;

/** A token just minted and the Jama user it acts as, from {@link JamaTokenClient#requestTokenAndUser}. */
public record TokenAndUser(
        @NonNull AccessToken token, @NonNull JamaUser user) {}
