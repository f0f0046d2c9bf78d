package cn.lantian.fact;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A text field of the record whose values are the codes of one kind of the labels table, defined by the
 * rules' tables ({@code subject.standard} names a standard of {@code standards.csv}). The record's
 * schema offers those codes, each with its label.
 */
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD})
@Retention(RetentionPolicy.RUNTIME)
public @interface Coded {
    /** The kind in the labels table: {@code STANDARD}, {@code JURISDICTION}. */
    String value();
}
