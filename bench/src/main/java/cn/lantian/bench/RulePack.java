package cn.lantian.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Generated rule packs shaped like the inspection items: each rule names an item of its own, reads a
 * site block or the enterprise with a threshold of its own, and reports a violation with the
 * metadata the loader requires. No standard holds a generated item, so none fires.
 */
final class RulePack {
    static final int RULES_PER_FILE = 100;

    private static final List<String> BASES = List.of("APPCL-115", "APPCL-116", "APPCL-114", "LOCAL-default-DUST");

    /** A condition and the violation's observed value, by the rule's number. */
    private static final List<String[]> SHAPES = List.of(
            new String[] {"$b : SiteBlock.Enclosure(perimeterM > %d, enclosedM < perimeterM)", "$b.enclosedM()"},
            new String[] {"$b : SiteBlock.Stockpiles(count > %d, covered < count)", "$b.covered()"},
            new String[] {"$b : SiteBlock.Roads(areaM2 > %d, hardenedM2 < areaM2)", "$b.hardenedM2()"},
            new String[] {"$b : SiteBlock.MuckTrucks(count > %d, sealed < count)", "$b.sealed()"},
            new String[] {"$b : Site(pm10HourlyUgM3 != null, pm10HourlyUgM3 > %d)", "$b.pm10HourlyUgM3()"},
            new String[] {"$b : Enterprise(productionLoadPercent > %d)", "$b.productionLoadPercent()"});

    private RulePack() {}

    /** {@code n} rules in files of {@value #RULES_PER_FILE}, by their path in the rules folder. */
    static Map<String, String> generate(int n) {
        Map<String, String> files = new LinkedHashMap<>();
        for (int first = 0; first < n; first += RULES_PER_FILE) {
            StringBuilder drl = new StringBuilder("""
                    package generated;

                    import cn.lantian.fact.*;
                    import function cn.lantian.engine.Emit.violation;

                    """);
            for (int i = first; i < Math.min(n, first + RULES_PER_FILE); i++) {
                drl.append(rule(i));
            }
            files.put("generated/pack-%04d.drl".formatted(first / RULES_PER_FILE), drl.toString());
        }
        return files;
    }

    private static String rule(int i) {
        String[] shape = SHAPES.get(i % SHAPES.size());
        return """
                rule "Generated item %1$d must hold"
                    @code("GEN_%1$d") @title("生成检查项 %1$d") @legalBasis("%2$s")
                when
                    StandardItem(item == "GEN_%1$d")
                    %3$s
                then
                    violation(kcontext, %4$s, %1$d, "生成检查项 %1$d 不达标：" + %4$s);
                end

                """.formatted(i, BASES.get(i % BASES.size()), shape[0].formatted(i % 97), shape[1]);
    }
}
