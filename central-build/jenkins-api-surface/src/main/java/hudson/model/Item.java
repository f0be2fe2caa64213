package hudson.model;

import hudson.security.AccessControlled;

/** Surface of {@code core/src/main/java/hudson/model/Item.java} (Jenkins 2.541.3). */
public interface Item extends AccessControlled {}
