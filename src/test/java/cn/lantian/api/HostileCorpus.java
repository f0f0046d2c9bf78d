package cn.lantian.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Hostile requests generated from full, valid evaluation and self-check requests: every field of every
 * block, in turn, given the wrong type, null, an array for an object and an object for an array,
 * Infinity and NaN and 1e309, whole numbers past 2^31 and 2^63, numbers where a time is due, times
 * without an offset or out of the years, numbers for texts, 1 MB texts, repeated and overlong lists, an
 * unknown field and a repeated key in every object. Each case says which field the answer must name.
 */
final class HostileCorpus {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Stands in the tree for raw JSON text that a tree cannot hold (1e309, NaN, a repeated key). */
    private static final String RAW = "@@raw-7f3a@@";
    static final String MEGABYTE = "x".repeat(1 << 20);

    /** One hostile request: {@code field} is the JSON path the problem must name (or a field under it). */
    record Case(String what, String body, String field) {}

    static final String SITE = """
            {
              "inspectionId": "INS-2026-0001",
              "inspectedAt": "2026-12-14T10:30:00+08:00",
              "alertLevel": "ORANGE",
              "subject": { "kind": "SITE", "id": "ZZ-2026-0834", "name": "某小区3#楼", "jurisdiction": "zhengzhou",
                           "standard": "EIGHT", "keyProject": false, "nearMonitoringStation": false },
              "site": {
                "activities": ["EARTHWORK", "MUCK_TRANSPORT"],
                "nightWork": false,
                "enclosure":  { "perimeterM": 420, "enclosedM": 420, "minHeightM": 2.5, "alongMainRoad": true },
                "stockpiles": { "count": 4, "covered": 4 },
                "bareSoil":   { "areaM2": 1500, "coveredM2": 1500 },
                "washing":    { "facilityInstalled": true, "vehiclesLeaving": 30, "vehiclesWashed": 30, "mudOnRoad": false },
                "roads":      { "areaM2": 2000, "hardenedM2": 2000 },
                "wetWork":    { "dustyOperations": 3, "wetOperations": 3 },
                "muckTrucks": { "count": 10, "sealed": 10 },
                "monitoring": { "pm10MonitorInstalled": true, "videoInstalled": true, "connected": true },
                "machinery":  { "count": 5, "registered": 5, "compliant": 5 },
                "onSiteMixing": { "concrete": false, "mortar": false },
                "pm10HourlyUgM3": 120
              },
              "history": {
                "violationsLast12Months": 1,
                "rectifications": [ { "orderedAt": "2026-12-10T09:00:00+08:00", "items": ["ENCLOSURE", "STOCKPILE_COVER"],
                                      "originalFineYuan": 20000, "claimedRectified": ["ENCLOSURE"] } ]
              }
            }""";

    /** The first contract's single open order. */
    static final String SITE_SINGLE_ORDER = """
            {
              "inspectedAt": "2026-12-14T10:30:00+08:00",
              "subject": { "kind": "SITE", "id": "ZZ-2026-0835", "jurisdiction": "zhengzhou", "standard": "SIX" },
              "site": { "enclosure": { "perimeterM": 420, "enclosedM": 420, "minHeightM": 2.5, "alongMainRoad": true } },
              "history": { "rectification": { "orderedAt": "2026-12-10T09:00:00+08:00", "items": ["ENCLOSURE"],
                                              "originalFineYuan": 20000, "claimedRectified": ["ENCLOSURE"] } }
            }""";

    static final String ENTERPRISE = """
            {
              "inspectionId": "INS-2026-0002",
              "inspectedAt": "2026-12-14T10:30:00+08:00",
              "alertLevel": "ORANGE",
              "subject": { "kind": "ENTERPRISE", "id": "ZZ-E-0001", "name": "某水泥厂", "jurisdiction": "zhengzhou",
                           "keyProject": false, "nearMonitoringStation": false },
              "enterprise": {
                "industry": "CEMENT",
                "performanceGrade": "B",
                "livelihoodGuarantee": false,
                "staggeredProduction": false,
                "productionLoadPercent": 50,
                "heavyDieselTrucksInUse": { "cn4OrBelow": 0, "cn5": 0, "cn6": 8, "electric": 2 },
                "emissionsExceedStandard": false,
                "controlFacilitiesBypassed": false,
                "autoMonitoring": { "required": true, "installed": true, "connected": true },
                "plan": { "YELLOW": { "limitPercent": 10 }, "ORANGE": { "limitPercent": 50 }, "RED": { "stopProduction": true } }
              },
              "history": { "violationsLast12Months": 0 }
            }""";

    static final List<String> BASES = List.of(SITE, SITE_SINGLE_ORDER, ENTERPRISE);

    private static final Set<String> TIMES = Set.of("inspectedAt", "orderedAt");
    private static final Map<String, String> ENUMS = Map.of("alertLevel", "ORANGE", "kind", "SITE",
            "activities", "EARTHWORK", "performanceGrade", "B");
    private static final Set<String> INTEGERS = Set.of("count", "covered", "vehiclesLeaving", "vehiclesWashed",
            "dustyOperations", "wetOperations", "sealed", "registered", "compliant", "cn4OrBelow", "cn5", "cn6",
            "electric", "violationsLast12Months", "originalFineYuan", "limitPercent");
    /** Texts by their limit; an empty text is refused for these too. */
    private static final Map<String, Integer> TEXTS = Map.of("inspectionId", 100, "id", 100, "name", 200,
            "jurisdiction", 64, "standard", 64, "industry", 64, "items", 64, "claimedRectified", 64);
    private static final Set<String> EMPTY_REFUSED = Set.of("id", "standard", "industry", "items", "claimedRectified");
    /** Above what a real inspection holds (each field's limit, exceeded). */
    private static final Map<String, String> ABOVE_LIMIT = Map.ofEntries(
            Map.entry("perimeterM", "100001"), Map.entry("enclosedM", "100001"), Map.entry("minHeightM", "51"),
            Map.entry("areaM2", "100000001"), Map.entry("coveredM2", "100000001"), Map.entry("hardenedM2", "100000001"),
            Map.entry("pm10HourlyUgM3", "100001"), Map.entry("productionLoadPercent", "100.5"),
            Map.entry("limitPercent", "101"), Map.entry("originalFineYuan", "1000000001"),
            Map.entry("violationsLast12Months", "100001"));
    /** The part of each count/area pair, and its whole. */
    private static final Map<String, String> PART_OF = Map.of("enclosedM", "perimeterM", "covered", "count",
            "coveredM2", "areaM2", "vehiclesWashed", "vehiclesLeaving", "hardenedM2", "areaM2",
            "wetOperations", "dustyOperations", "sealed", "count", "registered", "count", "compliant", "count");
    /** Fields that may be absent or null: null is refused everywhere else. */
    private static final Set<String> OPTIONAL = Set.of("inspectionId", "alertLevel", "subject.name",
            "subject.jurisdiction", "subject.standard", "subject.keyProject", "subject.nearMonitoringStation",
            "site.activities", "site.nightWork", "site.enclosure", "site.stockpiles", "site.bareSoil", "site.washing",
            "site.roads", "site.wetWork", "site.muckTrucks", "site.monitoring", "site.machinery", "site.onSiteMixing",
            "site.pm10HourlyUgM3", "history", "history.violationsLast12Months", "history.rectifications",
            "history.rectification", "history.rectifications[].claimedRectified", "history.rectification.claimedRectified",
            "enterprise.livelihoodGuarantee", "enterprise.staggeredProduction", "enterprise.heavyDieselTrucksInUse",
            "enterprise.emissionsExceedStandard", "enterprise.controlFacilitiesBypassed", "enterprise.autoMonitoring",
            "enterprise.plan", "enterprise.plan.YELLOW.limitPercent", "enterprise.plan.ORANGE.limitPercent",
            "enterprise.plan.RED.stopProduction");
    private static final List<String> ACTIVITIES = List.of("EARTHWORK", "DEMOLITION", "MUCK_TRANSPORT",
            "OUTDOOR_SPRAY_PAINTING", "SLOPE_SHOTCRETE", "CONCRETE_MIXING", "OUTDOOR_CONSTRUCTION");
    private static final List<String> CODES = List.of("ENCLOSURE", "STOCKPILE_COVER", "BARE_SOIL_COVER",
            "VEHICLE_WASHING", "ROAD_HARDENING", "WET_WORK", "SEALED_TRANSPORT", "ONLINE_MONITORING");

    private HostileCorpus() {}

    /** Every case for a target; {@code timeOptional} for self-checks, where a record may leave out its time. */
    static List<Case> cases(boolean timeOptional) {
        List<Case> cases = new ArrayList<>();
        for (String base : BASES) {
            JsonNode root = read(base);
            walk(root, root, new ArrayList<>(), timeOptional, cases::add);
        }
        return cases;
    }

    private static void walk(JsonNode root, JsonNode node, List<Object> steps, boolean timeOptional, Consumer<Case> out) {
        if (!steps.isEmpty()) {
            mutate(root, node, steps, timeOptional, out);
        } else {
            objectMutations(root, node, steps, out);
        }
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                List<Object> next = new ArrayList<>(steps);
                next.add(e.getKey());
                walk(root, e.getValue(), next, timeOptional, out);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                List<Object> next = new ArrayList<>(steps);
                next.add(i);
                walk(root, node.get(i), next, timeOptional, out);
            }
        }
    }

    private static void mutate(JsonNode root, JsonNode node, List<Object> steps, boolean timeOptional, Consumer<Case> out) {
        String path = path(steps);
        String name = name(steps);
        boolean optional = OPTIONAL.contains(schemaPath(steps)) || (timeOptional && path.equals("inspectedAt"));
        Mutator m = new Mutator(root, steps, path, out);
        if (!optional) {
            m.raw("null", "null");
        }
        if (node.isObject()) {
            m.raw("an array for an object", "[]");
            m.raw("the object inside an array", "[" + write(node) + "]");
            m.raw("a text for an object", "\"yes\"");
            m.raw("a number for an object", "1");
            m.raw("true for an object", "true");
            objectMutations(root, node, steps, out);
        } else if (node.isArray()) {
            m.raw("an object for an array", "{}");
            m.raw("a number for an array", "7");
            m.raw("true for an array", "true");
            m.raw("a single value for a list", write(node.get(0)));
            m.raw("a repeated value", append(node, write(node.get(0))));
            m.raw("a null value in the list", append(node, "null"));
            m.raw("a number in the list", append(node, "1"));
            m.raw("a list in the list", append(node, "[]"));
            m.raw("an overlong list", overlong(name, node));
            if (name.equals("items")) {
                m.raw("an empty list of items", "[]");
            }
        } else if (node.isTextual() && TIMES.contains(name)) {
            for (String t : List.of("2026-12-14T10:30:00", "2026-12-14", "10:30", "0001-12-14T10:30:00+08:00",
                    "1999-12-31T23:59:59+08:00", "2101-01-01T00:00:00+08:00", "9999-12-14T10:30:00+08:00",
                    "+999999999-12-14T10:30:00+08:00", "-999999999-01-01T00:00:00+08:00", "2026-12-14T10:30:00+25:00",
                    "2026-02-30T10:30:00+08:00", "yesterday", "", " ")) {
                m.raw("the time \"" + t + "\"", quote(t));
            }
            m.raw("a number for a time (epoch seconds)", "1765679400");
            m.raw("a fraction for a time", "1765679400.5");
            m.raw("true for a time", "true");
            m.raw("an object for a time", "{\"year\": 2026}");
            m.raw("an array for a time", "[2026, 12, 14, 10, 30]");
            m.raw("a 1 MB text for a time", quote(MEGABYTE));
            if (name.equals("orderedAt")) {
                m.raw("an order dated after the inspection", quote("2026-12-20T09:00:00+08:00"));
            }
        } else if (node.isTextual() && ENUMS.containsKey(name)) {
            m.raw("an unknown value", "\"PURPLE\"");
            m.raw("a value in lower case", quote(node.asText().toLowerCase()));
            m.raw("a number for a value", "3");
            m.raw("an empty value", "\"\"");
            m.raw("true for a value", "true");
            m.raw("an object for a value", "{}");
            m.raw("a 1 MB value", quote(MEGABYTE));
        } else if (node.isTextual()) {
            int limit = TEXTS.getOrDefault(name, 64);
            m.raw("a number for a text", "12345");
            m.raw("a fraction for a text", "1.5");
            m.raw("true for a text", "true");
            m.raw("an object for a text", "{}");
            m.raw("a list for a text", "[\"" + node.asText() + "\"]");
            m.raw("a text one past its limit", quote("A".repeat(limit + 1)));
            m.raw("a 1 MB text", quote(MEGABYTE));
            if (EMPTY_REFUSED.contains(name)) {
                m.raw("an empty text", "\"\"");
            }
        } else if (node.isNumber()) {
            boolean whole = INTEGERS.contains(name);
            m.raw("a negative number", "-1");
            m.raw("1e309 (beyond a double)", "1e309");
            m.raw("-1e309", "-1e309");
            m.raw("1e308", "1e308");
            m.raw("2^63", "9223372036854775808");
            m.raw("-2^63 - 1", "-9223372036854775809");
            m.raw("a number of 200 digits", "1" + "0".repeat(199));
            m.raw("NaN", "NaN");
            m.raw("Infinity", "Infinity");
            m.raw("a number as text", quote(node.asText()));
            m.raw("true for a number", "true");
            m.raw("a list for a number", "[" + node.asText() + "]");
            m.raw("an object for a number", "{}");
            if (whole) {
                m.raw("2^31", "2147483648");
                m.raw("a fraction for a whole number", "3.5");
                m.raw("a whole number written as a float", "1e2");
            }
            if (ABOVE_LIMIT.containsKey(name) || whole) {
                m.raw("above what an inspection can hold", ABOVE_LIMIT.getOrDefault(name, "10001"));
            }
            String whole2 = PART_OF.get(name);
            if (whole2 != null) {
                JsonNode parent = at(root, steps.subList(0, steps.size() - 1));
                JsonNode w = parent.get(whole2);
                m.raw("a part larger than its whole", whole ? String.valueOf(w.asLong() + 1) : (w.asDouble() + 0.5) + "");
            }
        } else if (node.isBoolean()) {
            m.raw("a text for true/false", "\"true\"");
            m.raw("1 for true", "1");
            m.raw("0 for false", "0");
            m.raw("yes for true", "\"yes\"");
            m.raw("an object for true/false", "{}");
            m.raw("a list for true/false", "[true]");
        }
    }

    /** An unknown field, a misspelt one and a repeated key in an object; for a plan, an unknown level. */
    private static void objectMutations(JsonNode root, JsonNode node, List<Object> steps, Consumer<Case> out) {
        String path = path(steps);
        String prefix = path.equals("$") ? "" : path + ".";
        Mutator m = new Mutator(root, steps, path, out);
        ObjectNode withUnknown = node.deepCopy();
        withUnknown.put("bogus", 1);
        m.tree("an unknown field", withUnknown, prefix + "bogus");
        String first = node.fieldNames().next();
        char c = first.charAt(0);
        String misspelt = (Character.isUpperCase(c) ? Character.toLowerCase(c) : Character.toUpperCase(c)) + first.substring(1);
        ObjectNode withMisspelt = node.deepCopy();
        withMisspelt.set(misspelt, withMisspelt.get(first));
        withMisspelt.remove(first);
        m.tree("a misspelt field " + misspelt, withMisspelt, prefix + misspelt);
        String text = write(node);
        m.raw("the key " + first + " given twice", "{" + quote(first) + ": " + write(node.get(first)) + ", " + text.substring(1),
                prefix + first);
    }

    /** Puts a replacement at a path of a copy of the request. */
    private record Mutator(JsonNode root, List<Object> steps, String path, Consumer<Case> out) {
        void raw(String what, String raw) {
            raw(what, raw, path);
        }

        void raw(String what, String raw, String field) {
            String body = raw;
            if (!steps.isEmpty()) {
                JsonNode copy = root.deepCopy();
                set(copy, steps, TextNode.valueOf(RAW));
                body = write(copy).replace(quote(RAW), raw);
            }
            out.accept(new Case(path + ": " + what, body, field));
        }

        void tree(String what, JsonNode replacement, String field) {
            JsonNode copy = root.deepCopy();
            copy = steps.isEmpty() ? replacement : set(copy, steps, replacement);
            out.accept(new Case(path + ": " + what, write(copy), field));
        }
    }

    private static String overlong(String name, JsonNode list) {
        List<String> values = new ArrayList<>();
        switch (name) {
            case "activities" -> {
                for (int i = 0; i < 100_000; i++) {
                    values.add(quote(ACTIVITIES.get(i % ACTIVITIES.size())));
                }
            }
            case "rectifications" -> {
                for (int i = 0; i < 101; i++) {
                    values.add(write(list.get(0)));
                }
            }
            default -> {
                for (int i = 0; i < 51; i++) {
                    values.add(quote(CODES.get(i % CODES.size())));
                }
            }
        }
        return "[" + String.join(",", values) + "]";
    }

    private static String append(JsonNode list, String raw) {
        String text = write(list);
        return text.substring(0, text.length() - 1) + (list.isEmpty() ? "" : ",") + raw + "]";
    }

    private static JsonNode set(JsonNode root, List<Object> steps, JsonNode value) {
        JsonNode parent = at(root, steps.subList(0, steps.size() - 1));
        Object last = steps.get(steps.size() - 1);
        if (last instanceof Integer i) {
            ((ArrayNode) parent).set(i, value);
        } else {
            ((ObjectNode) parent).set((String) last, value);
        }
        return root;
    }

    private static JsonNode at(JsonNode root, List<Object> steps) {
        JsonNode n = root;
        for (Object s : steps) {
            n = s instanceof Integer i ? n.get(i) : n.get((String) s);
        }
        return n;
    }

    static String path(List<Object> steps) {
        StringBuilder sb = new StringBuilder();
        for (Object s : steps) {
            if (s instanceof Integer i) {
                sb.append('[').append(i).append(']');
            } else {
                sb.append(sb.isEmpty() ? "" : ".").append(s);
            }
        }
        return sb.isEmpty() ? "$" : sb.toString();
    }

    /** The path with list indices left out, as OPTIONAL names them: history.rectifications[].claimedRectified. */
    private static String schemaPath(List<Object> steps) {
        return path(steps).replaceAll("\\[\\d+]", "[]");
    }

    /** The field's own name; a list element is named by its list. */
    private static String name(List<Object> steps) {
        for (int i = steps.size() - 1; i >= 0; i--) {
            if (steps.get(i) instanceof String s) {
                return s;
            }
        }
        return "$";
    }

    static String quote(String s) {
        return write(TextNode.valueOf(s));
    }

    static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String write(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
