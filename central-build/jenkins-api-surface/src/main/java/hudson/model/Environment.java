package hudson.model;

import java.io.IOException;
import java.util.Map;

/** Surface of {@code core/src/main/java/hudson/model/Environment.java} (Jenkins 2.541.3). */
public abstract class Environment {

    public void buildEnvVars(Map<String, String> env) {
        throw new UnsupportedOperationException("compile-only surface");
    }

    public boolean tearDown(AbstractBuild build, BuildListener listener) throws IOException, InterruptedException {
        throw new UnsupportedOperationException("compile-only surface");
    }
}
