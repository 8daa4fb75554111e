package org.ipledger.dashboard;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.ipledger.testsupport.Fixtures;
import org.ipledger.testsupport.Tokens;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The dashboard in a real headless Chromium (Debian's chromium package) against the test server.
 * The data set is built through the API in 1987 and 1988, years no other test uses. Chromium's own
 * command line loads {@code /dashboard/#token=...&from=...}, lets the page run (virtual time) and
 * dumps the DOM, which is checked against the API's figures; a screenshot is kept as
 * {@code target/dashboard-screenshot.png} ({@code -Dipledger.dashboard.screenshot.docs=true} also
 * copies it to {@code docs/dashboard.png} for the README).
 * <p>
 * Without chromium the test is skipped, except under {@code CI=true}, where it fails: CI installs
 * chromium in {@code .ci/run}; this test installs nothing.
 */
@QuarkusTest
class DashboardBrowserTest {

    private static final String BANK_ONE = "苏州看板测试银行一";
    private static final String BANK_TWO = "苏州看板测试银行二";
    private static boolean built;

    @TestHTTPResource("/dashboard/")
    URL dashboard;

    @BeforeEach
    void buildOnce() {
        synchronized (DashboardBrowserTest.class) {
            if (!built) {
                build();
                built = true;
            }
        }
    }

    /**
     * Four enterprises (three in GUSU/BIOMEDICINE, one in WUZHONG/NANOTECHNOLOGY), two banks. 1987:
     * three pledges and loans, 4,500,000.00; 1988: four, 6,300,000.00 (+40% year on year). Each bank
     * lends to two enterprises in 1988, so the lab sees the bank breakdown suppressed.
     */
    private static void build() {
        long e1 = enterprise("GUSU", "BIOMEDICINE");
        long e2 = enterprise("GUSU", "BIOMEDICINE");
        long e3 = enterprise("GUSU", "BIOMEDICINE");
        long e4 = enterprise("WUZHONG", "NANOTECHNOLOGY");
        long b1 = Fixtures.party(Map.of("kind", "BANK", "name", BANK_ONE, "creditCode", Fixtures.creditCode()));
        long b2 = Fixtures.party(Map.of("kind", "BANK", "name", BANK_TWO, "creditCode", Fixtures.creditCode()));
        financed(b1, e1, "1000000.00", "1987-02-10");
        financed(b1, e2, "2000000.00", "1987-05-10");
        financed(b2, e3, "1500000.00", "1987-08-10");
        financed(b1, e1, "2000000.00", "1988-02-10");
        financed(b1, e2, "2500000.00", "1988-05-10");
        financed(b2, e3, "1000000.00", "1988-07-10");
        financed(b2, e4, "800000.00", "1988-09-10");
    }

    @Test
    void thePageAndTheChartLibraryAreServedWithoutAToken() {
        given().get("/dashboard/").then().statusCode(200).contentType(containsString("text/html"))
                .body(containsString("/_static/echarts/5.6.0/dist/echarts.min.js"));
        given().redirects().follow(true).get("/dashboard").then().statusCode(200).contentType(containsString("text/html"));
        given().get("/dashboard/dashboard.js").then().statusCode(200);
        given().get("/_static/echarts/5.6.0/dist/echarts.min.js").then().statusCode(200);
        // The API behind it still wants one.
        given().get("/api/v1/stats/volumes?from=1988-01&to=1988-12").then().statusCode(401);
    }

    @Test
    void regulatorSeesChartsAndTablesWithTheApisFigures() throws Exception {
        String regulator = Tokens.regulator();
        String fragment = "#token=" + regulator + "&from=1987-01&to=1988-12&period=YEAR";
        String dom = chromium("--dump-dom", dashboard + fragment);
        assertTrue(dom.contains("data-state=\"ready\""), () -> "page not ready: " + status(dom));
        assertTrue(status(dom).contains("Read from the primary as of "), status(dom));

        JsonPath api = given().auth().oauth2(regulator).get("/api/v1/stats/volumes?from=1987-01&to=1988-12&period=YEAR")
                .then().statusCode(200).extract().jsonPath();
        assertEquals("4500000.00", api.getString("rows[0].registration.pledgedAmount.value"));
        assertEquals("6300000.00", api.getString("rows[1].registration.pledgedAmount.value"));
        assertEquals("0.4000", api.getString("rows[1].registration.pledgedAmount.changeRatio"));

        // The volumes table: one row a year, the API's figures, the change against a year earlier.
        // No loan is insured and no product was issued: 0.00% insured, 0.00 securitized.
        assertEquals(List.of("1987", "3", "4,500,000.00", "–", "3", "4,500,000.00", "–", "0.00%", "0.00"),
                row(table(dom, "volumes-table"), 0));
        assertEquals(List.of("1988", "4", "6,300,000.00", "+40.00%", "4", "6,300,000.00", "+40.00%", "0.00%", "0.00"),
                row(table(dom, "volumes-table"), 1));
        // The charts were drawn by ECharts (SVG renderer), with the plotted values counted by the page:
        // 2 years x (2 bars + 1 line, the 1987 change being empty) = 6 points.
        String volumesChart = element(dom, "chart-volumes");
        assertTrue(volumesChart.contains("<svg"), "volumes chart has no SVG");
        assertTrue(volumesChart.contains("data-points=\"6\""), volumesChart.substring(0, Math.min(400, volumesChart.length())));
        assertTrue(volumesChart.contains("Pledged amount") && volumesChart.contains("Principal issued"), "series names");
        // Breakdowns: GUSU 1987 4,500,000.00, 1988 5,500,000.00; WUZHONG 800,000.00 in 1988.
        String district = breakdown(dom, "DISTRICT");
        assertTrue(district.contains("<svg"), "district chart has no SVG");
        assertTrue(rowsOf(district).contains(List.of("GUSU", "4,500,000.00", "5,500,000.00")), () -> rowsOf(district).toString());
        assertTrue(rowsOf(district).contains(List.of("WUZHONG", "–", "800,000.00")), () -> rowsOf(district).toString());
        assertTrue(rowsOf(breakdown(dom, "INDUSTRY")).contains(List.of("NANOTECHNOLOGY", "–", "800,000.00")));
        assertTrue(breakdown(dom, "BANK").contains("<svg"), "bank chart has no SVG");
        // The bank breakdown names the banks (not their party ids), in the table and in the chart's legend.
        assertEquals(List.of(BANK_ONE, BANK_TWO), rowsOf(breakdown(dom, "BANK")).stream().map(r -> r.get(0)).sorted().toList());
        assertTrue(breakdown(dom, "BANK").contains(BANK_ONE) && breakdown(dom, "BANK").contains(BANK_TWO), "legend names");
        assertTrue(rowsOf(table(dom, "registration-table")).stream().filter(r -> r.get(0).equals("Bank"))
                .map(r -> r.get(1)).sorted().toList().equals(List.of(BANK_ONE, BANK_TWO)), "aggregates by bank named");
        assertTrue(!dom.contains("class=\"suppressed\""), "a regulator sees every cell");

        // The aggregates table's total row is the API's total for 1987-01-01..1988-12-31.
        JsonPath agg = given().auth().oauth2(regulator).get("/api/v1/regulator/aggregates?from=1987-01-01&to=1988-12-31")
                .then().statusCode(200).extract().jsonPath();
        assertEquals(List.of("Total", "", agg.getString("registrationBasis.total.pledges"), "10,800,000.00",
                agg.getString("registrationBasis.total.pledgedAssets"), "4"), row(table(dom, "registration-table"), 0));
        assertEquals("10800000.00", agg.getString("registrationBasis.total.pledgedAmount"));
        List<String> lending = row(table(dom, "lending-table"), 0);
        assertEquals("10,800,000.00", lending.get(3));
        assertEquals(grouped(agg.getString("lendingBasis.total.outstandingAtEnd")), lending.get(8));
        assertTrue(dom.contains("id=\"csv\""), "CSV button");

        // The screenshot, kept as a build artifact (and for the README on request).
        Path shot = Path.of("target", "dashboard-screenshot.png").toAbsolutePath();
        Files.deleteIfExists(shot);
        chromium("--screenshot=" + shot, dashboard + "#token=" + regulator + "&from=1987-01&to=1988-12&period=QUARTER");
        assertTrue(Files.size(shot) > 10_000, "screenshot written");
        if (Boolean.getBoolean("ipledger.dashboard.screenshot.docs")) {
            Files.createDirectories(Path.of("docs"));
            Files.copy(shot, Path.of("docs", "dashboard.png"), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @Test
    void labSeesSmallCellsAsSuppressedNotZero() throws Exception {
        String dom = chromium("--dump-dom", dashboard + "#token=" + Tokens.lab() + "&from=1988-01&to=1988-12&period=YEAR");
        assertTrue(dom.contains("data-state=\"ready\""), () -> "page not ready: " + status(dom));
        assertTrue(status(dom).contains("suppressed"), status(dom));
        // The 1988 registration total comes from four enterprises: shown.
        assertEquals(List.of("1988", "4", "6,300,000.00", "+40.00%"), row(table(dom, "volumes-table"), 0).subList(0, 4));
        // Each bank's 1988 pledges come from two enterprises: both cells say so, never 0.
        List<List<String>> banks = rowsOf(breakdown(dom, "BANK"));
        assertEquals(2, banks.size(), banks::toString);
        for (List<String> bank : banks) {
            assertEquals("suppressed", bank.get(1), bank::toString);
        }
        assertEquals(List.of(BANK_ONE, BANK_TWO), banks.stream().map(b -> b.get(0)).sorted().toList());
        assertTrue(rowsOf(table(dom, "registration-table")).stream()
                .anyMatch(r -> r.get(0).equals("Bank") && r.get(2).equals("suppressed")), "aggregates by bank suppressed");
    }

    @Test
    void aBankTokenIsToldItMayNotSeeStatistics() throws Exception {
        String dom = chromium("--dump-dom", dashboard + "#token=" + Tokens.bank(Fixtures.bank()) + "&from=1988-01&to=1988-12");
        assertTrue(dom.contains("data-state=\"error\""), () -> status(dom));
        assertTrue(status(dom).startsWith("403 Forbidden"), status(dom));
        String expired = chromium("--dump-dom", dashboard + "#token=not-a-token&from=1988-01&to=1988-12");
        assertTrue(status(expired).startsWith("401 Not signed in"), status(expired));
    }

    // ---- Chromium -------------------------------------------------------------------------------

    /** IPLEDGER_CHROMIUM if set, else chromium (Debian's name) or chromium-browser on the PATH. */
    private static Path chromiumBinary() {
        String explicit = System.getenv().getOrDefault("IPLEDGER_CHROMIUM", "");
        if (!explicit.isEmpty() && Files.isExecutable(Path.of(explicit))) {
            return Path.of(explicit);
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            for (String name : List.of("chromium", "chromium-browser")) {
                if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, name))) {
                    return Path.of(dir, name);
                }
            }
        }
        String message = "Debian's chromium is not installed (apt-get install chromium); .ci/run installs it";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail(message);
        }
        Assumptions.abort(message + "; skipping the browser test outside CI");
        return null;
    }

    /** Runs headless Chromium once with a fresh profile; answers what it printed (the DOM for --dump-dom). */
    private static String chromium(String action, String url) throws IOException, InterruptedException {
        Path binary = chromiumBinary();
        Path profile = Files.createTempDirectory("ipledger-chromium");
        Path log = Path.of("target", "dashboard-chromium.log");
        try {
            List<String> cmd = new ArrayList<>(List.of(binary.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                    "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", "--hide-scrollbars", "--user-data-dir=" + profile, "--window-size=1100,2900",
                    "--virtual-time-budget=15000", action, url));
            Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(90, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail("chromium did not finish in 90 s");
            }
            assertEquals(0, p.exitValue(), "chromium exit code (see " + log + ")");
            return new String(out, StandardCharsets.UTF_8);
        } finally {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    // ---- reading the dumped DOM -------------------------------------------------------------------

    private static String status(String dom) {
        Matcher m = Pattern.compile("<p id=\"status\"[^>]*>(.*?)</p>", Pattern.DOTALL).matcher(dom);
        return m.find() ? m.group(1) : "(no status) " + dom.substring(0, Math.min(500, dom.length()));
    }

    private static String table(String dom, String id) {
        Matcher m = Pattern.compile("<table id=\"" + id + "\">(.*?)</table>", Pattern.DOTALL).matcher(dom);
        assertTrue(m.find(), "table " + id);
        return m.group(1);
    }

    /** The element with this id up to the next section heading (enough for the chart container). */
    private static String element(String dom, String id) {
        int at = dom.indexOf("id=\"" + id + "\"");
        assertTrue(at >= 0, "element " + id);
        int end = dom.indexOf("<table", at);
        return dom.substring(dom.lastIndexOf('<', at), end < 0 ? dom.length() : end);
    }

    private static String breakdown(String dom, String groupBy) {
        Matcher m = Pattern.compile("<div class=\"breakdown\" data-group-by=\"" + groupBy + "\">(.*?)</table>", Pattern.DOTALL)
                .matcher(dom);
        assertTrue(m.find(), "breakdown " + groupBy);
        return m.group(1);
    }

    /** The body rows of a table, each as its cells' text. */
    private static List<List<String>> rowsOf(String html) {
        int body = html.indexOf("<tbody>");
        Matcher tr = Pattern.compile("<tr[^>]*>(.*?)</tr>", Pattern.DOTALL).matcher(html.substring(Math.max(body, 0)));
        List<List<String>> rows = new ArrayList<>();
        while (tr.find()) {
            Matcher cell = Pattern.compile("<t[hd][^>]*>(.*?)</t[hd]>", Pattern.DOTALL).matcher(tr.group(1));
            List<String> cells = new ArrayList<>();
            while (cell.find()) {
                cells.add(cell.group(1).replace("&amp;", "&").strip());
            }
            rows.add(cells);
        }
        return rows;
    }

    private static List<String> row(String table, int index) {
        List<List<String>> rows = rowsOf(table);
        assertTrue(rows.size() > index, () -> "row " + index + " of " + rows);
        return rows.get(index);
    }

    private static String grouped(String decimal) {
        String[] parts = decimal.split("\\.");
        return parts[0].replaceAll("\\B(?=(\\d{3})+(?!\\d))", ",") + (parts.length > 1 ? "." + parts[1] : "");
    }

    // ---- data through the API ---------------------------------------------------------------------

    private static long enterprise(String district, String industry) {
        return Fixtures.party(Map.of("kind", "ENTERPRISE", "name", "苏州看板测试有限公司", "creditCode", Fixtures.creditCode(),
                "district", district, "industry", industry));
    }

    /**
     * A registered pledge of a new invention patent whose term starts on the day, and a loan disbursed
     * that day, defaulted and written off on 1989-06-30.
     */
    private static void financed(long bank, long enterprise, String amount, String day) {
        LocalDate d = LocalDate.parse(day);
        long pledge = given().auth().oauth2(Tokens.bank(bank)).contentType(ContentType.JSON)
                .body(Map.of("pledgorIds", List.of(enterprise), "pledgeeId", bank, "assetIds", List.of(Fixtures.invention(enterprise)),
                        "securedAmount", amount, "termStartsOn", day, "termEndsOn", d.plusYears(2).toString()))
                .post("/api/v1/pledges").then().statusCode(201).extract().jsonPath().getLong("id");
        Fixtures.registerPledge(pledge, Fixtures.officeNumber());
        long loan = given().auth().oauth2(Tokens.bank(bank)).contentType(ContentType.JSON)
                .body(Map.of("lenderId", bank, "borrowerId", enterprise, "principal", amount, "annualRate", "0.0385",
                        "disbursementDate", day, "maturityDate", d.plusYears(2).toString(), "purpose", "研发投入",
                        "pledgeIds", List.of(pledge)))
                .post("/api/v1/loans").then().statusCode(201).extract().jsonPath().getLong("id");
        given().auth().oauth2(Tokens.bank(bank)).contentType(ContentType.JSON)
                .body(Map.of("kind", "DISBURSEMENT", "occurredOn", day, "principalAmount", amount))
                .post("/api/v1/loans/{id}/events", loan).then().statusCode(200);
        // Closed in 1989 so that no balance reaches the years other tests check (1991, 1992). Not by
        // repayment: that releases the pledges, which cannot happen before their registration (today).
        for (String kind : List.of("DEFAULT", "WRITE_OFF")) {
            given().auth().oauth2(Tokens.bank(bank)).contentType(ContentType.JSON)
                    .body(Map.of("kind", kind, "occurredOn", "1989-06-30"))
                    .post("/api/v1/loans/{id}/events", loan).then().statusCode(200);
        }
    }
}
