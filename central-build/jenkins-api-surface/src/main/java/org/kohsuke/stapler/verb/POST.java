package org.kohsuke.stapler.verb;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Surface of stapler {@code core/src/main/java/org/kohsuke/stapler/verb/POST.java}; its
 * {@code @InterceptorAnnotation} is left out, as nothing here dispatches requests.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface POST {}
