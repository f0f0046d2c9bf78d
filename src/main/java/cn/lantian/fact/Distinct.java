package cn.lantian.fact;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A list that is a set: each value at most once (activities under way, items claimed rectified). A value
 * listed twice is refused, naming the first repetition; checking is linear in the list's length.
 */
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = Distinct.Validator.class)
public @interface Distinct {
    String message() default "{cn.lantian.fact.Distinct.message}";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<Distinct, List<?>> {
        @Override
        public boolean isValid(List<?> values, ConstraintValidatorContext context) {
            if (values == null) {
                return true;
            }
            Map<Object, Integer> first = new HashMap<>();
            for (int i = 0; i < values.size(); i++) {
                Object v = values.get(i);
                if (v == null) {
                    continue;
                }
                Integer earlier = first.putIfAbsent(v, i);
                if (earlier != null) {
                    ConstraintArguments.report(context, "repeated", String.valueOf(v), "first", earlier, "again", i);
                    return false;
                }
            }
            return true;
        }
    }
}
