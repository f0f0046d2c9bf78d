package cn.lantian.engine;

import cn.lantian.fact.Parameter;
import cn.lantian.fact.Reference;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The texts rules show a person ({@code @check}, {@code @criterion}) name a parameter as
 * {@code {pm10.hourlyLimit}}: wherever such a text is shown it carries the value in force on the day
 * ("PM10 小时浓度不高于 150 µg/m³"), never a default copied into the rule. A placeholder that names
 * no parameter stops loading (see {@link TableChecks}).
 */
public final class ParameterText {
    /** The metadata entries shown to inspectors and subjects, where placeholders are filled in. */
    public static final List<String> SHOWN = List.of("check", "criterion");
    static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z][A-Za-z0-9_.\\-]*)}");

    private ParameterText() {}

    /** The parameter names a text's placeholders name, each once, in order. */
    public static List<String> names(String text) {
        Set<String> names = new LinkedHashSet<>();
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            names.add(m.group(1));
        }
        return List.copyOf(names);
    }

    /**
     * The text with each placeholder replaced by its parameter's value as the tables of that day hold it
     * (a number with its unit); a parameter with no row in force that day stays as its placeholder.
     */
    public static String fill(String text, Reference ref) {
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String shown = ref.parameter(m.group(1)).map(Parameter::shown).orElse(m.group());
            m.appendReplacement(out, Matcher.quoteReplacement(shown));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** Each text filled in for that day. */
    public static List<String> fill(List<String> texts, Reference ref) {
        List<String> filled = new ArrayList<>(texts.size());
        texts.forEach(t -> filled.add(fill(t, ref)));
        return List.copyOf(filled);
    }
}
