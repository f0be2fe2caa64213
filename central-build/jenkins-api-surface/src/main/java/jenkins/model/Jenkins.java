package jenkins.model;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.PluginManager;
import hudson.ProxyConfiguration;
import hudson.security.AccessControlled;
import hudson.security.Permission;

/**
 * Surface of {@code core/src/main/java/jenkins/model/Jenkins.java} (Jenkins 2.541.3).
 * The real class is {@link AccessControlled} through {@code AbstractCIBase}.
 */
public class Jenkins implements AccessControlled {

    public static final Permission ADMINISTER = unavailable();

    private Jenkins() {
        throw new UnsupportedOperationException("compile-only surface");
    }

    @NonNull
    public static Jenkins get() throws IllegalStateException {
        throw new UnsupportedOperationException("compile-only surface");
    }

    @NonNull
    public PluginManager getPluginManager() {
        throw new UnsupportedOperationException("compile-only surface");
    }

    @CheckForNull
    public ProxyConfiguration getProxy() {
        throw new UnsupportedOperationException("compile-only surface");
    }

    /** Keeps the value unknown to analysis, as the real one is to our code. */
    private static Permission unavailable() {
        throw new UnsupportedOperationException("compile-only surface");
    }
}
