package cn.lantian.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A case's expectation rewritten to a new answer, on purpose: only the fields the case already asserts, each
 * set to what the new decision says. {@code compliant} and {@code level} take the new value; {@code violations}
 * the new set of codes; in {@code orders}, {@code penalties} and {@code warnings} an expected entry that still
 * matches stays as it is, one whose counterpart changed (the same order type, violation and activity; the same
 * legal basis; the same warning code) takes the counterpart's values on the fields it names, and one with no
 * counterpart left is dropped; a list that asserted none names the new entries by what identifies them.
 */
public final class NewExpectation {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** What identifies an entry of each list, to find an expected entry's counterpart in a new decision. */
    private static final Map<String, List<String>> IDENTITY = Map.of(
            "orders", List.of("type", "violation", "activity"),
            "penalties", List.of("legalBasis"),
            "warnings", List.of("code", "legalBasis"));

    private NewExpectation() {}

    public static ObjectNode of(JsonNode expect, JsonNode decision) {
        ObjectNode out = JSON.createObjectNode();
        for (Iterator<String> it = expect.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            JsonNode want = expect.get(field);
            switch (field) {
                case "compliant", "level" -> out.set(field, decision.has(field) ? decision.get(field) : want);
                case "violations" -> {
                    ArrayNode codes = out.putArray(field);
                    decision.path("violations").forEach(v -> codes.add(v.isTextual() ? v.asText() : v.path("code").asText()));
                }
                case "orders", "penalties", "warnings" -> out.set(field, entries(field, want, decision.path(field)));
                default -> out.set(field, want);
            }
        }
        return out;
    }

    private static ArrayNode entries(String list, JsonNode want, JsonNode got) {
        ArrayNode out = JSON.createArrayNode();
        List<String> identity = IDENTITY.get(list);
        if (want.isEmpty()) {
            got.forEach(g -> out.add(project(g, identity)));
            return out;
        }
        for (JsonNode w : want) {
            JsonNode same = null;
            JsonNode counterpart = null;
            for (JsonNode g : got) {
                if (matches(w, g)) {
                    same = g;
                    break;
                }
                if (counterpart == null && identifies(w, g, identity)) {
                    counterpart = g;
                }
            }
            if (same != null) {
                out.add(w);
            } else if (counterpart != null) {
                List<String> named = new java.util.ArrayList<>();
                w.fieldNames().forEachRemaining(named::add);
                out.add(project(counterpart, named));
            }
        }
        return out;
    }

    /** Whether the entry has the same identity as the expected one, on the identifying fields the expectation names. */
    private static boolean identifies(JsonNode want, JsonNode got, List<String> identity) {
        boolean any = false;
        for (String f : identity) {
            if (want.has(f)) {
                any = true;
                if (!want.get(f).equals(got.get(f))) {
                    return false;
                }
            }
        }
        return any;
    }

    private static ObjectNode project(JsonNode entry, List<String> fields) {
        ObjectNode out = JSON.createObjectNode();
        fields.stream().filter(entry::has).forEach(f -> out.set(f, entry.get(f)));
        return out;
    }

    private static boolean matches(JsonNode want, JsonNode got) {
        ArrayNode one = JSON.createArrayNode().add(got);
        ObjectNode expect = JSON.createObjectNode();
        expect.set("orders", JSON.createArrayNode().add(want));
        ObjectNode decision = JSON.createObjectNode();
        decision.set("orders", one);
        return cn.lantian.fixture.FixtureMatcher.mismatches(expect, decision).isEmpty();
    }
}
