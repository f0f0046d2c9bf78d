package cn.lantian.audit;

import cn.lantian.engine.RequestReader;
import cn.lantian.engine.Ruleset;
import cn.lantian.fixture.FixtureCase;
import cn.lantian.fixture.FixtureRunner;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Every case decided under the active and the candidate rules, and the decisions that differ, side by
 * side: the violation codes, the orders and the fines (what a subject would feel), not the wording.
 */
public record Comparison(String activeVersion, String candidateVersion, int cases, List<Difference> differences) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public record Difference(String file, String name, JsonNode active, JsonNode candidate) {}

    public static Comparison of(Ruleset active, Ruleset candidate, List<FixtureCase> cases, RequestReader reader) {
        List<Difference> differences = new ArrayList<>();
        for (FixtureCase c : cases) {
            JsonNode before = essence(FixtureRunner.decide(active, c, reader));
            JsonNode after = essence(FixtureRunner.decide(candidate, c, reader));
            if (!Objects.equals(before, after)) {
                differences.add(new Difference(c.file(), c.name(), before, after));
            }
        }
        return new Comparison(active.version(), candidate.version(), cases.size(), differences);
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
