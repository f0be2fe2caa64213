package org.jenkinsci.remoting;

import java.io.Serializable;

/**
 * Surface of remoting {@code src/main/java/org/jenkinsci/remoting/SerializableOnlyOverRemoting.java}; its default
 * methods, which check that serialization happens over a channel, are left out.
 */
public interface SerializableOnlyOverRemoting extends Serializable {}
