package cn.lantian.registry;

import cn.lantian.engine.ActiveRuleset;
import cn.lantian.engine.FieldError;
import cn.lantian.engine.InvalidRequestException;
import cn.lantian.engine.RequestReader;
import cn.lantian.fact.PerformanceGrade;
import cn.lantian.fact.Reference;
import cn.lantian.fact.SubjectKind;
import cn.lantian.identity.Access;
import cn.lantian.identity.Actor;
import cn.lantian.identity.Role;
import cn.lantian.store.AuditLog;
import cn.lantian.store.CaseStore;
import cn.lantian.store.EvaluationStore;
import cn.lantian.store.StoredCase;
import cn.lantian.store.StoredEvaluation;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.security.ForbiddenException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.Validator;
import jakarta.ws.rs.NotFoundException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The registry as the bureau uses it (contract sections 7 and 9): profiles put one by one by staff of the
 * subject's jurisdiction or imported in bulk by a CHIEF, the list of subjects with their latest evaluation
 * (registered or only inspected), a subject's file, and the list as CSV.
 */
@ApplicationScoped
public class Subjects {
    public static final int MAX_PAGE_SIZE = 100;
    /** The most rows an export writes, and an import reads. */
    public static final int MAX_ROWS = 20_000;

    @Inject
    SubjectRegistry registry;

    @Inject
    EvaluationStore evaluations;

    @Inject
    CaseStore cases;

    @Inject
    ActiveRuleset rules;

    @Inject
    Validator validator;

    @Inject
    ObjectMapper json;

    @Inject
    Clock clock;

    @Inject
    AuditLog audit;

    @Inject
    cn.lantian.store.Database db;

    /** The latest evaluation of a listed subject: when, whether compliant, and what it found. */
    public record LatestEvaluation(String id, String inspectedAt, boolean compliant, List<String> violations) {}

    /** A subject as listed: registered (with its profile) or only inspected. */
    public record Item(String id, String kind, String jurisdiction, String name, boolean registered, Profile profile,
                       LatestEvaluation latestEvaluation) {}

    public record Page(int page, int size, long total, List<Item> items) {}

    /** A subject's file: its profile, latest evaluation, and its open and overdue cases. */
    public record File(String id, String kind, String jurisdiction, String name, boolean registered, Profile profile,
                       LatestEvaluation latestEvaluation, long openCases, long overdueCases) {}

    /** Creates or replaces a profile: INSPECTOR or CHIEF acting in its jurisdiction, and in every one it is already kept in. */
    public Profile put(Actor actor, String id, String body) {
        checkId(id);
        RequestReader reader = new RequestReader(validator);
        SubjectRequest r = reader.parse(body, SubjectRequest.class);
        List<FieldError> errors = reader.violations(r);
        if (!errors.isEmpty()) {
            throw new InvalidRequestException("The subject is invalid", errors);
        }
        Access.mayActIn(actor, r.jurisdiction(), Role.INSPECTOR, Role.CHIEF);
        registry.find(id).ifPresent(p -> Access.mayActIn(actor, p.jurisdiction(), Role.INSPECTOR, Role.CHIEF));
        for (String j : evaluations.jurisdictionsOf(id)) {
            if (!j.equals(r.jurisdiction())) {
                Access.mayActIn(actor, j, Role.INSPECTOR, Role.CHIEF);
            }
        }
        return db.transaction(() -> {
            Profile p = registry.put(id, r, OffsetDateTime.now(clock));
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("kind", p.kind());
            detail.put("name", p.name());
            audit.record(actor.username(), "SUBJECT_PUT", id, p.jurisdiction(), detail);
            return p;
        });
    }

    /** The jurisdictions a list or overview covers: the one asked for, where the user acts, else all the user acts in. */
    public static Set<String> scope(Actor actor, String jurisdiction) {
        if (jurisdiction != null) {
            Access.mayActIn(actor, jurisdiction, Role.INSPECTOR, Role.CHIEF);
            return Set.of(jurisdiction);
        }
        return actor.jurisdictions();
    }

    public Page list(Actor actor, String jurisdiction, SubjectKind kind, int page, int size) {
        Set<String> scope = scope(actor, jurisdiction);
        SubjectRegistry.Rows rows = registry.list(scope, kind == null ? null : kind.name(), page, size);
        return new Page(page, size, rows.total(), items(rows.rows()));
    }

    /** Every subject of the list, for an export (at most {@link #MAX_ROWS}). */
    public List<Item> all(Actor actor, String jurisdiction, SubjectKind kind) {
        Set<String> scope = scope(actor, jurisdiction);
        List<Item> out = new ArrayList<>();
        for (int page = 0; out.size() < MAX_ROWS; page++) {
            SubjectRegistry.Rows rows = registry.list(scope, kind == null ? null : kind.name(), page, MAX_PAGE_SIZE);
            out.addAll(items(rows.rows()));
            if (rows.rows().size() < MAX_PAGE_SIZE) {
                break;
            }
        }
        return out;
    }

    private List<Item> items(List<SubjectRegistry.Row> rows) {
        Map<String, String[]> decisions = registry.decisions(rows.stream().filter(r -> r.latest() != null)
                .map(r -> r.latest().evaluationId()).toList());
        List<Item> out = new ArrayList<>();
        for (SubjectRegistry.Row r : rows) {
            LatestEvaluation latest = null;
            String name = r.profile() == null ? null : r.profile().name();
            if (r.latest() != null) {
                String[] d = decisions.get(r.latest().evaluationId());
                latest = new LatestEvaluation(r.latest().evaluationId(), r.latest().inspectedAt(), r.latest().compliant(),
                        d == null ? List.of() : codes(d[0]));
                if (name == null && d != null) {
                    name = blankToNull(tree(d[1]).path("subject").path("name").asText(null));
                }
            }
            out.add(new Item(r.id(), r.kind(), r.jurisdiction(), name, r.profile() != null, r.profile(), latest));
        }
        return out;
    }

    /** A subject's file: staff of its jurisdiction, or its own account. */
    public File file(Actor actor, String id) {
        Optional<Profile> profile = registry.find(id);
        Optional<StoredEvaluation> latest = evaluations.latestBefore(id, OffsetDateTime.now(clock).plusYears(100));
        if (profile.isEmpty() && latest.isEmpty()) {
            if (!actor.owns(id) && !actor.hasAny(Role.INSPECTOR, Role.CHIEF)) {
                throw new ForbiddenException("the account " + actor.username() + " is not bound to the subject " + id);
            }
            throw new NotFoundException("no subject " + id + " is registered or inspected");
        }
        String jurisdiction = profile.map(Profile::jurisdiction).orElseGet(() -> latest.get().jurisdiction());
        Access.mayRead(actor, id, jurisdiction);
        String kind = profile.map(Profile::kind).orElseGet(() -> latest.get().subjectKind());
        String name = profile.map(Profile::name).orElse(null);
        LatestEvaluation last = null;
        if (latest.isPresent()) {
            StoredEvaluation e = latest.get();
            last = new LatestEvaluation(e.id(), e.inspectedAt().toString(), e.compliant(), codes(e.decision()));
            if (name == null) {
                name = blankToNull(tree(e.request()).path("subject").path("name").asText(null));
            }
        }
        List<StoredCase> open = cases.open(id);
        long overdue = open.stream().filter(c -> c.overdueAt(clock.instant())).count();
        return new File(id, kind, jurisdiction, name, profile.isPresent(), profile.orElse(null), last, open.size(), overdue);
    }

    /** What an import did: how many rows it kept. */
    public record Imported(int rows, int created, int updated) {}

    /** A bad cell (or row) of an imported list. */
    public record RowProblem(int line, Integer column, String header, String message) {}

    /** Thrown when a list is refused whole; each problem says its line and column. */
    public static class ImportRefused extends RuntimeException {
        public final transient List<RowProblem> problems;

        ImportRefused(List<RowProblem> problems) {
            super("the list was not imported: " + problems.size() + " problem(s), no row was kept");
            this.problems = List.copyOf(problems);
        }
    }

    /**
     * Imports the city's list: every row or none. {@code defaultJurisdiction}, when given, is the
     * jurisdiction of a row that names none; each row's jurisdiction must be one the CHIEF acts in.
     */
    public Imported importList(Actor actor, byte[] bytes, String defaultJurisdiction) {
        if (defaultJurisdiction != null) {
            Access.mayActIn(actor, defaultJurisdiction, Role.CHIEF);
        }
        List<RowProblem> problems = new ArrayList<>();
        List<String> syntax = new ArrayList<>();
        List<SubjectCsv.Line> lines;
        if (SubjectXlsx.isWorkbook(bytes)) {
            lines = SubjectXlsx.read(bytes, syntax);
        } else {
            String text = SubjectCsv.decode(bytes);
            if (text == null) {
                throw new ImportRefused(List.of(new RowProblem(0, null, null,
                        "the file is neither an Excel workbook (.xlsx, .xls) nor UTF-8 or GB18030/GBK text; save it from Excel "
                                + "as “Excel 工作簿”, “CSV UTF-8（逗号分隔）” or “CSV（逗号分隔）”")));
            }
            lines = SubjectCsv.records(text, syntax);
        }
        syntax.forEach(s -> problems.add(new RowProblem(lineOf(s), null, null, s)));
        if (lines.isEmpty()) {
            problems.add(new RowProblem(1, null, null, "the list is empty: its first line names the columns"));
            throw new ImportRefused(problems);
        }
        if (lines.size() - 1 > MAX_ROWS) {
            throw new ImportRefused(List.of(new RowProblem(0, null, null, "the list has more than " + MAX_ROWS + " rows")));
        }
        List<String> headerProblems = new ArrayList<>();
        Map<SubjectCsv.Column, Integer> at = SubjectCsv.header(lines.get(0), headerProblems);
        headerProblems.forEach(s -> problems.add(new RowProblem(lines.get(0).line(), null, null, s)));
        if (!problems.isEmpty()) {
            throw new ImportRefused(problems);
        }
        Reference ref = rules.get().referenceToday(clock);
        Map<String, String> jurisdictionByLabel = inverse(ref.labelsByKind().getOrDefault("JURISDICTION", Map.of()));
        Map<String, String> kindByLabel = inverse(ref.labelsByKind().getOrDefault("SUBJECT_KIND", Map.of()));
        Map<String, String> gradeByLabel = inverse(ref.labelsByKind().getOrDefault("PERFORMANCE_GRADE", Map.of()));
        RequestReader reader = new RequestReader(validator);
        Map<String, SubjectRequest> rows = new LinkedHashMap<>();
        Map<String, Integer> lineOfId = new LinkedHashMap<>();
        for (SubjectCsv.Line line : lines.subList(1, lines.size())) {
            int before = problems.size();
            if (line.cells().size() > lines.get(0).cells().size()) {
                problems.add(new RowProblem(line.line(), lines.get(0).cells().size() + 1, null,
                        "the row has more cells than the header has columns"));
                continue;
            }
            Cells c = new Cells(line, at);
            String kindText = c.text(SubjectCsv.Column.KIND);
            SubjectKind kind = SubjectKind.ENTERPRISE;
            if (kindText != null) {
                String code = kindByLabel.getOrDefault(kindText, kindText.toUpperCase(java.util.Locale.ROOT));
                try {
                    kind = SubjectKind.valueOf(code);
                } catch (IllegalArgumentException e) {
                    problems.add(c.problem(SubjectCsv.Column.KIND, "must be 施工工地 or 工业企业, not “" + kindText + "”"));
                }
            }
            String jurisdiction = c.text(SubjectCsv.Column.JURISDICTION);
            jurisdiction = jurisdiction == null ? defaultJurisdiction : jurisdictionByLabel.getOrDefault(jurisdiction, jurisdiction);
            if (jurisdiction == null) {
                problems.add(c.problem(SubjectCsv.Column.JURISDICTION, "names no jurisdiction (辖区), and the import names no default (?jurisdiction=)"));
            } else if (!actor.actsIn(jurisdiction)) {
                problems.add(c.problem(SubjectCsv.Column.JURISDICTION, actor.username() + " does not act in the jurisdiction " + jurisdiction));
            }
            String gradeText = c.text(SubjectCsv.Column.PERFORMANCE_GRADE);
            PerformanceGrade grade = null;
            if (gradeText != null) {
                String squeezed = gradeText.replace(" ", "");
                String code = gradeByLabel.getOrDefault(squeezed, squeezed.replace("级", "").replace("-", "_MINUS")
                        .toUpperCase(java.util.Locale.ROOT));
                try {
                    grade = PerformanceGrade.valueOf(code);
                } catch (IllegalArgumentException e) {
                    problems.add(c.problem(SubjectCsv.Column.PERFORMANCE_GRADE, "is no performance grade: “" + gradeText
                            + "” (A 级, 引领性, B 级, B- 级, C 级, D 级, 未评级)"));
                }
            }
            SubjectRequest r = new SubjectRequest(kind, jurisdiction, c.text(SubjectCsv.Column.NAME),
                    upper(c.text(SubjectCsv.Column.CREDIT_CODE)), c.text(SubjectCsv.Column.PROJECT_CODE),
                    c.text(SubjectCsv.Column.ADDRESS), c.text(SubjectCsv.Column.LEGAL_REPRESENTATIVE),
                    c.text(SubjectCsv.Column.BUILDER), c.text(SubjectCsv.Column.CONTRACTOR), grade,
                    c.text(SubjectCsv.Column.INDUSTRY));
            for (FieldError e : reader.violations(r)) {
                SubjectCsv.Column col = columnOf(e.field());
                if (col == SubjectCsv.Column.JURISDICTION && jurisdiction == null) {
                    continue; // said above
                }
                problems.add(c.problem(col, e.message()));
            }
            String id = firstOf(c.text(SubjectCsv.Column.ID), r.creditCode(), r.projectCode());
            if (id == null) {
                problems.add(c.problem(SubjectCsv.Column.ID, "the row needs an 编号, a 统一社会信用代码 or a 项目编号 to be known by"));
            } else if (id.length() > 100) {
                problems.add(c.problem(SubjectCsv.Column.ID, "is longer than 100 characters"));
            } else if (lineOfId.containsKey(id)) {
                problems.add(c.problem(SubjectCsv.Column.ID, "the subject " + id + " is on line " + lineOfId.get(id) + " too"));
            } else {
                lineOfId.put(id, line.line());
                Optional<Profile> was = registry.find(id);
                if (was.isPresent() && !actor.actsIn(was.get().jurisdiction())) {
                    problems.add(c.problem(SubjectCsv.Column.ID, "the subject " + id + " is registered in the jurisdiction "
                            + was.get().jurisdiction() + ", where " + actor.username() + " does not act"));
                }
            }
            if (problems.size() == before) {
                rows.put(id, r);
            }
        }
        if (!problems.isEmpty()) {
            throw new ImportRefused(problems);
        }
        int existing = (int) rows.keySet().stream().filter(id -> registry.find(id).isPresent()).count();
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("rows", rows.size());
        detail.put("jurisdictions", rows.values().stream().map(SubjectRequest::jurisdiction).distinct().sorted().toList());
        return db.transaction(() -> { // the rows and the audit event, together or not at all
            registry.putAll(rows, OffsetDateTime.now(clock));
            audit.record(actor.username(), "SUBJECTS_IMPORTED", "subjects", defaultJurisdiction, detail);
            return new Imported(rows.size(), rows.size() - existing, existing);
        });
    }

    /** The list as CSV (UTF-8 with a byte-order mark, which Excel opens as such), codes in their Chinese words. */
    public String csv(List<Item> items) {
        StringBuilder out = new StringBuilder("\uFEFF");
        for (List<String> row : table(items)) {
            out.append(String.join(",", row.stream().map(SubjectCsv::cell).toList())).append("\r\n");
        }
        return out.toString();
    }

    /** The list as a table: the columns' names, then a row per subject, codes in their Chinese words. */
    public List<List<String>> table(List<Item> items) {
        Reference ref = rules.get().referenceToday(clock);
        Map<String, String> titles = titles();
        List<List<String>> out = new ArrayList<>();
        List<String> header = new ArrayList<>();
        for (SubjectCsv.Column c : SubjectCsv.Column.values()) {
            header.add(c.header());
        }
        header.addAll(List.of("已登记", "最近检查时间", "最近检查结论", "违法事项"));
        out.add(header);
        for (Item i : items) {
            Profile p = i.profile();
            List<String> cells = new ArrayList<>(List.of(i.id(), ref.label("SUBJECT_KIND", i.kind()), nn(i.name()),
                    p == null ? "" : nn(p.creditCode()), p == null ? "" : nn(p.projectCode()),
                    ref.label("JURISDICTION", i.jurisdiction()), p == null ? "" : nn(p.address()),
                    p == null ? "" : nn(p.legalRepresentative()), p == null ? "" : nn(p.builder()),
                    p == null ? "" : nn(p.contractor()),
                    p == null || p.performanceGrade() == null ? "" : ref.label("PERFORMANCE_GRADE", p.performanceGrade()),
                    p == null ? "" : nn(p.industry()), i.registered() ? "是" : "否"));
            LatestEvaluation l = i.latestEvaluation();
            cells.add(l == null ? "" : l.inspectedAt());
            cells.add(l == null ? "未检查" : l.compliant() ? "合规" : "不合规");
            cells.add(l == null ? "" : String.join("；", l.violations().stream().map(v -> titles.getOrDefault(v, v)).toList()));
            out.add(cells);
        }
        return out;
    }

    /** The rules' title of every code they produce (the vocabulary's titles). */
    public Map<String, String> titles() {
        Map<String, String> titles = new LinkedHashMap<>();
        for (var r : rules.get().rules()) {
            if (r.code() != null && r.title() != null) {
                titles.putIfAbsent(r.code(), r.title());
            }
        }
        return titles;
    }

    /** The violation codes of a decision, once each, in its order. */
    public List<String> codes(String decision) {
        List<String> codes = new ArrayList<>();
        tree(decision).path("violations").forEach(v -> {
            String code = v.path("code").asText();
            if (!codes.contains(code)) {
                codes.add(code);
            }
        });
        return codes;
    }

    private JsonNode tree(String text) {
        try {
            return json.readTree(text);
        } catch (Exception e) {
            return json.createObjectNode();
        }
    }

    /** The cells of a row by column. */
    private record Cells(SubjectCsv.Line line, Map<SubjectCsv.Column, Integer> at) {
        String text(SubjectCsv.Column c) {
            Integer i = at.get(c);
            if (i == null || i >= line.cells().size()) {
                return null;
            }
            String t = line.cells().get(i).text();
            return t.isEmpty() ? null : t;
        }

        RowProblem problem(SubjectCsv.Column c, String message) {
            Integer i = c == null ? null : at.get(c);
            return new RowProblem(line.line(), i == null ? null : i + 1, c == null ? null : c.header(), message);
        }
    }

    private static SubjectCsv.Column columnOf(String field) {
        return switch (field) {
            case "kind" -> SubjectCsv.Column.KIND;
            case "jurisdiction" -> SubjectCsv.Column.JURISDICTION;
            case "name" -> SubjectCsv.Column.NAME;
            case "creditCode" -> SubjectCsv.Column.CREDIT_CODE;
            case "projectCode" -> SubjectCsv.Column.PROJECT_CODE;
            case "address" -> SubjectCsv.Column.ADDRESS;
            case "legalRepresentative" -> SubjectCsv.Column.LEGAL_REPRESENTATIVE;
            case "builder" -> SubjectCsv.Column.BUILDER;
            case "contractor" -> SubjectCsv.Column.CONTRACTOR;
            case "performanceGrade" -> SubjectCsv.Column.PERFORMANCE_GRADE;
            case "industry" -> SubjectCsv.Column.INDUSTRY;
            default -> null;
        };
    }

    static void checkId(String id) {
        if (id == null || id.isBlank() || id.length() > 100 || id.chars().anyMatch(ch -> ch < 0x20 || ch == 0x7F)) {
            throw new InvalidRequestException("The subject is invalid",
                    List.of(new FieldError("id", "must be 1 to 100 characters, with no control character")));
        }
    }

    private static int lineOf(String problem) {
        try {
            return Integer.parseInt(problem.replaceFirst("^line (\\d+).*", "$1"));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static Map<String, String> inverse(Map<String, String> byCode) {
        Map<String, String> out = new LinkedHashMap<>();
        byCode.forEach((code, label) -> out.putIfAbsent(label.replace(" ", ""), code));
        byCode.forEach((code, label) -> out.putIfAbsent(label, code));
        return out;
    }

    private static String firstOf(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return null;
    }

    private static String upper(String s) {
        return s == null ? null : s.toUpperCase(java.util.Locale.ROOT);
    }

    private static String nn(String s) {
        return s == null ? "" : s;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
