package hudson.remoting;

import edu.umd.cs.findbugs.annotations.CheckForNull;

/** Surface of remoting {@code src/main/java/hudson/remoting/Channel.java} (3352.v17a_fb_4b_2773f, in Jenkins 2.541.3). */
public class Channel {

    private Channel() {
        throw new UnsupportedOperationException("compile-only surface");
    }

    @CheckForNull
    public static Channel current() {
        throw new UnsupportedOperationException("compile-only surface");
    }
}
