package hudson;

/** Surface of {@code core/src/main/java/hudson/Launcher.java} (Jenkins 2.541.3). */
public abstract class Launcher {

    private Launcher() {
        throw new UnsupportedOperationException("compile-only surface");
    }
}
