package cn.lantian.api;

import jakarta.annotation.security.PermitAll;

import cn.lantian.engine.ActiveRuleset;
import cn.lantian.engine.RecordSchema;
import cn.lantian.engine.RuleInfo;
import cn.lantian.engine.Ruleset;
import cn.lantian.fact.Reference;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The words of the active rules, for pages, checklists and documents: every label of a code
 * ({@code rules/labels.csv}, legal bases by their titles), the title of every code a rule produces, and the
 * inspection record's schema with the label of each field. Public, like the checklists: they hold no record.
 */
@Path("/api/v1/vocabulary")
@Produces(MediaType.APPLICATION_JSON)
@PermitAll
public class VocabularyResource {
    @Inject
    ActiveRuleset rules;

    @Inject
    Clock clock;

    /**
     * The vocabulary in force today in the jurisdiction's calendar.
     *
     * @param timeZone the calendar's zone ({@code calendar.timeZone}): every time a page shows is written in it
     * @param labels   by kind ({@code ACTIVITY}, {@code ORDER_TYPE}, …, {@code FIELD}, {@code LEGAL_BASIS}), code → label
     * @param units    the unit of each field that has one, by JSON path
     * @param titles   the rules' title of every code they produce (violations, items, orders), code → title
     */
    public record Vocabulary(String rulesetVersion, String timeZone, Map<String, Map<String, String>> labels,
                             Map<String, String> units, Map<String, String> titles) {}

    /** The record's schema: its fields, each with its type, label, unit, codes and the items that record it. */
    public record Schema(String rulesetVersion, List<RecordSchema.Field> fields) {}

    @GET
    public Vocabulary vocabulary() {
        Ruleset ruleset = rules.get();
        Reference ref = ruleset.referenceToday(clock);
        Map<String, String> units = new LinkedHashMap<>();
        for (String path : RecordSchema.paths()) {
            String unit = ref.unitOf(path);
            if (unit != null) {
                units.put(path, unit);
            }
        }
        Map<String, String> titles = new LinkedHashMap<>();
        for (RuleInfo r : ruleset.rules()) {
            if (r.code() != null && r.title() != null) {
                titles.putIfAbsent(r.code(), r.title());
            }
        }
        // legal bases: those in force today, then every other the tables date (a repealed article's title too)
        Map<String, Map<String, String>> labels = new LinkedHashMap<>(ref.labelsByKind());
        Map<String, String> bases = new LinkedHashMap<>(labels.getOrDefault(Reference.LEGAL_BASIS, Map.of()));
        ruleset.legalBasisTitles().forEach(bases::putIfAbsent);
        labels.put(Reference.LEGAL_BASIS, bases);
        return new Vocabulary(ruleset.version(), ruleset.calendar().zone().getId(), labels, units, titles);
    }

    @GET
    @Path("/record")
    public Schema record() {
        Ruleset ruleset = rules.get();
        return new Schema(ruleset.version(), RecordSchema.describe(ruleset, ruleset.referenceToday(clock)));
    }
}
