package cn.lantian.fact;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.lang.reflect.RecordComponent;

/**
 * The part of a count/area pair never exceeds its whole ({@code covered <= count}): an inspector's
 * record that says otherwise is inconsistent and refused. The violation is reported on the part, with
 * both values ("must not exceed count (5 > 4)").
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Repeatable(PartWithinWhole.List.class)
@Constraint(validatedBy = PartWithinWhole.Validator.class)
public @interface PartWithinWhole {
    String part();

    String whole();

    String message() default "{cn.lantian.fact.PartWithinWhole.message}";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    @Target(ElementType.TYPE)
    @Retention(RetentionPolicy.RUNTIME)
    @interface List {
        PartWithinWhole[] value();
    }

    class Validator implements ConstraintValidator<PartWithinWhole, Record> {
        private String part;
        private String whole;

        @Override
        public void initialize(PartWithinWhole annotation) {
            part = annotation.part();
            whole = annotation.whole();
        }

        @Override
        public boolean isValid(Record value, ConstraintValidatorContext context) {
            if (value == null) {
                return true;
            }
            Number p = component(value, part);
            Number w = component(value, whole);
            if (p == null || w == null || compare(p, w) <= 0) {
                return true;
            }
            context.disableDefaultConstraintViolation();
            ConstraintArguments.report(context, "partValue", p, "wholeValue", w)
                    .buildConstraintViolationWithTemplate(context.getDefaultConstraintMessageTemplate())
                    .addPropertyNode(part)
                    .addConstraintViolation();
            return false;
        }

        /** Exact for whole numbers of any size; doubles compared as doubles (the reader admits finite ones only). */
        private static int compare(Number p, Number w) {
            if ((p instanceof Integer || p instanceof Long) && (w instanceof Integer || w instanceof Long)) {
                return Long.compare(p.longValue(), w.longValue());
            }
            double a = p.doubleValue();
            double b = w.doubleValue();
            return a < b ? -1 : a > b ? 1 : 0;
        }

        private static Number component(Record value, String name) {
            for (RecordComponent c : value.getClass().getRecordComponents()) {
                if (c.getName().equals(name)) {
                    try {
                        return (Number) c.getAccessor().invoke(value);
                    } catch (ReflectiveOperationException e) {
                        throw new IllegalStateException("cannot read " + name, e);
                    }
                }
            }
            throw new IllegalArgumentException(value.getClass().getSimpleName() + " has no component " + name);
        }
    }
}
