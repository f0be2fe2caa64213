package hudson.console;

import java.io.IOException;
import java.io.OutputStream;

/** Surface of {@code core/src/main/java/hudson/console/LineTransformationOutputStream.java} (Jenkins 2.541.3). */
public abstract class LineTransformationOutputStream extends OutputStream {

    protected abstract void eol(byte[] b, int len) throws IOException;

    @Override
    public void write(int b) throws IOException {
        throw new UnsupportedOperationException("compile-only surface");
    }

    public abstract static class Delegating extends LineTransformationOutputStream {

        protected final OutputStream out = null;

        protected Delegating(OutputStream out) {
            throw new UnsupportedOperationException("compile-only surface");
        }
    }
}
