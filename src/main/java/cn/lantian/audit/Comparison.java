package cn.lantian.audit;

import cn.lantian.engine.RequestReader;
import cn.lantian.engine.Ruleset;
import cn.lantian.fixture.FixtureCase;
import cn.lantian.fixture.FixtureMatcher;
import cn.lantian.fixture.FixtureRunner;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Every case decided under the active and the candidate rules, and the decisions that differ, side by
 * side: the violation codes, the orders and the fines (what a subject would feel), not the wording.
 */
public record Comparison(String activeVersion, String candidateVersion, int cases, List<Difference> differences,
                         Map<String, Map<String, String>> labels) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * A case whose decision differs: the essence of each side; the case's expectation, whether it still holds
     * under the candidate, and what it becomes if the auditor accepts the candidate's answer
     * ({@link NewExpectation}: only the fields it asserts, set to the new answer).
     */
    public record Difference(String file, String name, JsonNode active, JsonNode candidate, JsonNode expect,
                             boolean holds, JsonNode proposedExpect) {}

    /**
     * Every case decided under both rulesets, and each that differs. {@code labels} names in Chinese every code
     * the differences hold (violations by their rules' titles, orders, activities, measures and levels by
     * {@code labels.csv}, legal bases by their titles), from the candidate's tables.
     */
    public static Comparison of(Ruleset active, Ruleset candidate, List<FixtureCase> cases, RequestReader reader) {
        List<Difference> differences = new ArrayList<>();
        for (FixtureCase c : cases) {
            JsonNode decided = FixtureRunner.decide(candidate, c, reader);
            JsonNode before = essence(FixtureRunner.decide(active, c, reader));
            JsonNode after = essence(decided);
            if (!Objects.equals(before, after)) {
                boolean holds = !decided.has("failure") && !decided.has("errors")
                        && FixtureMatcher.mismatches(c.expect(), decided).isEmpty();
                differences.add(new Difference(c.file(), c.name(), before, after, c.expect(), holds,
                        NewExpectation.of(c.expect(), decided)));
            }
        }
        return new Comparison(active.version(), candidate.version(), cases.size(), differences,
                labels(candidate, differences));
    }

    private static Map<String, Map<String, String>> labels(Ruleset ruleset, List<Difference> differences) {
        var ref = ruleset.referenceToday(java.time.Clock.fixed(ruleset.loadedAt(), java.time.ZoneOffset.UTC));
        Map<String, String> titles = new java.util.TreeMap<>();
        ruleset.rules().forEach(r -> {
            if (r.code() != null && r.title() != null) {
                titles.putIfAbsent(r.code(), r.title());
            }
        });
        Map<String, Map<String, String>> out = new java.util.LinkedHashMap<>();
        java.util.function.BiConsumer<String, JsonNode> add = (kind, code) -> {
            if (code == null || code.isNull() || code.isMissingNode()) {
                return;
            }
            String c = code.asText();
            String label = kind.equals("VIOLATION") ? titles.getOrDefault(c, c)
                    : kind.equals("LEGAL_BASIS") ? ruleset.legalBasisTitles().getOrDefault(c, c) : ref.label(kind, c);
            out.computeIfAbsent(kind, k -> new java.util.TreeMap<>()).put(c, label);
        };
        for (Difference d : differences) {
            for (JsonNode side : List.of(d.active(), d.candidate())) {
                side.path("violations").forEach(v -> add.accept("VIOLATION", v));
                side.path("orders").forEach(o -> {
                    add.accept("ORDER_TYPE", o.get("type"));
                    add.accept("ACTIVITY", o.get("activity"));
                    add.accept("VIOLATION", o.get("violation"));
                    add.accept("ALERT_LEVEL", o.get("alertLevel"));
                    add.accept("VEHICLE_STANDARD", o.get("maxBannedStandard"));
                });
                side.path("penalties").forEach(p -> {
                    add.accept("LEGAL_BASIS", p.get("legalBasis"));
                    p.path("measures").forEach(m -> add.accept("PENALTY_MEASURE", m));
                    p.path("violations").forEach(v -> add.accept("VIOLATION", v));
                });
                add.accept("ALERT_LEVEL", side.get("level"));
            }
        }
        return out;
    }

    /** What a decision means to its subject: codes, orders and fines; messages, rule names and ids aside. */
    public static JsonNode essence(JsonNode decision) {
        ObjectNode out = JSON.createObjectNode();
        for (String scalar : List.of("compliant", "level", "status")) {
            if (decision.has(scalar)) {
                out.set(scalar, decision.get(scalar));
            }
        }
        for (String refusal : List.of("errors", "failure")) {
            if (decision.has(refusal)) {
                out.set(refusal, decision.get(refusal));
            }
        }
        if (decision.has("violations")) {
            ArrayNode codes = out.putArray("violations");
            decision.get("violations").forEach(v -> codes.add(v.get("code")));
        }
        keep(decision, out, "orders", List.of("type", "activity", "violation", "deadline", "limitPercent",
                "maxBannedStandard", "alertLevel"));
        keep(decision, out, "penalties", List.of("legalBasis", "fineMinYuan", "fineMaxYuan", "recommendedFineYuan",
                "days", "measures", "violations"));
        return out;
    }

    private static void keep(JsonNode from, ObjectNode to, String list, List<String> fields) {
        if (!from.has(list)) {
            return;
        }
        ArrayNode entries = to.putArray(list);
        for (JsonNode e : from.get(list)) {
            ObjectNode kept = entries.addObject();
            fields.stream().filter(e::has).forEach(f -> kept.set(f, e.get(f)));
        }
    }
}
