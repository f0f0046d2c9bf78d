package cn.lantian.engine;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A message not yet put into words: a template from the {@code ValidationMessages} bundle ("{key}", or
 * a text with {key} and {argument} parts) and its arguments. It is rendered in the language of whoever
 * reads it: English for API clients, Chinese for the pages.
 */
public record Text(String template, Map<String, Object> args) {

    public Text {
        args = Collections.unmodifiableMap(new LinkedHashMap<>(args));
    }

    /** The bundle entry {@code key} with arguments given as name, value, name, value… */
    public static Text of(String key, Object... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("arguments come in name, value pairs");
        }
        Map<String, Object> args = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            args.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return new Text("{" + key + "}", args);
    }

    public String in(Locale locale) {
        return Messages.render(template, args, locale);
    }

    public String english() {
        return in(Messages.ENGLISH);
    }
}
