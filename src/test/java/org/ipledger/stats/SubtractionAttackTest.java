package org.ipledger.stats;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.ipledger.testsupport.Fixtures;
import org.ipledger.testsupport.Tokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The lab tries to recover suppressed cells by subtraction along every published total: a quarter
 * minus its shown months, a year minus its shown quarters (or months), and a period's total minus its
 * shown groups, across every breakdown, repeated until nothing more is learnt. The data set (1983,
 * a year no other test uses) is built so that each attack worked against per-period suppression:
 * February has one enterprise, but January, March and the first quarter have more; WUZHONG has one
 * enterprise all year and its complement at the year (KUNSHAN) shows in April, where the complement
 * taken was GUSU.
 */
@QuarkusTest
class SubtractionAttackTest {

    private static final List<String> BREAKDOWNS = List.of("DISTRICT", "INDUSTRY", "BANK", "IP_KIND");
    private static boolean built;

    @BeforeEach
    void buildOnce() {
        synchronized (SubtractionAttackTest.class) {
            if (!built) {
                build();
                built = true;
            }
        }
    }

    /**
     * TAICANG t1..t5: January t1-t3, February t4, March t1, t2, t5. April: GUSU g1-g3, KUNSHAN k1-k4,
     * WUZHONG w1. July: GUSU g4-g6. One bank, one industry, invention patents only.
     */
    private static void build() {
        long bank = Fixtures.bank();
        List<Long> t = enterprises("TAICANG", 5);
        List<Long> g = enterprises("GUSU", 6);
        List<Long> k = enterprises("KUNSHAN", 4);
        long w = enterprises("WUZHONG", 1).get(0);
        int[] amount = {100};
        for (long e : t.subList(0, 3)) {
            pledge(bank, e, "1983-01-10", amount[0]++);
        }
        pledge(bank, t.get(3), "1983-02-10", amount[0]++);
        for (long e : List.of(t.get(0), t.get(1), t.get(4))) {
            pledge(bank, e, "1983-03-10", amount[0]++);
        }
        for (long e : g.subList(0, 3)) {
            pledge(bank, e, "1983-04-10", amount[0]++);
        }
        for (long e : k) {
            pledge(bank, e, "1983-04-12", amount[0]++);
        }
        pledge(bank, w, "1983-04-15", amount[0]++);
        for (long e : g.subList(3, 6)) {
            pledge(bank, e, "1983-07-10", amount[0]++);
        }
    }

    /** A cell of the year's lattice: level, period label, breakdown, group. */
    private record Cell(String level, String period, String dim, String group) {
    }

    @Test
    void subtractionAlongEveryTotalRecoversNoSuppressedCell() {
        Map<Cell, BigDecimal> truth = new HashMap<>();
        Map<Cell, Long> enterprises = new HashMap<>();
        Map<Cell, BigDecimal> published = new HashMap<>();
        Set<Cell> hidden = new LinkedHashSet<>();
        for (String level : List.of("MONTH", "QUARTER", "YEAR")) {
            for (String dim : allDims()) {
                String query = "period=" + level + "&from=1983-01&to=1983-12" + (dim.equals("TOTAL") ? "" : "&groupBy=" + dim);
                for (Map<String, Object> row : rows(Tokens.regulator(), query)) {
                    Cell c = cell(level, dim, row);
                    Map<String, Object> reg = registration(row);
                    truth.put(c, new BigDecimal(value(reg, "pledgedAmount")));
                    enterprises.put(c, Long.parseLong(value(reg, "enterprises")));
                    assertEquals(false, reg.get("suppressed"), "regulators see everything");
                }
                for (Map<String, Object> row : rows(Tokens.lab(), query)) {
                    Cell c = cell(level, dim, row);
                    Map<String, Object> reg = registration(row);
                    if ((Boolean) reg.get("suppressed")) {
                        hidden.add(c);
                    } else {
                        published.put(c, new BigDecimal(value(reg, "pledgedAmount")));
                    }
                }
            }
        }
        // The data set is as designed: February and WUZHONG are primary cells.
        assertEquals(1, enterprises.get(new Cell("MONTH", "1983-02", "TOTAL", "")));
        assertEquals(1, enterprises.get(new Cell("YEAR", "1983", "DISTRICT", "WUZHONG")));
        assertTrue(hidden.contains(new Cell("MONTH", "1983-02", "TOTAL", "")));
        assertTrue(hidden.contains(new Cell("YEAR", "1983", "DISTRICT", "WUZHONG")));

        Map<Cell, BigDecimal> known = attack(published, truth.keySet());
        for (var e : known.entrySet()) {
            if (truth.containsKey(e.getKey())) {
                assertEquals(0, truth.get(e.getKey()).compareTo(e.getValue()), "the attack derives true values: " + e.getKey());
            }
        }
        List<Cell> fallen = new ArrayList<>();
        for (Cell c : hidden) {
            if (enterprises.get(c) < Disclosure.MIN_ENTERPRISES && known.containsKey(c)) {
                fallen.add(c);
            }
        }
        assertTrue(fallen.isEmpty(), "suppressed cells recovered by subtraction: " + fallen);
        // And something is still published: the year's total and the large groups.
        assertTrue(published.containsKey(new Cell("YEAR", "1983", "TOTAL", "")));
        assertTrue(published.containsKey(new Cell("YEAR", "1983", "DISTRICT", "GUSU")));
    }

    @Test
    void rangesOfMonthsCannotBeSubtractedEither() {
        // January to February minus January would be February (one enterprise): the lab sees the range only
        // where every month, quarter or year it is made of is shown.
        JsonPath janFeb = aggregates(Tokens.lab(), "1983-01-01", "1983-02-28");
        assertEquals(true, janFeb.getBoolean("registrationBasis.total.suppressed"));
        JsonPath regulator = aggregates(Tokens.regulator(), "1983-01-01", "1983-02-28");
        assertEquals(false, regulator.getBoolean("registrationBasis.total.suppressed"));
        assertEquals(4, regulator.getInt("registrationBasis.total.enterprises"));
        // A whole year is the year's lattice cell: shown, with the figures the volumes give.
        JsonPath year = aggregates(Tokens.lab(), "1983-01-01", "1983-12-31");
        assertEquals(false, year.getBoolean("registrationBasis.total.suppressed"));
        JsonPath volumes = given().auth().oauth2(Tokens.lab()).get("/api/v1/stats/volumes?period=YEAR&from=1983-01&to=1983-12")
                .then().statusCode(200).extract().jsonPath();
        assertEquals(volumes.getString("rows[0].registration.pledgedAmount.value"),
                year.getString("registrationBasis.total.pledgedAmount"));
    }

    /**
     * Subtraction: a relation (quarter = its months, year = its quarters, year = its months, a total =
     * its groups in any breakdown) with exactly one unknown cell gives it; repeated to a fixed point.
     * A group absent from a period's answer is a known zero.
     */
    private static Map<Cell, BigDecimal> attack(Map<Cell, BigDecimal> published, Set<Cell> all) {
        Map<Cell, BigDecimal> known = new HashMap<>(published);
        Set<List<String>> columns = new LinkedHashSet<>();
        all.forEach(c -> columns.add(List.of(c.dim(), c.group())));
        List<List<Cell>> relations = new ArrayList<>(); // first = sum of the rest
        List<String> months = new ArrayList<>();
        for (int m = 1; m <= 12; m++) {
            months.add(String.format("1983-%02d", m));
        }
        for (List<String> col : columns) {
            List<Cell> quarters = new ArrayList<>();
            for (int q = 0; q < 4; q++) {
                Cell quarter = new Cell("QUARTER", "1983-Q" + (q + 1), col.get(0), col.get(1));
                quarters.add(quarter);
                List<Cell> r = new ArrayList<>(List.of(quarter));
                for (int m = 3 * q; m < 3 * q + 3; m++) {
                    r.add(new Cell("MONTH", months.get(m), col.get(0), col.get(1)));
                }
                relations.add(r);
            }
            Cell year = new Cell("YEAR", "1983", col.get(0), col.get(1));
            List<Cell> byQuarters = new ArrayList<>(List.of(year));
            byQuarters.addAll(quarters);
            relations.add(byQuarters);
            List<Cell> byMonths = new ArrayList<>(List.of(year));
            months.forEach(m -> byMonths.add(new Cell("MONTH", m, col.get(0), col.get(1))));
            relations.add(byMonths);
        }
        List<String[]> periods = new ArrayList<>();
        months.forEach(m -> periods.add(new String[]{"MONTH", m}));
        for (int q = 1; q <= 4; q++) {
            periods.add(new String[]{"QUARTER", "1983-Q" + q});
        }
        periods.add(new String[]{"YEAR", "1983"});
        for (String[] p : periods) {
            for (String dim : BREAKDOWNS) {
                List<Cell> r = new ArrayList<>(List.of(new Cell(p[0], p[1], "TOTAL", "")));
                columns.stream().filter(c -> c.get(0).equals(dim)).forEach(c -> r.add(new Cell(p[0], p[1], dim, c.get(1))));
                relations.add(r);
            }
        }
        boolean learnt = true;
        while (learnt) {
            learnt = false;
            for (List<Cell> r : relations) {
                Cell unknown = null;
                int unknowns = 0;
                for (Cell c : r) {
                    if (!known.containsKey(c) && all.contains(c)) {
                        unknowns++;
                        unknown = c;
                    }
                }
                if (unknowns != 1) {
                    continue;
                }
                BigDecimal head = r.get(0).equals(unknown) ? null : valueOf(known, all, r.get(0));
                BigDecimal parts = BigDecimal.ZERO;
                for (Cell c : r.subList(1, r.size())) {
                    if (!c.equals(unknown)) {
                        parts = parts.add(valueOf(known, all, c));
                    }
                }
                known.put(unknown, head == null ? parts : head.subtract(parts));
                learnt = true;
            }
        }
        return known;
    }

    private static BigDecimal valueOf(Map<Cell, BigDecimal> known, Set<Cell> all, Cell c) {
        return all.contains(c) ? known.get(c) : BigDecimal.ZERO;
    }

    // ---- helpers --------------------------------------------------------------------------------

    private static List<String> allDims() {
        List<String> out = new ArrayList<>(List.of("TOTAL"));
        out.addAll(BREAKDOWNS);
        return out;
    }

    private static Cell cell(String level, String dim, Map<String, Object> row) {
        return new Cell(level, (String) row.get("period"), dim, dim.equals("TOTAL") ? "" : (String) row.get("group"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> registration(Map<String, Object> row) {
        return (Map<String, Object>) row.get("registration");
    }

    @SuppressWarnings("unchecked")
    private static String value(Map<String, Object> section, String measure) {
        return String.valueOf(((Map<String, Object>) section.get(measure)).get("value"));
    }

    private static List<Map<String, Object>> rows(String token, String query) {
        List<Map<String, Object>> rows = given().auth().oauth2(token).get("/api/v1/stats/volumes?" + query)
                .then().statusCode(200).extract().jsonPath().getList("rows");
        // Periods with nothing in them carry zeros: only cells with figures take part.
        return rows.stream().filter(r -> {
            String amount = value(registration(r), "pledgedAmount");
            return !"0.00".equals(amount) || Boolean.TRUE.equals(registration(r).get("suppressed"));
        }).toList();
    }

    private static JsonPath aggregates(String token, String from, String to) {
        return given().auth().oauth2(token).accept(ContentType.JSON)
                .get("/api/v1/regulator/aggregates?from=" + from + "&to=" + to).then().statusCode(200).extract().jsonPath();
    }

    private static List<Long> enterprises(String district, int n) {
        List<Long> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(Fixtures.party(Map.of("kind", "ENTERPRISE", "name", "苏州差分测试有限公司", "creditCode", Fixtures.creditCode(),
                    "district", district, "industry", "BIOMEDICINE")));
        }
        return out;
    }

    private static void pledge(long bank, long enterprise, String termStartsOn, int tenThousands) {
        LocalDate start = LocalDate.parse(termStartsOn);
        long id = given().auth().oauth2(Tokens.bank(bank)).contentType(ContentType.JSON)
                .body(Map.of("pledgorIds", List.of(enterprise), "pledgeeId", bank, "assetIds", List.of(Fixtures.invention(enterprise)),
                        "securedAmount", tenThousands + "0000.00", "termStartsOn", termStartsOn,
                        "termEndsOn", start.plusYears(2).toString()))
                .post("/api/v1/pledges").then().statusCode(201).extract().jsonPath().getLong("id");
        Fixtures.registerPledge(id, Fixtures.officeNumber());
        assertFalse(id <= 0);
    }
}
