package cn.lantian.api;

import cn.lantian.engine.FieldError;
import java.util.List;

/** Query parameters read strictly: a bad one is named, never a 500. */
final class Queries {
    private Queries() {}

    static int number(String name, String value, int min, int max, List<FieldError> errors) {
        try {
            int n = Integer.parseInt(value);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below with the field
        }
        errors.add(new FieldError(name, "must be a whole number from " + min + " to " + max));
        return min;
    }
}
