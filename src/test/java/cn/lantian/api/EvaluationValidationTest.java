package cn.lantian.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Bad input is a 400 problem+json naming the field by its JSON path: never a 500, never a stack trace. */
@QuarkusTest
class EvaluationValidationTest {
    private static final String SUBJECT = "\"subject\": {\"kind\": \"SITE\", \"id\": \"ZZ-1\", \"standard\": \"SIX\"}";
    private static final String AT = "\"inspectedAt\": \"2026-12-14T10:30:00+08:00\"";

    private static String inspection(String rest) {
        return "{" + AT + ", " + SUBJECT + (rest.isEmpty() ? "" : ", " + rest) + "}";
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "covered more than counted   | site.stockpiles.covered   | \"site\": {\"stockpiles\": {\"count\": 4, \"covered\": 5}}",
        "negative count              | site.stockpiles.count     | \"site\": {\"stockpiles\": {\"count\": -1, \"covered\": 0}}",
        "enclosed longer than fence  | site.enclosure.enclosedM  | \"site\": {\"enclosure\": {\"perimeterM\": 100, \"enclosedM\": 101, \"minHeightM\": 2.5, \"alongMainRoad\": true}}",
        "machines compliant > count  | site.machinery.compliant  | \"site\": {\"machinery\": {\"count\": 2, \"registered\": 2, \"compliant\": 3}}",
        "unknown field (a typo)      | site.stockpiles.covred    | \"site\": {\"stockpiles\": {\"count\": 4, \"covred\": 4}}",
        "unknown top-level field     | sight                     | \"sight\": {}",
        "unknown activity            | site.activities[1]        | \"site\": {\"activities\": [\"EARTHWORK\", \"DIGGING\"]}",
        "unknown alert level         | alertLevel                | \"alertLevel\": \"PURPLE\"",
        "count given as text         | site.stockpiles.count     | \"site\": {\"stockpiles\": {\"count\": \"4\", \"covered\": 4}}",
        "count with a fraction       | site.muckTrucks.sealed    | \"site\": {\"muckTrucks\": {\"count\": 4, \"sealed\": 3.5}}",
        "missing half of a pair      | site.roads.hardenedM2     | \"site\": {\"roads\": {\"areaM2\": 100}}",
        "negative PM10 reading       | site.pm10HourlyUgM3       | \"site\": {\"pm10HourlyUgM3\": -3}",
        "unknown code in an order    | history.rectification.items[0] | \"history\": {\"rectification\": {\"orderedAt\": \"2026-12-10T09:00:00+08:00\", \"items\": [\"FENCE\"], \"originalFineYuan\": 20000}}",
        "negative fine               | history.rectification.originalFineYuan | \"history\": {\"rectification\": {\"orderedAt\": \"2026-12-10T09:00:00+08:00\", \"items\": [\"ENCLOSURE\"], \"originalFineYuan\": -1}}",
    })
    void aBadFieldIsNamed(String what, String field, String rest) {
        given().contentType(ContentType.JSON).body(inspection(rest))
                .post("/api/v1/evaluations")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("title", not(equalTo(null)))
                .body("errors.field", hasItem(field));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "body that is not JSON       | $                 | this is not json",
        "a JSON list, not an object  | $                 | []",
        "missing subject.kind        | subject.kind      | {\"inspectedAt\": \"2026-12-14T10:30:00+08:00\", \"subject\": {\"id\": \"ZZ-1\", \"standard\": \"SIX\"}}",
        "unknown subject.kind        | subject.kind      | {\"inspectedAt\": \"2026-12-14T10:30:00+08:00\", \"subject\": {\"kind\": \"FACTORY\", \"id\": \"ZZ-1\"}}",
        "time without an offset      | inspectedAt       | {\"inspectedAt\": \"2026-12-14T10:30:00\", \"subject\": {\"kind\": \"SITE\", \"id\": \"ZZ-1\", \"standard\": \"SIX\"}}",
        "missing inspection time     | inspectedAt       | {\"subject\": {\"kind\": \"SITE\", \"id\": \"ZZ-1\", \"standard\": \"SIX\"}}",
        "unknown standard            | subject.standard  | {\"inspectedAt\": \"2026-12-14T10:30:00+08:00\", \"subject\": {\"kind\": \"SITE\", \"id\": \"ZZ-1\", \"standard\": \"NINE\"}}",
        "unknown jurisdiction, no standard | subject.jurisdiction | {\"inspectedAt\": \"2026-12-14T10:30:00+08:00\", \"subject\": {\"kind\": \"SITE\", \"id\": \"ZZ-1\", \"jurisdiction\": \"atlantis\"}}",
        "no jurisdiction, no standard | subject.standard | {\"inspectedAt\": \"2026-12-14T10:30:00+08:00\", \"subject\": {\"kind\": \"SITE\", \"id\": \"ZZ-1\"}}",
    })
    void aBadRecordIsRefused(String what, String field, String body) {
        given().contentType(ContentType.JSON).body(body)
                .post("/api/v1/evaluations")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem(field));
    }

    private static String enterprise(String fields) {
        return "{" + AT + ", \"alertLevel\": \"ORANGE\", \"subject\": {\"kind\": \"ENTERPRISE\", \"id\": \"E-1\"}, "
                + "\"enterprise\": {\"industry\": \"CEMENT\", " + fields + "}}";
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "unknown grade               | enterprise.performanceGrade   | \"performanceGrade\": \"E\", \"productionLoadPercent\": 50",
        "load above 100              | enterprise.productionLoadPercent | \"performanceGrade\": \"B\", \"productionLoadPercent\": 100.5",
        "load below 0                | enterprise.productionLoadPercent | \"performanceGrade\": \"B\", \"productionLoadPercent\": -1",
        "missing load                | enterprise.productionLoadPercent | \"performanceGrade\": \"B\"",
        "plan for an unknown level   | enterprise.plan               | \"performanceGrade\": \"B\", \"productionLoadPercent\": 50, \"plan\": {\"PURPLE\": {\"limitPercent\": 10}}",
        "plan limit above 100        | enterprise.plan.RED.limitPercent | \"performanceGrade\": \"B\", \"productionLoadPercent\": 50, \"plan\": {\"RED\": {\"limitPercent\": 110}}",
        "negative truck count        | enterprise.heavyDieselTrucksInUse.cn5 | \"performanceGrade\": \"B\", \"productionLoadPercent\": 50, \"heavyDieselTrucksInUse\": {\"cn4OrBelow\": 0, \"cn5\": -2, \"cn6\": 0, \"electric\": 0}",
        "unknown truck class         | enterprise.heavyDieselTrucksInUse.cn3 | \"performanceGrade\": \"B\", \"productionLoadPercent\": 50, \"heavyDieselTrucksInUse\": {\"cn3\": 1}",
    })
    void aBadEnterpriseFieldIsNamed(String what, String field, String fields) {
        given().contentType(ContentType.JSON).body(enterprise(fields))
                .post("/api/v1/evaluations")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem(field));
    }

    @Test
    void aRecordCarriesTheBlockOfItsKindOnly() {
        given().contentType(ContentType.JSON)
                .body("{" + AT + ", \"subject\": {\"kind\": \"ENTERPRISE\", \"id\": \"E-1\"}, \"site\": {}}")
                .post("/api/v1/evaluations")
                .then().statusCode(400)
                .body("errors.field", hasItem("site"))
                .body("errors.field", hasItem("enterprise"));
        given().contentType(ContentType.JSON)
                .body(inspection("\"enterprise\": {\"industry\": \"CEMENT\", \"performanceGrade\": \"B\", \"productionLoadPercent\": 50}"))
                .post("/api/v1/evaluations")
                .then().statusCode(400)
                .body("errors.field", hasItem("enterprise"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "no days                     | days          | {\"days\": []}",
        "days not consecutive        | days[1].date  | {\"days\": [{\"date\": \"2026-12-14\", \"aqi\": 210}, {\"date\": \"2026-12-16\", \"aqi\": 220}]}",
        "days out of order           | days[1].date  | {\"days\": [{\"date\": \"2026-12-14\", \"aqi\": 210}, {\"date\": \"2026-12-13\", \"aqi\": 220}]}",
        "negative AQI                | days[0].aqi   | {\"days\": [{\"date\": \"2026-12-14\", \"aqi\": -1}]}",
        "missing AQI                 | days[0].aqi   | {\"days\": [{\"date\": \"2026-12-14\"}]}",
        "not a date                  | days[0].date  | {\"days\": [{\"date\": \"14/12/2026\", \"aqi\": 210}]}",
        "unknown field               | days[0].pm25  | {\"days\": [{\"date\": \"2026-12-14\", \"aqi\": 210, \"pm25\": 150}]}",
    })
    void aBadForecastIsRefused(String what, String field, String body) {
        given().contentType(ContentType.JSON).body(body)
                .post("/api/v1/alerts/classify")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem(field));
    }

    @Test
    void everyBadFieldIsNamedAtOnce() {
        given().contentType(ContentType.JSON)
                .body(inspection("\"site\": {\"stockpiles\": {\"count\": -1, \"covered\": 0}, \"roads\": {\"areaM2\": 10, \"hardenedM2\": 11}}"))
                .post("/api/v1/evaluations")
                .then().statusCode(400)
                .body("errors.field", hasItem("site.stockpiles.count"))
                .body("errors.field", hasItem("site.roads.hardenedM2"));
    }

    @Test
    void aStandardNamesItsChoicesAndNoStackTraceLeaks() {
        given().contentType(ContentType.JSON)
                .body("{" + AT + ", \"subject\": {\"kind\": \"SITE\", \"id\": \"ZZ-1\", \"standard\": \"NINE\"}}")
                .post("/api/v1/evaluations")
                .then().statusCode(400)
                .body("errors.find { it.field == 'subject.standard' }.message", containsString("SIX"))
                .body(not(containsString("Exception")))
                .body(not(containsString("at cn.lantian")));
    }

    @Test
    void aWrongMediaTypeIsAProblemToo() {
        given().contentType(ContentType.TEXT).body("{}")
                .post("/api/v1/evaluations")
                .then().statusCode(415)
                .contentType("application/problem+json");
    }
}
