package jenkins.model;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.security.AccessControlled;
import hudson.security.Permission;

/** Surface of {@code core/src/main/java/jenkins/model/Jenkins.java} (Jenkins 2.541.3). */
public class Jenkins implements AccessControlled {

    public static final Permission ADMINISTER = null;

    private Jenkins() {
        throw new UnsupportedOperationException("compile-only surface");
    }

    @NonNull
    public static Jenkins get() throws IllegalStateException {
        throw new UnsupportedOperationException("compile-only surface");
    }
}
