package hudson.console;

import hudson.ExtensionPoint;
import hudson.model.AbstractBuild;
import hudson.model.Run;
import java.io.IOException;
import java.io.OutputStream;

/** Surface of {@code core/src/main/java/hudson/console/ConsoleLogFilter.java} (Jenkins 2.541.3). */
public abstract class ConsoleLogFilter implements ExtensionPoint {

    @Deprecated
    public OutputStream decorateLogger(AbstractBuild build, OutputStream logger)
            throws IOException, InterruptedException {
        throw new UnsupportedOperationException("compile-only surface");
    }

    public OutputStream decorateLogger(Run build, OutputStream logger) throws IOException, InterruptedException {
        throw new UnsupportedOperationException("compile-only surface");
    }
}
