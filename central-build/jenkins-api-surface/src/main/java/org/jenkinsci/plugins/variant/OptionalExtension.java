package org.jenkinsci.plugins.variant;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import net.java.sezpoz.Indexable;

/** Surface of variant-plugin {@code src/main/java/org/jenkinsci/plugins/variant/OptionalExtension.java}. */
@Indexable
@Retention(RUNTIME)
@Target({TYPE, METHOD, FIELD})
@Documented
public @interface OptionalExtension {
    String[] requirePlugins() default {};
}
