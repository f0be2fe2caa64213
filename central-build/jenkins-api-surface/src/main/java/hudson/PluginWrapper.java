package hudson;

/** Surface of {@code core/src/main/java/hudson/PluginWrapper.java} (Jenkins 2.541.3). */
public class PluginWrapper {

    private PluginWrapper() {
        throw new UnsupportedOperationException("compile-only surface");
    }

    public String getVersion() {
        throw new UnsupportedOperationException("compile-only surface");
    }
}
