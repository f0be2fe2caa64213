package hudson.model;

import java.util.Map;

/** Surface of {@code core/src/main/java/hudson/model/Environment.java} (Jenkins 2.541.3). */
public abstract class Environment {

    public void buildEnvVars(Map<String, String> env) {
        throw new UnsupportedOperationException("compile-only surface");
    }
}
