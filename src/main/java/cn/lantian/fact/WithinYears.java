package cn.lantian.fact;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.OffsetDateTime;

/**
 * A time in the years an inspection or an order can take place ({@link Limits#FIRST_YEAR} to
 * {@link Limits#LAST_YEAR}, in its own offset): year 1 or 999999999 is a typo, and would make day
 * counts, and the fines multiplied by them, absurd.
 */
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = WithinYears.Validator.class)
public @interface WithinYears {
    String message() default "{cn.lantian.fact.WithinYears.message}";

    int from() default Limits.FIRST_YEAR;

    int to() default Limits.LAST_YEAR;

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<WithinYears, OffsetDateTime> {
        private int from;
        private int to;

        @Override
        public void initialize(WithinYears annotation) {
            from = annotation.from();
            to = annotation.to();
        }

        @Override
        public boolean isValid(OffsetDateTime value, ConstraintValidatorContext context) {
            return value == null || (value.getYear() >= from && value.getYear() <= to);
        }
    }
}
