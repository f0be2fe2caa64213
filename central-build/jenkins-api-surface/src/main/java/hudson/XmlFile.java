package hudson;

import java.io.File;
import java.io.IOException;

/** Surface of {@code core/src/main/java/hudson/XmlFile.java} (Jenkins 2.541.3). */
public final class XmlFile {

    public XmlFile(File file) {
        throw new UnsupportedOperationException("compile-only surface");
    }

    public Object read() throws IOException {
        throw new UnsupportedOperationException("compile-only surface");
    }

    public void write(Object o) throws IOException {
        throw new UnsupportedOperationException("compile-only surface");
    }

    public boolean exists() {
        throw new UnsupportedOperationException("compile-only surface");
    }
}
