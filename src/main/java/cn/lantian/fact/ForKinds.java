package cn.lantian.fact;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A field of the record that only some kinds of subject have: {@code site} and a site's standard for a
 * {@code SITE}, {@code enterprise} for an {@code ENTERPRISE}. A field without it applies to every kind.
 */
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD})
@Retention(RetentionPolicy.RUNTIME)
public @interface ForKinds {
    SubjectKind[] value();
}
