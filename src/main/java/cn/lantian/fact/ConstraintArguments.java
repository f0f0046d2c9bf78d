package cn.lantian.fact;

import jakarta.validation.ConstraintValidatorContext;
import java.util.LinkedHashMap;
import java.util.Map;
import org.hibernate.validator.constraintvalidation.HibernateConstraintValidatorContext;

/**
 * The values a constraint's message names (the part and the whole, the repeated value): given to the
 * message, and kept on the violation as its payload so that the reader can say it in another language.
 */
final class ConstraintArguments {
    private ConstraintArguments() {}

    static HibernateConstraintValidatorContext report(ConstraintValidatorContext context, Object... namesAndValues) {
        HibernateConstraintValidatorContext hv = context.unwrap(HibernateConstraintValidatorContext.class);
        Map<String, Object> args = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            args.put((String) namesAndValues[i], namesAndValues[i + 1]);
            hv.addMessageParameter((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        hv.withDynamicPayload(args);
        return hv;
    }
}
