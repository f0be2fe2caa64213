package org.kohsuke.accmod.restrictions;

/**
 * Surface of lib-access-modifier {@code access-modifier-annotation/src/main/java/org/kohsuke/accmod/restrictions/Beta.java},
 * which is newer than the access-modifier-annotation on Maven Central.
 */
public class Beta extends DoNotUse {}
