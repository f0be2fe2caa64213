package hudson;

/** Surface of {@code core/src/main/java/hudson/FilePath.java} (Jenkins 2.541.3). */
public final class FilePath {

    private FilePath() {
        throw new UnsupportedOperationException("compile-only surface");
    }
}
