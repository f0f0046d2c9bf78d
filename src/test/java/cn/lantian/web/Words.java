package cn.lantian.web;

import static io.restassured.RestAssured.given;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What a page must not show: a code where the rules give it a Chinese name. The codes come from the service's
 * own vocabulary (legal-basis codes aside: a page prints them beneath their article's title, and reasons cite
 * them); a page's small code tags ({@code .code}) are references beside the name and do not count.
 */
final class Words {
    private Words() {}

    /** The labelled codes a page's words could spell: UPPER_SNAKE codes, jurisdictions, and fields by their dotted path. */
    static List<Pattern> labelledCodes() {
        Map<String, Map<String, String>> labels = given().get("/api/v1/vocabulary").then().statusCode(200)
                .extract().jsonPath().getMap("labels");
        List<Pattern> codes = new ArrayList<>();
        labels.forEach((kind, byCode) -> {
            if (kind.equals("LEGAL_BASIS")) {
                return;
            }
            byCode.keySet().stream().filter(c -> c.length() >= 3 && (!kind.equals("FIELD") || c.contains(".")))
                    .forEach(c -> codes.add(Pattern.compile("(?<![A-Za-z0-9_.-])" + Pattern.quote(c) + "(?![A-Za-z0-9_-])")));
        });
        return codes;
    }

    /** The codes among {@code codes} that the element's text spells outside its code tags. */
    static List<String> spelledIn(Browser browser, String css, List<Pattern> codes) {
        String text = (String) browser.js("const c = document.querySelector(arguments[0]).cloneNode(true);"
                + "c.querySelectorAll('.code').forEach((e) => e.remove());"
                + "document.body.append(c); const t = c.innerText; c.remove(); return t;", css);
        List<String> found = new ArrayList<>();
        for (Pattern p : codes) {
            var m = p.matcher(text);
            if (m.find()) {
                found.add(m.group() + " in \"" + text.substring(Math.max(0, m.start() - 30), Math.min(text.length(), m.end() + 30)) + "\"");
            }
        }
        return found;
    }
}
