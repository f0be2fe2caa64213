package hudson.model;

import edu.umd.cs.findbugs.annotations.NonNull;

/** Surface of {@code core/src/main/java/hudson/model/Actionable.java} (Jenkins 2.541.3). */
public abstract class Actionable {

    public void addAction(@NonNull Action a) {
        throw new UnsupportedOperationException("compile-only surface");
    }

    public <T extends Action> T getAction(Class<T> type) {
        throw new UnsupportedOperationException("compile-only surface");
    }
}
