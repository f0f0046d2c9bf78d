package cn.lantian.engine;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The words of request errors, in the two languages the service speaks: English (and codes) for API
 * clients, Chinese for the pages, which send {@code Accept-Language: zh}. Every text is in one bundle,
 * {@code ValidationMessages} (English) and {@code ValidationMessages_zh}, beside the Bean Validation
 * constraint messages, and the field paths stay the same in both.
 */
public final class Messages {
    public static final Locale ENGLISH = Locale.ENGLISH;
    public static final Locale CHINESE = Locale.CHINESE;
    private static final List<Locale> SPOKEN = List.of(ENGLISH, CHINESE);
    private static final String BUNDLE = "ValidationMessages";
    /** The bundle as written, never the machine's own language in its place. */
    private static final ResourceBundle.Control NO_FALLBACK =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z0-9_.]+)\\}");

    private Messages() {}

    /** The language an {@code Accept-Language} header prefers among those spoken; English when it names neither. */
    public static Locale locale(String acceptLanguage) {
        if (acceptLanguage == null || acceptLanguage.isBlank() || acceptLanguage.length() > 1000) {
            return ENGLISH;
        }
        try {
            Locale best = Locale.lookup(Locale.LanguageRange.parse(acceptLanguage), SPOKEN);
            return best == null ? ENGLISH : best;
        } catch (IllegalArgumentException e) {
            return ENGLISH;
        }
    }

    /** Whether the bundle has a text for this template ("{key}"). */
    public static boolean has(String template) {
        Matcher m = PLACEHOLDER.matcher(template);
        return m.matches() && lookup(m.group(1), ENGLISH) != null;
    }

    /**
     * The template in that language: each {key} of the bundle replaced by its text, then each {argument}
     * by its value (a {@link Text} argument rendered in the same language, a list joined by commas).
     */
    public static String render(String template, Map<String, Object> args, Locale locale) {
        String text = template;
        // Bundle keys have dots, arguments none; the bundle's own texts are resolved first, then the
        // arguments once, so that a value the client sent is never read as a placeholder.
        for (int depth = 0; depth < 3; depth++) {
            String before = text;
            text = replace(text, name -> name.indexOf('.') < 0 ? null : lookup(name, locale));
            if (text.equals(before)) {
                break;
            }
        }
        return replace(text, name -> args.containsKey(name) ? format(args.get(name), locale) : null);
    }

    private interface Resolver {
        String resolve(String name);
    }

    private static String replace(String text, Resolver resolver) {
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = resolver.resolve(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(value == null ? m.group() : value));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String lookup(String key, Locale locale) {
        try {
            return ResourceBundle.getBundle(BUNDLE, locale, NO_FALLBACK).getString(key);
        } catch (MissingResourceException e) {
            return null;
        }
    }

    private static String format(Object value, Locale locale) {
        if (value instanceof Text t) {
            return t.in(locale);
        }
        if (value instanceof Double || value instanceof Float || value instanceof BigDecimal) {
            double d = ((Number) value).doubleValue();
            return Double.isFinite(d) ? new BigDecimal(value.toString()).stripTrailingZeros().toPlainString() : value.toString();
        }
        if (value instanceof Collection<?> c) {
            return c.stream().map(v -> format(v, locale)).collect(Collectors.joining(", "));
        }
        if (value instanceof Object[] a) {
            return format(List.of(a), locale);
        }
        return String.valueOf(value);
    }
}
