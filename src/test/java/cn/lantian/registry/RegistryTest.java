package cn.lantian.registry;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.lantian.TestUsers;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The subject registry (contract section 9): profiles put by staff of their jurisdiction, read by them
 * and by the subject's own account; the list with every registered or inspected subject and its latest
 * evaluation; the city's list imported whole or not at all, in GB18030 as Excel saves it; the list as CSV.
 */
@QuarkusTest
public class RegistryTest {
    public static final String PILES_OPEN = "{\"stockpiles\": {\"count\": 4, \"covered\": 3}}";
    public static final String CREDIT = "91410100MA44XXXX1T";

    static RequestSpecification as(String user) {
        return given().auth().preemptive().basic(user, TestUsers.PASSWORD);
    }

    static String city() {
        return "rg-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public static String site(String subject, String jurisdiction, String at, String site) {
        return "{\"inspectedAt\": \"" + at + "\", \"subject\": {\"kind\": \"SITE\", \"id\": \"" + subject + "\", "
                + "\"name\": \"测试工地\", \"jurisdiction\": \"" + jurisdiction + "\", \"standard\": \"SIX\"}, \"site\": " + site + "}";
    }

    public static JsonPath record(String body) {
        return as(TestUsers.INSPECTOR).contentType(ContentType.JSON).body(body).post("/api/v1/evaluations").then()
                .statusCode(200).extract().jsonPath();
    }

    public static Map<String, Object> plant(String jurisdiction, String name) {
        return Map.of("kind", "ENTERPRISE", "jurisdiction", jurisdiction, "name", name, "creditCode", CREDIT,
                "address", "郑州市金水区某路 1 号", "legalRepresentative", "张三", "performanceGrade", "B", "industry", "铸造");
    }

    @Test
    void aProfileIsPutByStaffOfItsJurisdictionAndReadByThemAndItsOwnAccount() {
        String id = "RG-" + UUID.randomUUID();
        as(TestUsers.INSPECTOR_ZZ).contentType(ContentType.JSON).body(plant("zhengzhou", "某铸造厂")).put("/api/v1/subjects/" + id)
                .then().statusCode(200).body("id", equalTo(id)).body("performanceGrade", equalTo("B"))
                .body("createdAt", equalTo("2026-12-14T15:30:00Z"));
        // another city's inspector may neither change nor read it, nor move it to its own city
        as(TestUsers.INSPECTOR_GD).contentType(ContentType.JSON).body(plant("zhengzhou", "别的名字")).put("/api/v1/subjects/" + id)
                .then().statusCode(403);
        as(TestUsers.INSPECTOR_GD).contentType(ContentType.JSON).body(plant("gdcity", "别的名字")).put("/api/v1/subjects/" + id)
                .then().statusCode(403);
        as(TestUsers.INSPECTOR_GD).get("/api/v1/subjects/" + id).then().statusCode(403);
        as(TestUsers.CHIEF_ZZ).get("/api/v1/subjects/" + id).then().statusCode(200).body("name", equalTo("某铸造厂"))
                .body("registered", equalTo(true)).body("profile.creditCode", equalTo(CREDIT)).body("openCases", equalTo(0));
        // its own account reads it; another enterprise's does not
        String own = account(id);
        as(own).get("/api/v1/subjects/" + id).then().statusCode(200).body("profile.industry", equalTo("铸造"));
        as(TestUsers.ENTERPRISE).get("/api/v1/subjects/" + id).then().statusCode(403);
        // the chief of zhengzhou puts it again: the creation time stays
        as(TestUsers.CHIEF_ZZ).contentType(ContentType.JSON).body(plant("zhengzhou", "某铸造厂（改名）")).put("/api/v1/subjects/" + id)
                .then().statusCode(200).body("name", equalTo("某铸造厂（改名）")).body("createdAt", equalTo("2026-12-14T15:30:00Z"));
        given().get("/api/v1/subjects/no-such-" + UUID.randomUUID()).then().statusCode(404);
    }

    static String account(String subject) {
        String name = "e-" + UUID.randomUUID().toString().substring(0, 8);
        given().contentType(ContentType.JSON).body(Map.of("username", name, "password", TestUsers.PASSWORD,
                "roles", List.of("ENTERPRISE"), "subjects", List.of(subject))).post("/api/v1/users").then().statusCode(201);
        return name;
    }

    @Test
    void aBadProfileIsRefusedNamingTheField() {
        String id = "RG-" + UUID.randomUUID();
        Map<String, Object> bad = new java.util.HashMap<>(plant("zhengzhou", "某厂"));
        bad.put("creditCode", "12345");
        given().contentType(ContentType.JSON).body(bad).put("/api/v1/subjects/" + id).then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem("creditCode"));
        bad.remove("creditCode");
        bad.remove("name");
        given().contentType(ContentType.JSON).body(bad).put("/api/v1/subjects/" + id).then().statusCode(400)
                .body("errors.field", hasItem("name"));
        bad.put("name", "某厂");
        bad.put("performanceGrade", "Z");
        given().contentType(ContentType.JSON).body(bad).put("/api/v1/subjects/" + id).then().statusCode(400)
                .body("errors.field", hasItem("performanceGrade"));
        bad.put("performanceGrade", "A");
        bad.put("colour", "red");
        given().contentType(ContentType.JSON).body(bad).put("/api/v1/subjects/" + id).then().statusCode(400)
                .body("errors.field", hasItem("colour"));
        given().get("/api/v1/subjects/" + id).then().statusCode(404);
        given().queryParam("kind", "SHIP").get("/api/v1/subjects").then().statusCode(400).body("errors.field", hasItem("kind"));
        given().queryParam("size", "1000").get("/api/v1/subjects").then().statusCode(400).body("errors.field", hasItem("size"));
    }

    @Test
    void theListHasEveryRegisteredAndEveryInspectedSubjectWithItsLatestEvaluation() {
        String city = city();
        String registered = "A-" + UUID.randomUUID();
        String inspected = "B-" + UUID.randomUUID();
        given().contentType(ContentType.JSON).body(plant(city, "登记的企业")).put("/api/v1/subjects/" + registered).then().statusCode(200);
        record(site(inspected, city, "2026-12-09T09:00:00+08:00", "{\"stockpiles\": {\"count\": 4, \"covered\": 4}}"));
        String latest = record(site(inspected, city, "2026-12-10T09:00:00+08:00", PILES_OPEN)).getString("evaluationId");

        JsonPath list = as(TestUsers.CHIEF).queryParam("jurisdiction", city).get("/api/v1/subjects").then().statusCode(200)
                .extract().jsonPath();
        assertEquals(2, list.getInt("total"));
        assertEquals(List.of(registered, inspected), list.getList("items.id"));
        assertEquals(List.of(true, false), list.getList("items.registered"));
        assertEquals("测试工地", list.getString("items[1].name"));
        assertEquals("SITE", list.getString("items[1].kind"));
        assertEquals(latest, list.getString("items[1].latestEvaluation.id"));
        assertEquals("2026-12-10T09:00+08:00", list.getString("items[1].latestEvaluation.inspectedAt").replace(":00+", "+"));
        assertFalse(list.getBoolean("items[1].latestEvaluation.compliant"));
        assertTrue(list.getList("items[1].latestEvaluation.violations").contains("STOCKPILE_COVER"));
        assertEquals(null, list.getString("items[0].latestEvaluation"));
        as(TestUsers.CHIEF).queryParam("jurisdiction", city).queryParam("kind", "ENTERPRISE").get("/api/v1/subjects").then()
                .body("total", equalTo(1)).body("items[0].id", equalTo(registered));
        as(TestUsers.CHIEF).queryParam("jurisdiction", city).queryParam("size", "1").queryParam("page", "1")
                .get("/api/v1/subjects").then().body("items.id", equalTo(List.of(inspected)));
        // an inspected subject has its file too, from its evaluations
        given().get("/api/v1/subjects/" + inspected).then().statusCode(200).body("registered", equalTo(false))
                .body("jurisdiction", equalTo(city)).body("latestEvaluation.id", equalTo(latest)).body("openCases", equalTo(1));
        // a chief of another city may not list this one; unasked, a scoped inspector's list is its own city's only
        as(TestUsers.CHIEF_ZZ).queryParam("jurisdiction", city).get("/api/v1/subjects").then().statusCode(403);
        List<String> zz = as(TestUsers.INSPECTOR_ZZ).queryParam("size", "100").get("/api/v1/subjects").then().statusCode(200)
                .extract().jsonPath().getList("items.jurisdiction");
        assertTrue(zz.stream().allMatch("zhengzhou"::equals), zz.toString());
    }

    /** A credit code of its own for each run (the store outlives a run). */
    static String creditCode() {
        String alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
        StringBuilder b = new StringBuilder("91410100");
        java.util.Random r = new java.util.Random();
        for (int i = 0; i < 10; i++) {
            b.append(alphabet.charAt(r.nextInt(alphabet.length())));
        }
        return b.toString();
    }

    static final String HEADER = "编号,类型,名称,统一社会信用代码,地址,法定代表人,绩效分级,行业,辖区\r\n";

    /** A workbook as a bureau's clerk types one: the rows as cells, a number where Excel keeps a number. */
    static byte[] workbook(List<List<Object>> rows) throws java.io.IOException {
        try (org.apache.poi.xssf.usermodel.XSSFWorkbook book = new org.apache.poi.xssf.usermodel.XSSFWorkbook();
             java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream()) {
            org.apache.poi.ss.usermodel.Sheet sheet = book.createSheet("应急减排清单");
            for (int r = 0; r < rows.size(); r++) {
                org.apache.poi.ss.usermodel.Row row = sheet.createRow(r + (r == 0 ? 0 : 1)); // an empty row 2, skipped
                for (int c = 0; c < rows.get(r).size(); c++) {
                    Object v = rows.get(r).get(c);
                    if (v instanceof Number n) {
                        row.createCell(c).setCellValue(n.doubleValue());
                    } else {
                        row.createCell(c).setCellValue((String) v);
                    }
                }
            }
            book.write(out);
            return out.toByteArray();
        }
    }

    @Test
    void theCityListIsImportedFromAnExcelWorkbookNamingTheBadCellByItsRow() throws Exception {
        String city = city();
        long number = 7_000_000L + new java.util.Random().nextInt(1_000_000);
        List<Object> header = List.of("编号", "类型", "名称", "统一社会信用代码", "绩效分级", "辖区");
        List<Object> plant = List.of(number, "工业企业", "某县某陶瓷有限公司", creditCode(), "C级", city);
        List<Object> site = List.of("WB-" + number, "施工工地", "某县某道路改造工程", "", "", city);
        List<Object> badPlant = List.of(number, "工业企业", "某县某陶瓷有限公司", creditCode(), "E级", city);
        String xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

        JsonPath refused = as(TestUsers.CHIEF).contentType(xlsx).body(workbook(List.of(header, site, badPlant)))
                .post("/api/v1/subjects/import").then().statusCode(400).contentType("application/problem+json").extract().jsonPath();
        assertEquals(List.of(4), refused.getList("rows.line"), "Excel's own row number, the empty row counted");
        assertEquals(List.of("绩效分级"), refused.getList("rows.header"));
        assertEquals(List.of(5), refused.getList("rows.column"));
        as(TestUsers.CHIEF).queryParam("jurisdiction", city).get("/api/v1/subjects").then().body("total", equalTo(0));

        as(TestUsers.CHIEF).contentType(xlsx).body(workbook(List.of(header, plant, site))).post("/api/v1/subjects/import")
                .then().statusCode(200).body("rows", equalTo(2)).body("created", equalTo(2));
        given().get("/api/v1/subjects/" + number).then().statusCode(200).body("name", equalTo("某县某陶瓷有限公司"))
                .body("profile.performanceGrade", equalTo("C")).body("kind", equalTo("ENTERPRISE"));
        given().get("/api/v1/subjects/WB-" + number).then().statusCode(200).body("kind", equalTo("SITE"));

        // bytes that claim to be a workbook and are not: one problem, nothing kept
        byte[] broken = java.util.Arrays.copyOf(workbook(List.of(header, plant)), 300);
        as(TestUsers.CHIEF).contentType(xlsx).body(broken).post("/api/v1/subjects/import").then().statusCode(400)
                .contentType("application/problem+json").body("rows[0].message", org.hamcrest.Matchers.containsString("Excel"));
    }


    @Test
    void theCityListIsImportedWholeOrNotAtAllFromGb18030() {
        String city = city();
        String run = UUID.randomUUID().toString().substring(0, 6);
        String good = HEADER
                + "P1-" + run + ",工业企业,郑州某铸造有限公司,91410100MA44XXXX1T,\"郑州市某区某路 1 号, 东门\",张三,B 级,铸造," + city + "\r\n"
                + "P2-" + run + ",工业企业,郑州某焦化有限公司,91410100MA44YYYY2U,郑州市某区某路 2 号,李四,A级,焦化," + city + "\r\n"
                + "S1-" + run + ",施工工地,某小区三期工地,,郑州市某区某路 3 号,王五,,," + city + "\r\n";
        String bad = good.replace("91410100MA44YYYY2U", "BAD-CODE").replace("B 级", "E 级");
        Charset gb = Charset.forName("GB18030");
        JsonPath refused = as(TestUsers.CHIEF).contentType("text/csv").body(bad.getBytes(gb)).post("/api/v1/subjects/import")
                .then().statusCode(400).contentType("application/problem+json").extract().jsonPath();
        assertEquals(List.of(2, 3), refused.getList("rows.line"));
        assertEquals(List.of(7, 4), refused.getList("rows.column"));
        assertEquals(List.of("绩效分级", "统一社会信用代码"), refused.getList("rows.header"));
        assertTrue(refused.getList("errors.field").contains("line 3, column 4 (统一社会信用代码)"), refused.prettify());
        as(TestUsers.CHIEF).queryParam("jurisdiction", city).get("/api/v1/subjects").then().body("total", equalTo(0));

        as(TestUsers.CHIEF).contentType("text/csv").body(good.getBytes(gb)).post("/api/v1/subjects/import").then()
                .statusCode(200).body("rows", equalTo(3)).body("created", equalTo(3));
        JsonPath list = as(TestUsers.CHIEF).queryParam("jurisdiction", city).get("/api/v1/subjects").then().extract().jsonPath();
        assertEquals(3, list.getInt("total"));
        assertEquals("郑州某铸造有限公司", list.getString("items.find { it.id == 'P1-" + run + "' }.name"));
        assertEquals("郑州市某区某路 1 号, 东门", list.getString("items.find { it.id == 'P1-" + run + "' }.profile.address"));
        assertEquals("B", list.getString("items.find { it.id == 'P1-" + run + "' }.profile.performanceGrade"));
        assertEquals("A", list.getString("items.find { it.id == 'P2-" + run + "' }.profile.performanceGrade"));
        assertEquals("SITE", list.getString("items.find { it.id == 'S1-" + run + "' }.kind"));

        // UTF-8 with a byte-order mark too, the jurisdiction from the query; again: updated, not created
        String code = creditCode();
        String again = "\uFEFF名称,统一社会信用代码\n郑州某铸造有限公司（新）," + code + "\n";
        as(TestUsers.CHIEF).contentType("text/csv").queryParam("jurisdiction", city).body(again.getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/subjects/import").then().statusCode(200).body("rows", equalTo(1)).body("created", equalTo(1));
        as(TestUsers.CHIEF).contentType("text/csv").queryParam("jurisdiction", city).body(again.getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/subjects/import").then().statusCode(200).body("rows", equalTo(1)).body("updated", equalTo(1));
        given().get("/api/v1/subjects/" + code).then().statusCode(200).body("jurisdiction", equalTo(city))
                .body("kind", equalTo("ENTERPRISE"));
        // a chief of another city may not import into this one
        as(TestUsers.CHIEF_ZZ).contentType("text/csv").body(good.getBytes(gb)).post("/api/v1/subjects/import").then()
                .statusCode(400).body("rows.header", hasItem("辖区"));
        as(TestUsers.CHIEF).contentType("text/csv").body("名字,地址\n某,某\n".getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/subjects/import").then().statusCode(400).body("rows[0].line", equalTo(1));
    }

    @Test
    void theListIsExportedAsCsvInChineseWords() {
        String city = city();
        String id = "X-" + UUID.randomUUID();
        given().contentType(ContentType.JSON).body(plant(city, "导出的企业, 有逗号")).put("/api/v1/subjects/" + id).then().statusCode(200);
        record(site("Y-" + UUID.randomUUID(), city, "2026-12-10T09:00:00+08:00", PILES_OPEN));
        String csv = as(TestUsers.CHIEF).accept("text/csv").queryParam("jurisdiction", city).get("/api/v1/subjects").then()
                .statusCode(200).contentType(org.hamcrest.Matchers.startsWith("text/csv")).extract().asString();
        assertTrue(csv.startsWith("\uFEFF编号,类型,名称,统一社会信用代码"), csv);
        assertTrue(csv.contains("\"导出的企业, 有逗号\""), csv);
        assertTrue(csv.contains("工业企业") && csv.contains("施工工地") && csv.contains("不合规") && csv.contains("B 级"), csv);
        assertFalse(csv.contains("STOCKPILE_COVER") || csv.contains("ENTERPRISE"), csv);
        assertEquals(3, csv.strip().split("\r\n").length, csv);
        String byQuery = as(TestUsers.CHIEF).queryParam("format", "csv").queryParam("jurisdiction", city).get("/api/v1/subjects")
                .then().statusCode(200).extract().asString();
        assertEquals(csv, byQuery);

        byte[] xlsx = as(TestUsers.CHIEF).accept("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
                .queryParam("jurisdiction", city).get("/api/v1/subjects").then().statusCode(200).extract().asByteArray();
        try (var book = new org.apache.poi.xssf.usermodel.XSSFWorkbook(new java.io.ByteArrayInputStream(xlsx))) {
            var sheet = book.getSheetAt(0);
            assertEquals("编号", sheet.getRow(0).getCell(0).getStringCellValue());
            assertEquals("名称", sheet.getRow(0).getCell(2).getStringCellValue());
            assertEquals(3, sheet.getPhysicalNumberOfRows());
            assertEquals(id, sheet.getRow(1).getCell(0).getStringCellValue());
            assertEquals("导出的企业, 有逗号", sheet.getRow(1).getCell(2).getStringCellValue());
            assertEquals("工业企业", sheet.getRow(1).getCell(1).getStringCellValue());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        as(TestUsers.CHIEF).queryParam("format", "xlsx").queryParam("jurisdiction", city).get("/api/v1/subjects").then()
                .statusCode(200).contentType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        as(TestUsers.CHIEF).queryParam("format", "pdf").get("/api/v1/subjects").then().statusCode(400)
                .body("errors.field", hasItem("format"));
    }
}
