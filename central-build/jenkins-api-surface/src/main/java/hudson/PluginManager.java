package hudson;

/** Surface of {@code core/src/main/java/hudson/PluginManager.java} (Jenkins 2.541.3). */
public abstract class PluginManager {

    private PluginManager() {
        throw new UnsupportedOperationException("compile-only surface");
    }

    @SuppressWarnings("rawtypes")
    public PluginWrapper whichPlugin(Class c) {
        throw new UnsupportedOperationException("compile-only surface");
    }
}
