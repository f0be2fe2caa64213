package hudson;

import java.util.TreeMap;

/** Surface of {@code core/src/main/java/hudson/EnvVars.java} (Jenkins 2.541.3). */
public class EnvVars extends TreeMap<String, String> {

    private static final long serialVersionUID = 4320331661987259022L;

    public EnvVars() {
        throw new UnsupportedOperationException("compile-only surface");
    }

    public void override(String key, String value) {
        throw new UnsupportedOperationException("compile-only surface");
    }
}
