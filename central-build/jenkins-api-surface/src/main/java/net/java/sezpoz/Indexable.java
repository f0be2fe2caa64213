package net.java.sezpoz;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Surface of sezpoz {@code sezpoz/src/main/java/net/java/sezpoz/Indexable.java}, a meta-annotation of {@code hudson.Extension}. */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.ANNOTATION_TYPE})
public @interface Indexable {
    Class<?> type() default Object.class;
}
