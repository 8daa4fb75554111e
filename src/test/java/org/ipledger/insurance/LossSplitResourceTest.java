package org.ipledger.insurance;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.ipledger.testsupport.Fixtures;
import org.ipledger.testsupport.InsuranceFixtures;
import org.ipledger.testsupport.InsuranceFixtures.SecuredLoan;
import org.ipledger.testsupport.Tokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.ipledger.testsupport.InsuranceFixtures.assess;
import static org.ipledger.testsupport.InsuranceFixtures.claim;
import static org.ipledger.testsupport.InsuranceFixtures.day;
import static org.ipledger.testsupport.InsuranceFixtures.pay;
import static org.ipledger.testsupport.InsuranceFixtures.policy;
import static org.ipledger.testsupport.InsuranceFixtures.reject;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two banks, two insurers, three assessed losses (one paid), one claim still filed and one rejected:
 * <pre>
 *   A  bank1  insurer1  0.6 : 0.2     loss 1000000.01  insurer 600000.01  fund  200000.00  bank 200000.00  (day 52, paid)
 *   B  bank2  insurer1  0.2 : 0.8     loss 3333333.33  insurer 666666.67  fund 2666666.66  bank      0.00  (day 55)
 *   C  bank1  insurer2  0.5 : 0       loss  333333.33  insurer 166666.67  fund       0.00  bank 166666.66  (day 55)
 * </pre>
 */
@QuarkusTest
class LossSplitResourceTest {

    private static long bank1;
    private static long bank2;
    private static long insurer1;
    private static long insurer2;
    private static long loanA;
    private static long loanB;
    private static long loanC;
    private static boolean ready;

    /** Made once, by the first test (RestAssured knows the test port only once a test runs, not in @BeforeAll). */
    @BeforeEach
    synchronized void threeAssessedLossesOfTwoBanksAndTwoInsurers() {
        if (ready) {
            return;
        }
        bank1 = Fixtures.bank();
        bank2 = Fixtures.bank();
        insurer1 = InsuranceFixtures.insurer();
        insurer2 = InsuranceFixtures.insurer();
        SecuredLoan a = InsuranceFixtures.defaultedLoan(bank1, "1000000.01");
        SecuredLoan b = InsuranceFixtures.defaultedLoan(bank2, "3333333.33");
        SecuredLoan c = InsuranceFixtures.defaultedLoan(bank1, "500000.00");
        SecuredLoan filedOnly = InsuranceFixtures.defaultedLoan(bank1, "100000.00");
        SecuredLoan rejected = InsuranceFixtures.defaultedLoan(bank2, "100000.00");
        loanA = a.loan();
        loanB = b.loan();
        loanC = c.loan();
        policy(insurer1, loanA, "0.6", "0.2");
        policy(insurer1, loanB, "0.2", "0.8");
        policy(insurer2, loanC, "0.5", null);
        policy(insurer1, filedOnly.loan(), "0.6", "0.2");
        policy(insurer2, rejected.loan(), "0.6", "0.2");
        long claimA = claim(bank1, loanA, "1000000.01");
        assess(insurer1, claimA, "1000000.01", day(52)).statusCode(200);
        pay(insurer1, claimA, day(53)).statusCode(200);
        assess(insurer1, claim(bank2, loanB, "3333333.33"), "3333333.33", day(55)).statusCode(200);
        assess(insurer2, claim(bank1, loanC, "500000.00"), "333333.33", day(55)).statusCode(200);
        claim(bank1, filedOnly.loan(), "100000.00");
        reject(insurer2, claim(bank2, rejected.loan(), "100000.00"), day(52)).statusCode(200);
        ready = true;
    }

    private static JsonPath report(String token, Map<String, Object> query) {
        return given().auth().oauth2(token).queryParams(query).get("/api/v1/loss-splits")
                .then().statusCode(200).extract().jsonPath();
    }

    private static void totals(JsonPath r, int loans, String loss, String banks, String insurers, String fund) {
        assertEquals(loans, r.getInt("totals.loans"));
        assertEquals(loss, r.getString("totals.loss"));
        assertEquals(banks, r.getString("totals.banks"));
        assertEquals(insurers, r.getString("totals.insurers"));
        assertEquals(fund, r.getString("totals.governmentFund"));
        addsUp(r);
    }

    /** loss = banks + insurers + fund; byInsurer adds up to insurers, byBank to banks; rows to totals. */
    private static void addsUp(JsonPath r) {
        BigDecimal loss = new BigDecimal(r.getString("totals.loss"));
        BigDecimal banks = new BigDecimal(r.getString("totals.banks"));
        BigDecimal insurers = new BigDecimal(r.getString("totals.insurers"));
        BigDecimal fund = new BigDecimal(r.getString("totals.governmentFund"));
        assertEquals(loss, banks.add(insurers).add(fund));
        assertEquals(insurers, sum(r.getList("totals.byInsurer.insurerPart")));
        assertEquals(banks, sum(r.getList("totals.byBank.bankPart")));
        assertEquals(loss, sum(r.getList("totals.byInsurer.loss")));
        assertEquals(loss, sum(r.getList("totals.byBank.loss")));
        assertEquals(r.getInt("total"), r.getInt("totals.loans"));
        if (r.getInt("total") <= r.getInt("size") && r.getInt("page") == 0) {
            assertEquals(loss, sum(r.getList("items.split.loss")));
            assertEquals(banks, sum(r.getList("items.split.bankPart")));
            assertEquals(insurers, sum(r.getList("items.split.insurerPart")));
            assertEquals(fund, sum(r.getList("items.split.governmentPart")));
        }
        for (int i = 0; i < r.getList("items").size(); i++) {
            String row = "items[" + i + "].split.";
            assertEquals(new BigDecimal(r.getString(row + "loss")), new BigDecimal(r.getString(row + "bankPart"))
                    .add(new BigDecimal(r.getString(row + "insurerPart"))).add(new BigDecimal(r.getString(row + "governmentPart"))));
        }
    }

    private static BigDecimal sum(List<String> amounts) {
        return amounts.stream().map(BigDecimal::new).reduce(BigDecimal.ZERO.setScale(2), BigDecimal::add);
    }

    @Test
    void aBankSeesTheSplitsOfItsOwnLoansOnlyWithTotalsOfThoseAlone() {
        JsonPath r = report(Tokens.bank(bank1), Map.of());
        assertEquals(List.of((int) loanA, (int) loanC), r.getList("items.loanId"));
        assertEquals(List.of("PAID", "ASSESSED"), r.getList("items.claimStatus"));
        totals(r, 2, "1333333.34", "366666.66", "766666.68", "200000.00");
        assertEquals(List.of((int) insurer1, (int) insurer2), r.getList("totals.byInsurer.insurer.id"));
        assertEquals(List.of("600000.01", "166666.67"), r.getList("totals.byInsurer.insurerPart"));
        assertEquals(List.of((int) bank1), r.getList("totals.byBank.bank.id"));

        JsonPath other = report(Tokens.bank(bank2), Map.of());
        assertEquals(List.of((int) loanB), other.getList("items.loanId"));
        totals(other, 1, "3333333.33", "0.00", "666666.67", "2666666.66");
        assertEquals(List.of((int) insurer1), other.getList("totals.byInsurer.insurer.id"));

        // filtering by another bank gives nothing, not that bank's figures
        totals(report(Tokens.bank(bank1), Map.of("lenderId", bank2)), 0, "0.00", "0.00", "0.00", "0.00");
    }

    @Test
    void anInsurerSeesTheSplitsOfItsOwnPoliciesAcrossBanks() {
        JsonPath r = report(Tokens.insurer(insurer1), Map.of());
        assertEquals(List.of((int) loanA, (int) loanB), r.getList("items.loanId"));
        totals(r, 2, "4333333.34", "200000.00", "1266666.68", "2866666.66");
        assertEquals(List.of((int) insurer1), r.getList("totals.byInsurer.insurer.id"));
        assertEquals(List.of((int) bank1, (int) bank2), r.getList("totals.byBank.bank.id"));
        assertEquals(List.of("200000.00", "0.00"), r.getList("totals.byBank.bankPart"));

        JsonPath second = report(Tokens.insurer(insurer2), Map.of());
        assertEquals(List.of((int) loanC), second.getList("items.loanId"));
        totals(second, 1, "333333.33", "166666.66", "166666.67", "0.00");
    }

    @Test
    void theRegulatorSeesEveryLossAndTheTotalsPerFundAddUp() {
        JsonPath all = report(Tokens.regulator(), Map.of("size", 200));
        addsUp(all);
        List<Integer> loans = all.getList("items.loanId");
        assertTrue(all.getInt("total") > 200 || loans.containsAll(List.of((int) loanA, (int) loanB, (int) loanC)));

        totals(report(Tokens.regulator(), Map.of("insurerId", insurer1)), 2, "4333333.34", "200000.00", "1266666.68",
                "2866666.66");
        totals(report(Tokens.admin(), Map.of("lenderId", bank1)), 2, "1333333.34", "366666.66", "766666.68", "200000.00");
    }

    @Test
    void thePeriodFilterSelectsLossesByTheirAssessmentDate() {
        JsonPath later = report(Tokens.regulator(), Map.of("insurerId", insurer1, "assessedFrom", day(53)));
        assertEquals(List.of((int) loanB), later.getList("items.loanId"));
        totals(later, 1, "3333333.33", "0.00", "666666.67", "2666666.66");

        JsonPath earlier = report(Tokens.regulator(), Map.of("insurerId", insurer1, "assessedTo", day(52)));
        assertEquals(List.of((int) loanA), earlier.getList("items.loanId"));

        JsonPath none = report(Tokens.insurer(insurer1), Map.of("assessedFrom", day(0), "assessedTo", day(40)));
        totals(none, 0, "0.00", "0.00", "0.00", "0.00");
        assertEquals(List.of(), none.getList("totals.byInsurer"));

        given().auth().oauth2(Tokens.regulator()).queryParam("assessedFrom", "yesterday").get("/api/v1/loss-splits")
                .then().statusCode(400).body("errors[0].field", equalTo("assessedFrom"));
        given().auth().oauth2(Tokens.regulator()).queryParam("assessedFrom", day(10)).queryParam("assessedTo", day(9))
                .get("/api/v1/loss-splits").then().statusCode(400).body("errors[0].field", equalTo("assessedTo"));
    }

    @Test
    void rowsArePagedButTheTotalsCoverEveryPage() {
        JsonPath first = report(Tokens.bank(bank1), Map.of("size", 1));
        assertEquals(List.of((int) loanA), first.getList("items.loanId"));
        assertEquals(2, first.getInt("total"));
        assertEquals("1333333.34", first.getString("totals.loss"));
        JsonPath second = report(Tokens.bank(bank1), Map.of("size", 1, "page", 1));
        assertEquals(List.of((int) loanC), second.getList("items.loanId"));
        given().auth().oauth2(Tokens.bank(bank1)).queryParam("page", 5).get("/api/v1/loss-splits")
                .then().statusCode(200).body("items", empty()).body("totals.loans", equalTo(2));
        given().auth().oauth2(Tokens.lab()).get("/api/v1/loss-splits").then().statusCode(403);
        given().auth().oauth2(Tokens.bank(bank1)).get("/api/v1/loss-splits")
                .then().body("items.split.loss", contains("1000000.01", "333333.33"));
    }
}
