package io.jenkins.plugins.jama;

import com.cloudbees.plugins.credentials.common.StandardCredentials;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.util.Secret;

/** A Jama Connect OAuth API client: the site's base URL, a client ID and its client secret. */
public interface JamaApiClientCredentials extends StandardCredentials {

    /** The normalised site address, such as {@code https://example.jamacloud.com}. */
    @NonNull
    String getBaseUrl();

    @NonNull
    String getClientId();

    /** Only for the token exchange, which runs on the controller. */
    @NonNull
    Secret getClientSecret();
}
