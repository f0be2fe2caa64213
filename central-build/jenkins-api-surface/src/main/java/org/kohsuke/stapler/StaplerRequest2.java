package org.kohsuke.stapler;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Surface of stapler {@code core/src/main/java/org/kohsuke/stapler/StaplerRequest2.java}: only what the plugin calls,
 * {@link HttpServletRequest#getParameter(String)}, which it inherits.
 */
public interface StaplerRequest2 extends HttpServletRequest {}
