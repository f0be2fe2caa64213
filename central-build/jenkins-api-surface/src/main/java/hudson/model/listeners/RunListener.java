package hudson.model.listeners;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.ExtensionPoint;
import hudson.model.Run;
import hudson.model.TaskListener;

/** Surface of {@code core/src/main/java/hudson/model/listeners/RunListener.java} (Jenkins 2.541.3). */
@SuppressWarnings("rawtypes")
public abstract class RunListener<R extends Run> implements ExtensionPoint {

    protected RunListener() {
        throw new UnsupportedOperationException("compile-only surface");
    }

    public void onCompleted(R r, @NonNull TaskListener listener) {
        throw new UnsupportedOperationException("compile-only surface");
    }
}
