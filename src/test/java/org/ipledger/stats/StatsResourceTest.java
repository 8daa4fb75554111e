package org.ipledger.stats;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.eclipse.microprofile.config.ConfigProvider;
import org.ipledger.testsupport.Fixtures;
import org.ipledger.testsupport.InsuranceFixtures;
import org.ipledger.testsupport.SecuritizationFixtures;
import org.ipledger.testsupport.Tokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Statistics against independent SQL over the base tables. The data set is built through the API in
 * 1991 and 1992 (pledge term starts, loan disbursements and events), years no other test uses, so
 * the checks hold in the shared test database. Pledges are registered today, as the API requires;
 * the registration basis dates a pledge by the month its term starts.
 */
@QuarkusTest
class StatsResourceTest {

    private static final String Y1 = "1991";
    private static final String Y2 = "1992";
    private static boolean built;

    @BeforeEach
    void buildOnce() {
        synchronized (StatsResourceTest.class) {
            if (!built) {
                build();
                built = true;
            }
        }
    }

    /**
     * Six enterprises (four in GUSU/BIOMEDICINE, one in WUZHONG, one in KUNSHAN), two banks; pledges
     * in both years including a mixed-kind pledge, a co-owned pledge, a pledge co-owned across two
     * districts and a pledge never registered; loans with disbursements, repayments, a default and a
     * write-off.
     */
    private static void build() {
        long e1 = enterprise("GUSU", "BIOMEDICINE");
        long e2 = enterprise("GUSU", "BIOMEDICINE");
        long e3 = enterprise("GUSU", "BIOMEDICINE");
        long e4 = enterprise("GUSU", "BIOMEDICINE");
        long e5 = enterprise("WUZHONG", "NANOTECHNOLOGY");
        long e6 = enterprise("KUNSHAN", "NEW_ENERGY");
        long b1 = namedBank(BANK_ONE);
        long b2 = namedBank(BANK_TWO);

        long p1 = registered(b1, List.of(e1), "1000000.00", "1991-03-10", Fixtures.invention(e1));
        long p2 = registered(b1, List.of(e2), "2000000.00", "1991-05-01", Fixtures.invention(e2));
        registered(b2, List.of(e3), "500000.50", "1991-07-01", Fixtures.invention(e3));
        long p4 = registered(b1, List.of(e1), "3000000.00", "1992-02-01", Fixtures.invention(e1), Fixtures.trademark(null, e1));
        long p5 = registered(b2, List.of(e2), "1500000.25", "1992-04-15", Fixtures.invention(e2));
        long p6 = registered(b1, List.of(e3, e4), "800000.00", "1992-06-01", Fixtures.invention(e3, e4));
        long p7 = registered(b2, List.of(e5), "700000.00", "1992-08-01", Fixtures.invention(e5));
        registered(b1, List.of(e6), "900000.00", "1992-09-01", Fixtures.invention(e6));
        registered(b1, List.of(e4, e6), "400000.00", "1992-11-01", Fixtures.invention(e4, e6));
        file(b2, List.of(e4), "650000.00", "1992-10-01", Fixtures.invention(e4)); // never registered: not counted

        long l1 = loan(b1, e1, p1, "1000000.00", "1991-03-15");
        event(b1, l1, Map.of("kind", "DISBURSEMENT", "occurredOn", "1991-03-15", "principalAmount", "1000000.00"));
        event(b1, l1, Map.of("kind", "REPAYMENT", "occurredOn", "1991-09-01", "principalAmount", "300000.00"));
        long l2 = loan(b1, e2, p2, "2000000.00", "1991-05-10");
        event(b1, l2, Map.of("kind", "DISBURSEMENT", "occurredOn", "1991-05-10", "principalAmount", "2000000.00"));
        event(b1, l2, Map.of("kind", "REPAYMENT", "occurredOn", "1992-03-01", "principalAmount", "500000.00",
                "interestAmount", "12000.00"));
        long l3 = loan(b1, e1, p4, "12000000.00", "1992-02-10"); // above the 10 million threshold then
        event(b1, l3, Map.of("kind", "DISBURSEMENT", "occurredOn", "1992-02-10", "principalAmount", "12000000.00"));
        long l4 = loan(b2, e2, p5, "1500000.25", "1992-04-20");
        event(b2, l4, Map.of("kind", "DISBURSEMENT", "occurredOn", "1992-04-20", "principalAmount", "1500000.25"));
        event(b2, l4, Map.of("kind", "DEFAULT", "occurredOn", "1992-06-01"));
        event(b2, l4, Map.of("kind", "WRITE_OFF", "occurredOn", "1992-11-01"));
        long l5 = loan(b1, e3, p6, "800000.00", "1992-06-05");
        event(b1, l5, Map.of("kind", "DISBURSEMENT", "occurredOn", "1992-06-05", "principalAmount", "600000.00"));
        long l6 = loan(b2, e5, p7, "700000.00", "1992-08-05");
        event(b2, l6, Map.of("kind", "DISBURSEMENT", "occurredOn", "1992-08-05", "principalAmount", "700000.00"));
        event(b2, l6, Map.of("kind", "REPAYMENT", "occurredOn", "1993-01-10", "principalAmount", "100000.00"));

        // Insurance: live policies on l1 (1991), l3 and l5 (1992); l6's policy was cancelled, so l6 is not insured.
        long insurer = InsuranceFixtures.insurer();
        InsuranceFixtures.policy(insurer, l1, "0.6", "0.2");
        InsuranceFixtures.policy(insurer, l3, "0.5", null);
        InsuranceFixtures.policy(insurer, l5, "0.7", "0.1");
        long cancelled = InsuranceFixtures.policy(insurer, l6, "0.6", null);
        given().auth().oauth2(Tokens.insurer(insurer)).contentType(ContentType.JSON)
                .body(Map.of("cancelledOn", "1993-02-01", "reason", "保单退保"))
                .post("/api/v1/policies/{id}/cancellation", cancelled).then().statusCode(200);

        // Securitization: one product issued 1992-12-15 on l5 and l6 (600,000.00 outstanding each), two tranches.
        long issuer = SecuritizationFixtures.issuer();
        Map<String, Object> product = SecuritizationFixtures.productBody(issuer, SecuritizationFixtures.trustee(), "SEQUENTIAL",
                List.of(l5, l6), List.of(SecuritizationFixtures.tranche("A", 1, "1000000.00", "0.03", "AAA", false),
                        SecuritizationFixtures.tranche("B", 2, "200000.00", "0.06", "NR", true)));
        product.put("issueDate", "1992-12-15");
        product.put("legalMaturity", "1995-12-15");
        SecuritizationFixtures.postProduct(issuer, product).statusCode(201);
    }

    private static final String BANK_ONE = "苏州统计测试银行一";
    private static final String BANK_TWO = "苏州统计测试银行二";

    private static long namedBank(String name) {
        return Fixtures.party(Map.of("kind", "BANK", "name", name, "creditCode", Fixtures.creditCode()));
    }

    // ---- registration basis -----------------------------------------------------------------

    @Test
    void yearVolumesMatchIndependentSqlWithYearOnYearChange() throws SQLException {
        JsonPath j = volumes(Tokens.regulator(), "period=YEAR&from=1992-01&to=1992-12");
        assertEquals(1, j.getList("rows").size());
        assertEquals("1992", j.getString("rows[0].period"));
        for (String measure : List.of("pledges", "pledgedAmount", "pledgedAssets", "enterprises")) {
            BigDecimal now = registrationSql(Y2, measure);
            BigDecimal before = registrationSql(Y1, measure);
            assertFigure(j, "rows[0].registration." + measure, now, before);
        }
        for (String measure : List.of("loansIssued", "principalIssued", "inclusiveLoans", "inclusivePrincipal",
                "firstTimePledgors", "borrowers", "outstandingAtPeriodEnd", "defaults")) {
            assertFigure(j, "rows[0].lending." + measure, lendingSql(Y2, measure, null, null), lendingSql(Y1, measure, null, null));
        }
        // The figures themselves, as the data set was built: 6 registered pledges in 1992 (the pending one
        // is not counted), amount 7,300,000.25 against 3,500,000.50 in 1991.
        assertEquals("6", j.getString("rows[0].registration.pledges.value"));
        assertEquals("7300000.25", j.getString("rows[0].registration.pledgedAmount.value"));
        assertEquals("3500000.50", j.getString("rows[0].registration.pledgedAmount.previousYear"));
        assertEquals("3799999.75", j.getString("rows[0].registration.pledgedAmount.change"));
        assertEquals("1.0857", j.getString("rows[0].registration.pledgedAmount.changeRatio"));
    }

    @Test
    void monthsAddUpToTheQuarterAndDistinctEnterprisesAreNotSummed() throws SQLException {
        JsonPath months = volumes(Tokens.regulator(), "period=MONTH&from=1992-04&to=1992-06");
        JsonPath quarter = volumes(Tokens.regulator(), "period=QUARTER&from=1992-04&to=1992-06");
        assertEquals(3, months.getList("rows").size());
        assertEquals("1992-Q2", quarter.getString("rows[0].period"));
        BigDecimal sum = BigDecimal.ZERO;
        for (int i = 0; i < 3; i++) {
            sum = sum.add(new BigDecimal(months.getString("rows[" + i + "].registration.pledgedAmount.value")));
        }
        assertEquals(new BigDecimal(quarter.getString("rows[0].registration.pledgedAmount.value")), sum);
        assertEquals(sqlNumber("""
                select count(distinct pp.party_id) from pledge p join pledge_pledgor pp on pp.pledge_id = p.id
                where p.registered_on is not null and p.term_starts_on between '1992-04-01' and '1992-06-30'"""),
                new BigDecimal(quarter.getString("rows[0].registration.enterprises.value")));
        // Balance at the quarter's end equals the balance at the end of its last month.
        assertEquals(months.getString("rows[2].lending.outstandingAtPeriodEnd.value"),
                quarter.getString("rows[0].lending.outstandingAtPeriodEnd.value"));
        assertEquals(outstandingSql("1992-06-30", null, null),
                new BigDecimal(quarter.getString("rows[0].lending.outstandingAtPeriodEnd.value")));
    }

    @Test
    void groupsMatchIndependentSqlForEveryBreakdown() throws SQLException {
        JsonPath a = aggregates(Tokens.regulator(), "1992-01-01", "1992-12-31");
        for (var breakdown : Map.of("byDistrict", "district", "byIndustry", "industry").entrySet()) {
            Map<String, BigDecimal> sql = registrationByPartyAttribute(breakdown.getValue());
            Map<String, BigDecimal> api = new TreeMap<>();
            for (Map<String, Object> c : a.<Map<String, Object>>getList("registrationBasis." + breakdown.getKey())) {
                api.put((String) c.get("group"), new BigDecimal((String) c.get("pledgedAmount")));
            }
            assertEquals(sql, api, breakdown.getKey());
        }
        Map<String, BigDecimal> kinds = new TreeMap<>();
        for (Map<String, Object> c : a.<Map<String, Object>>getList("registrationBasis.byIpKind")) {
            kinds.put((String) c.get("group"), new BigDecimal((String) c.get("pledgedAmount")));
        }
        assertEquals(registrationByIpKind(), kinds);
        for (Map<String, Object> c : a.<Map<String, Object>>getList("lendingBasis.byBank")) {
            long bank = Long.parseLong((String) c.get("group"));
            assertEquals(lendingSql(Y2, "principalIssued", "lender_id", bank), new BigDecimal((String) c.get("principalIssued")));
            assertEquals(outstandingSql("1992-12-31", "lender_id", bank), new BigDecimal((String) c.get("outstandingAtEnd")));
            assertEquals(lendingSql(Y2, "defaults", "lender_id", bank), new BigDecimal(c.get("defaults").toString()));
        }
    }

    @Test
    void totalsAddUpAcrossEveryBreakdownOnBothBases() {
        JsonPath a = aggregates(Tokens.regulator(), "1991-01-01", "1992-12-31");
        for (String basis : List.of("registrationBasis", "lendingBasis")) {
            List<String> measures = basis.equals("registrationBasis") ? List.of("pledges", "pledgedAmount", "pledgedAssets")
                    : List.of("loansIssued", "principalIssued", "inclusiveLoans", "inclusivePrincipal", "outstandingAtEnd", "defaults");
            for (String breakdown : List.of("byDistrict", "byIndustry", "byBank", "byIpKind")) {
                for (String m : measures) {
                    BigDecimal sum = BigDecimal.ZERO;
                    for (Map<String, Object> c : a.<Map<String, Object>>getList(basis + "." + breakdown)) {
                        sum = sum.add(new BigDecimal(c.get(m).toString()));
                    }
                    assertEquals(0, new BigDecimal(a.getString(basis + ".total." + m)).compareTo(sum),
                            basis + " " + breakdown + " " + m);
                }
            }
        }
    }

    // ---- insurance cover, securitization, bank names -------------------------------------------------

    @Test
    void insuranceCoverIsTheInsuredShareOfPrincipalIssuedAgainstIndependentSql() throws SQLException {
        JsonPath j = volumes(Tokens.regulator(), "period=YEAR&from=1992-01&to=1992-12");
        for (String measure : List.of("insuredLoans", "insuredPrincipal")) {
            assertFigure(j, "rows[0].lending." + measure, insuredSql(Y2, measure, null, null), insuredSql(Y1, measure, null, null));
        }
        // By hand: 1992 issued 12,000,000.00 + 1,500,000.25 + 800,000.00 + 700,000.00 = 15,000,000.25, of which
        // l3 and l5 are insured (12,800,000.00; l6's policy was cancelled): 0.8533. 1991: 1,000,000.00 of 3,000,000.00.
        assertEquals("12800000.00", j.getString("rows[0].lending.insuredPrincipal.value"));
        assertEquals("0.8533", j.getString("rows[0].lending.insuranceCover.value"));
        assertEquals("0.3333", j.getString("rows[0].lending.insuranceCover.previousYear"));
        assertEquals("0.5200", j.getString("rows[0].lending.insuranceCover.change"));
        // The share from independent SQL, rounded the same way.
        assertEquals(insuredSql(Y2, "insuredPrincipal", null, null).divide(lendingSql(Y2, "principalIssued", null, null), 4,
                RoundingMode.HALF_EVEN).toPlainString(), j.getString("rows[0].lending.insuranceCover.value"));

        // Per bank in the aggregates, and the groups add up to the total.
        JsonPath a = aggregates(Tokens.regulator(), "1992-01-01", "1992-12-31");
        BigDecimal sum = BigDecimal.ZERO;
        for (Map<String, Object> c : a.<Map<String, Object>>getList("lendingBasis.byBank")) {
            long bank = Long.parseLong((String) c.get("group"));
            BigDecimal insured = insuredSql(Y2, "insuredPrincipal", "lender_id", bank);
            assertEquals(0, insured.compareTo(new BigDecimal((String) c.get("insuredPrincipal"))), c.toString());
            assertEquals(insured.divide(lendingSql(Y2, "principalIssued", "lender_id", bank), 4, RoundingMode.HALF_EVEN)
                    .toPlainString(), c.get("insuranceCover"));
            sum = sum.add(insured);
        }
        assertEquals(0, sum.compareTo(new BigDecimal(a.getString("lendingBasis.total.insuredPrincipal"))));
        for (String breakdown : List.of("byDistrict", "byIndustry", "byIpKind")) {
            BigDecimal s = BigDecimal.ZERO;
            for (Map<String, Object> c : a.<Map<String, Object>>getList("lendingBasis." + breakdown)) {
                s = s.add(new BigDecimal((String) c.get("insuredPrincipal")));
            }
            assertEquals(0, s.compareTo(sum), breakdown);
        }
    }

    @Test
    void cancellingAPolicyTakesItsLoanOutOfTheCoverInTheSameTransaction() throws SQLException {
        // A 1994 loan of a fresh pair, insured then cancelled: the summary follows each step.
        long bank = namedBank("苏州统计测试银行三");
        long e = enterprise("TAICANG", "NEW_ENERGY");
        long pledge = registered(bank, List.of(e), "300000.00", "1994-03-01", Fixtures.invention(e));
        long loan = loan(bank, e, pledge, "300000.00", "1994-03-02");
        long insurer = InsuranceFixtures.insurer();
        long policy = InsuranceFixtures.policy(insurer, loan, "0.5", null);
        JsonPath insured = volumes(Tokens.regulator(), "period=YEAR&from=1994-01&to=1994-12");
        assertEquals("300000.00", insured.getString("rows[0].lending.insuredPrincipal.value"));
        assertEquals("1.0000", insured.getString("rows[0].lending.insuranceCover.value"));
        given().auth().oauth2(Tokens.insurer(insurer)).contentType(ContentType.JSON)
                .body(Map.of("cancelledOn", "1994-06-01", "reason", "保单退保"))
                .post("/api/v1/policies/{id}/cancellation", policy).then().statusCode(200);
        JsonPath after = volumes(Tokens.regulator(), "period=YEAR&from=1994-01&to=1994-12");
        assertEquals("0.00", after.getString("rows[0].lending.insuredPrincipal.value"));
        assertEquals("0.0000", after.getString("rows[0].lending.insuranceCover.value"));
        assertEquals(insuredSql("1994", "insuredPrincipal", null, null).setScale(2),
                new BigDecimal(after.getString("rows[0].lending.insuredPrincipal.value")));
    }

    @Test
    void securitizationIssuanceIsTheTranchesPrincipalByIssueDate() throws SQLException {
        JsonPath j = volumes(Tokens.regulator(), "period=QUARTER&from=1992-10&to=1992-12");
        assertEquals("1992-Q4", j.getString("rows[0].period"));
        assertEquals(1, j.getInt("rows[0].securitization.products.value"));
        assertEquals("1200000.00", j.getString("rows[0].securitization.issuedPrincipal.value"));
        assertEquals(2, j.getInt("rows[0].securitization.loansSecuritized.value"));
        assertEquals("1200000.00", j.getString("rows[0].securitization.loansSecuritizedAmount.value"));
        String inYear = " where p.issue_date between '1992-01-01' and '1992-12-31'";
        JsonPath a = aggregates(Tokens.regulator(), "1992-01-01", "1992-12-31");
        assertEquals(sqlNumber("select count(*) from sec_product p" + inYear), new BigDecimal(a.getString("securitization.products")));
        assertEquals(sqlNumber("select sum(t.original_principal) from sec_tranche t join sec_product p on p.id = t.product_id" + inYear),
                new BigDecimal(a.getString("securitization.issuedPrincipal")));
        assertEquals(sqlNumber("select count(*) from sec_pool_loan x join sec_product p on p.id = x.product_id" + inYear),
                new BigDecimal(a.getString("securitization.loansSecuritized")));
        assertEquals(sqlNumber("select sum(x.outstanding_at_cutoff) from sec_pool_loan x join sec_product p on p.id = x.product_id"
                + inYear), new BigDecimal(a.getString("securitization.loansSecuritizedAmount")));
        // 1991 issued nothing; a breakdown has no securitization (a product is not a district's).
        JsonPath y = volumes(Tokens.regulator(), "period=YEAR&from=1992-01&to=1992-12");
        assertEquals(0, y.getInt("rows[0].securitization.products.previousYear"));
        assertNull(volumes(Tokens.regulator(), "period=YEAR&from=1992-01&to=1992-12&groupBy=BANK").get("rows[0].securitization"));
        // The lab: one issuer is fewer than three, so the issuance is suppressed.
        JsonPath lab = aggregates(Tokens.lab(), "1992-01-01", "1992-12-31");
        assertEquals(true, lab.getBoolean("securitization.suppressed"));
        assertNull(lab.get("securitization.issuedPrincipal"));
    }

    @Test
    void theBankBreakdownCarriesTheBanksNames() throws SQLException {
        JsonPath v = volumes(Tokens.regulator(), "period=YEAR&from=1992-01&to=1992-12&groupBy=BANK");
        Map<String, String> names = new TreeMap<>();
        for (Map<String, Object> row : v.<Map<String, Object>>getList("rows")) {
            names.put((String) row.get("group"), (String) row.get("groupName"));
        }
        assertEquals(List.of(BANK_ONE, BANK_TWO), names.values().stream().sorted().toList());
        for (var e : names.entrySet()) {
            assertEquals(partyName(Long.parseLong(e.getKey())), e.getValue());
        }
        JsonPath a = aggregates(Tokens.regulator(), "1992-01-01", "1992-12-31");
        for (Map<String, Object> c : a.<Map<String, Object>>getList("registrationBasis.byBank")) {
            assertEquals(partyName(Long.parseLong((String) c.get("group"))), c.get("groupName"));
        }
        assertNull(a.get("registrationBasis.byDistrict[0].groupName"));
    }

    @Test
    void keptMemberCountsEqualTheMemberRowsAfterEveryChange() throws SQLException {
        // Policies recorded and cancelled, loans refreshed: every count kept equals its member rows.
        assertEquals(BigDecimal.ZERO, sqlNumber("""
                select count(*) from stats_member_count c
                full join (select set_name, dim, month, grp, count(*) as n from stats_member group by 1, 2, 3, 4) m
                  using (set_name, dim, month, grp)
                where coalesce(c.n, 0) <> coalesce(m.n, 0)"""));
        assertTrue(sqlNumber("select count(*) from stats_member_count where set_name = 'INSURED@Y'").signum() > 0);
    }

    // ---- disclosure control -------------------------------------------------------------------

    @Test
    void labSeesSmallCellsSuppressedWithTheirComplementRegulatorSeesAll() {
        // 1992 by bank: the second bank's pledges come from 2 enterprises (suppressed); the first bank is
        // the only other group, so it is suppressed too, or the total would give it away.
        JsonPath lab = aggregates(Tokens.lab(), "1992-01-01", "1992-12-31");
        assertTrue(lab.getBoolean("disclosureControlled"));
        assertEquals(false, lab.getBoolean("registrationBasis.total.suppressed"));
        assertEquals(6, lab.getInt("registrationBasis.total.enterprises"));
        assertEquals(List.of(true, true), lab.getList("registrationBasis.byBank.suppressed"));
        assertTrue(lab.getList("registrationBasis.byBank.pledgedAmount").stream().allMatch(v -> v == null));
        // By district: WUZHONG and KUNSHAN (1 enterprise each) and MIXED (2) are suppressed, GUSU (4) shown.
        Map<String, Boolean> districts = new HashMap<>();
        for (Map<String, Object> c : lab.<Map<String, Object>>getList("registrationBasis.byDistrict")) {
            districts.put((String) c.get("group"), (Boolean) c.get("suppressed"));
        }
        assertEquals(Map.of("GUSU", false, "WUZHONG", true, "KUNSHAN", true, "MIXED", true), districts);
        // Lending 1992: a single defaulter (and a single first-time pledgor) is fewer than 3 enterprises.
        assertEquals(true, lab.getBoolean("lendingBasis.total.suppressed"));
        assertNull(lab.get("lendingBasis.total.principalIssued"));

        JsonPath regulator = aggregates(Tokens.regulator(), "1992-01-01", "1992-12-31");
        assertEquals(false, regulator.getBoolean("disclosureControlled"));
        assertTrue(regulator.getList("registrationBasis.byBank.suppressed").stream().allMatch(v -> v.equals(false)));
        assertEquals("7300000.25", regulator.getString("registrationBasis.total.pledgedAmount"));

        // Volumes: the same rule, and year-on-year changes only between shown cells.
        JsonPath v = volumes(Tokens.lab(), "period=YEAR&from=1992-01&to=1992-12&groupBy=DISTRICT");
        for (Map<String, Object> row : v.<Map<String, Object>>getList("rows")) {
            @SuppressWarnings("unchecked")
            Map<String, Object> reg = (Map<String, Object>) row.get("registration");
            if (row.get("group").equals("GUSU")) {
                assertEquals(false, reg.get("suppressed"));
            } else {
                assertEquals(true, reg.get("suppressed"), row.toString());
                @SuppressWarnings("unchecked")
                Map<String, Object> amount = (Map<String, Object>) reg.get("pledgedAmount");
                assertNull(amount.get("value"));
                assertNull(amount.get("change"));
            }
        }
    }

    @Test
    void csvParsesToTheSameNumbersAsTheJson() {
        for (String token : List.of(Tokens.regulator(), Tokens.lab())) {
            JsonPath json = aggregates(token, "1991-01-01", "1992-12-31");
            String csv = given().auth().oauth2(token).accept("text/csv")
                    .get("/api/v1/regulator/aggregates?from=1991-01-01&to=1992-12-31")
                    .then().statusCode(200).contentType(org.hamcrest.Matchers.startsWith("text/csv")).extract().asString();
            String[] lines = csv.split("\r\n");
            assertEquals(AggregatesCsv.HEADER, lines[0]);
            int checked = 0;
            for (int i = 1; i < lines.length; i++) {
                String[] f = lines[i].split(",", -1);
                assertEquals(7, f.length, lines[i]);
                String section = switch (f[0]) {
                    case "REGISTRATION" -> "registrationBasis";
                    case "LENDING" -> "lendingBasis";
                    default -> "securitization";
                };
                Map<String, Object> cell = cell(json, section, f[1], f[2]);
                Object value = cell.get(f[3]);
                assertEquals(value == null ? "" : value.toString(), f[4], lines[i]);
                assertEquals(cell.get("suppressed").toString(), f[5], lines[i]);
                assertEquals(cell.get("groupName") == null ? "" : cell.get("groupName"), f[6], lines[i]);
                checked++;
            }
            assertTrue(checked > 40);
        }
    }

    @Test
    void banksAndTheRegistrarAreRefused() {
        long bank = Fixtures.bank();
        given().auth().oauth2(Tokens.bank(bank)).get("/api/v1/stats/volumes?from=1992-01&to=1992-12")
                .then().statusCode(403).contentType("application/problem+json").body("code", equalTo("forbidden"));
        given().auth().oauth2(Tokens.bank(bank)).get("/api/v1/regulator/aggregates?from=1992-01-01&to=1992-12-31")
                .then().statusCode(403);
        given().auth().oauth2(Tokens.registrar()).get("/api/v1/regulator/aggregates?from=1992-01-01&to=1992-12-31")
                .then().statusCode(403);
    }

    @Test
    void rangesAreBounded() {
        given().auth().oauth2(Tokens.lab()).get("/api/v1/stats/volumes?from=1980-01&to=1992-12")
                .then().statusCode(400).body("code", equalTo("validation-failed"));
        given().auth().oauth2(Tokens.lab()).get("/api/v1/stats/volumes?from=1992-13&to=1992-12")
                .then().statusCode(400).body("errors[0].field", equalTo("from"));
        given().auth().oauth2(Tokens.lab()).get("/api/v1/stats/volumes?from=1992-01&to=1992-12&period=WEEK")
                .then().statusCode(400);
        given().auth().oauth2(Tokens.regulator()).get("/api/v1/regulator/aggregates?from=1992-01-02&to=1992-12-31")
                .then().statusCode(400).body("errors[0].field", equalTo("from"));
    }

    // ---- helpers: the API -----------------------------------------------------------------------

    private static JsonPath volumes(String token, String query) {
        return given().auth().oauth2(token).get("/api/v1/stats/volumes?" + query).then().statusCode(200).extract().jsonPath();
    }

    private static JsonPath aggregates(String token, String from, String to) {
        return given().auth().oauth2(token).accept(ContentType.JSON)
                .get("/api/v1/regulator/aggregates?from=" + from + "&to=" + to).then().statusCode(200).extract().jsonPath();
    }

    private static Map<String, Object> cell(JsonPath json, String section, String breakdown, String group) {
        if (section.equals("securitization")) {
            return json.getMap(section);
        }
        if (breakdown.equals("TOTAL")) {
            return json.getMap(section + ".total");
        }
        String list = switch (breakdown) {
            case "DISTRICT" -> "byDistrict";
            case "INDUSTRY" -> "byIndustry";
            case "BANK" -> "byBank";
            default -> "byIpKind";
        };
        return json.<Map<String, Object>>getList(section + "." + list).stream()
                .filter(c -> group.equals(c.get("group"))).findFirst().orElseThrow();
    }

    private static void assertFigure(JsonPath j, String path, BigDecimal now, BigDecimal before) {
        assertEquals(0, now.compareTo(new BigDecimal(j.getString(path + ".value"))), path);
        assertEquals(0, before.compareTo(new BigDecimal(j.getString(path + ".previousYear"))), path);
        assertEquals(0, now.subtract(before).compareTo(new BigDecimal(j.getString(path + ".change"))), path);
        String ratio = j.getString(path + ".changeRatio");
        if (before.signum() == 0) {
            assertNull(ratio, path);
        } else {
            assertEquals(now.subtract(before).divide(before, 4, RoundingMode.HALF_EVEN).toPlainString(), ratio, path);
        }
    }

    private static long enterprise(String district, String industry) {
        return Fixtures.party(Map.of("kind", "ENTERPRISE", "name", "苏州统计测试有限公司", "creditCode", Fixtures.creditCode(),
                "district", district, "industry", industry));
    }

    private static long file(long bank, List<Long> pledgors, String amount, String termStartsOn, long... assets) {
        java.time.LocalDate start = java.time.LocalDate.parse(termStartsOn);
        return given().auth().oauth2(Tokens.bank(bank)).contentType(ContentType.JSON)
                .body(Map.of("pledgorIds", pledgors, "pledgeeId", bank, "assetIds", Fixtures.ids(assets),
                        "securedAmount", amount, "termStartsOn", termStartsOn, "termEndsOn", start.plusYears(2).toString()))
                .post("/api/v1/pledges").then().statusCode(201).extract().jsonPath().getLong("id");
    }

    private static long registered(long bank, List<Long> pledgors, String amount, String termStartsOn, long... assets) {
        long id = file(bank, pledgors, amount, termStartsOn, assets);
        Fixtures.registerPledge(id, Fixtures.officeNumber());
        return id;
    }

    private static long loan(long bank, long borrower, long pledge, String principal, String disbursedOn) {
        java.time.LocalDate d = java.time.LocalDate.parse(disbursedOn);
        return given().auth().oauth2(Tokens.bank(bank)).contentType(ContentType.JSON)
                .body(Map.of("lenderId", bank, "borrowerId", borrower, "principal", principal, "annualRate", "0.0385",
                        "disbursementDate", disbursedOn, "maturityDate", d.plusYears(2).toString(), "purpose", "研发投入",
                        "pledgeIds", List.of(pledge)))
                .post("/api/v1/loans").then().statusCode(201).extract().jsonPath().getLong("id");
    }

    private static void event(long bank, long loan, Map<String, Object> body) {
        given().auth().oauth2(Tokens.bank(bank)).contentType(ContentType.JSON).body(body)
                .post("/api/v1/loans/{id}/events", loan).then().statusCode(200);
    }

    // ---- helpers: independent SQL over the base tables -------------------------------------------

    private static final String REGISTERED_IN_YEAR =
            "p.registered_on is not null and extract(year from p.term_starts_on) = ?";

    private static BigDecimal registrationSql(String year, String measure) throws SQLException {
        String sql = switch (measure) {
            case "pledges" -> "select count(*) from pledge p where " + REGISTERED_IN_YEAR;
            case "pledgedAmount" -> "select coalesce(sum(secured_amount), 0) from pledge p where " + REGISTERED_IN_YEAR;
            case "pledgedAssets" -> "select count(*) from pledge p join pledge_asset pa on pa.pledge_id = p.id where " + REGISTERED_IN_YEAR;
            case "enterprises" -> "select count(distinct pp.party_id) from pledge p join pledge_pledgor pp on pp.pledge_id = p.id where "
                    + REGISTERED_IN_YEAR;
            default -> throw new IllegalArgumentException(measure);
        };
        return sqlNumber(sql, Integer.parseInt(year));
    }

    /** A pledge's district (industry): the one its pledgors share, else MIXED. */
    private static Map<String, BigDecimal> registrationByPartyAttribute(String column) throws SQLException {
        return sqlGroups("""
                select g, sum(secured_amount) from (
                    select p.id, p.secured_amount,
                           case when count(distinct pa.%1$s) > 1 then 'MIXED' else max(pa.%1$s) end as g
                    from pledge p join pledge_pledgor pp on pp.pledge_id = p.id join party pa on pa.id = pp.party_id
                    where p.registered_on is not null and p.term_starts_on between '1992-01-01' and '1992-12-31'
                    group by p.id, p.secured_amount) x group by g""".formatted(column));
    }

    private static Map<String, BigDecimal> registrationByIpKind() throws SQLException {
        return sqlGroups("""
                select g, sum(secured_amount) from (
                    select p.id, p.secured_amount, case when count(distinct a.kind) > 1 then 'MIXED' else max(a.kind) end as g
                    from pledge p join pledge_asset x on x.pledge_id = p.id join ip_asset a on a.id = x.asset_id
                    where p.registered_on is not null and p.term_starts_on between '1992-01-01' and '1992-12-31'
                    group by p.id, p.secured_amount) x group by g""");
    }

    /** Lending figures of loans disbursed in a year, optionally for one lender. */
    private static BigDecimal lendingSql(String year, String measure, String column, Long value) throws SQLException {
        String where = " extract(year from l.disbursement_date) = ?" + (column == null ? "" : " and l." + column + " = ?");
        String sql = switch (measure) {
            case "loansIssued" -> "select count(*) from loan l where" + where;
            case "principalIssued" -> "select coalesce(sum(principal), 0) from loan l where" + where;
            case "inclusiveLoans" -> "select count(*) from loan l where inclusive_small_loan and" + where;
            case "inclusivePrincipal" -> "select coalesce(sum(principal), 0) from loan l where inclusive_small_loan and" + where;
            case "firstTimePledgors" -> "select count(distinct borrower_id) from loan l where first_time_pledgor and" + where;
            case "borrowers" -> "select count(distinct borrower_id) from loan l where" + where;
            case "defaults" -> "select count(*) from loan_event e join loan l on l.id = e.loan_id where e.kind = 'DEFAULT' and "
                    + where.replace("l.disbursement_date", "e.occurred_on");
            case "outstandingAtPeriodEnd" -> null;
            default -> throw new IllegalArgumentException(measure);
        };
        if (sql == null) {
            return outstandingSql(year + "-12-31", column, value);
        }
        return value == null ? sqlNumber(sql, Integer.parseInt(year)) : sqlNumber(sql, Integer.parseInt(year), value);
    }

    /** Loans disbursed in a year with a live policy: their number or principal, optionally for one lender. */
    private static BigDecimal insuredSql(String year, String measure, String column, Long value) throws SQLException {
        String sql = "select " + (measure.equals("insuredLoans") ? "count(*)" : "coalesce(sum(l.principal), 0)")
                + " from loan l where extract(year from l.disbursement_date) = ?"
                + " and exists (select 1 from insurance_policy p where p.loan_id = l.id and p.status = 'ACTIVE')"
                + (column == null ? "" : " and l." + column + " = ?");
        return value == null ? sqlNumber(sql, Integer.parseInt(year)) : sqlNumber(sql, Integer.parseInt(year), value);
    }

    private static String partyName(long id) throws SQLException {
        try (Connection c = jdbc(); PreparedStatement s = c.prepareStatement("select name from party where id = ?")) {
            s.setLong(1, id);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getString(1);
            }
        }
    }

    /** The balance of every loan after its last event on or before the day, summed. */
    private static BigDecimal outstandingSql(String day, String column, Long value) throws SQLException {
        String sql = """
                select coalesce(sum((select e.outstanding_after from loan_event e
                                     where e.loan_id = l.id and e.occurred_on <= ?::date
                                     order by e.occurred_on desc, e.id desc limit 1)), 0)
                from loan l where l.disbursement_date between '1991-01-01' and '1992-12-31'""" + (column == null ? "" : " and l." + column + " = ?");
        return value == null ? sqlNumber(sql, day) : sqlNumber(sql, day, value);
    }

    private static BigDecimal sqlNumber(String sql, Object... args) throws SQLException {
        try (Connection c = jdbc(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getBigDecimal(1);
            }
        }
    }

    private static Map<String, BigDecimal> sqlGroups(String sql) throws SQLException {
        Map<String, BigDecimal> out = new TreeMap<>();
        try (Connection c = jdbc(); PreparedStatement s = c.prepareStatement(sql); ResultSet r = s.executeQuery()) {
            while (r.next()) {
                out.put(r.getString(1), r.getBigDecimal(2));
            }
        }
        return out;
    }

    private static Connection jdbc() throws SQLException {
        var config = ConfigProvider.getConfig();
        return DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class),
                config.getOptionalValue("quarkus.datasource.password", String.class).orElse(""));
    }
}
