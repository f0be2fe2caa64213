package hudson.remoting;

/** Surface of remoting {@code src/main/java/hudson/remoting/VirtualChannel.java}. */
public interface VirtualChannel {}
