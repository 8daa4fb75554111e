package org.ipledger.securitization;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.ipledger.testsupport.Fixtures;
import org.ipledger.testsupport.Tokens;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.ipledger.testsupport.SecuritizationFixtures.day;
import static org.ipledger.testsupport.SecuritizationFixtures.issuer;
import static org.ipledger.testsupport.SecuritizationFixtures.loan;
import static org.ipledger.testsupport.SecuritizationFixtures.loanEvent;
import static org.ipledger.testsupport.SecuritizationFixtures.periodEnd;
import static org.ipledger.testsupport.SecuritizationFixtures.postProduct;
import static org.ipledger.testsupport.SecuritizationFixtures.productBody;
import static org.ipledger.testsupport.SecuritizationFixtures.repayment;
import static org.ipledger.testsupport.SecuritizationFixtures.runPeriod;
import static org.ipledger.testsupport.SecuritizationFixtures.tranche;
import static org.ipledger.testsupport.SecuritizationFixtures.trustee;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
class ProductResourceTest {

    private static final String PROBLEM = "application/problem+json";

    /** A 600,000.00 / 300,000.00 / 100,000.00 split: senior AAA, mezzanine AA, subordinated. */
    private static List<Map<String, Object>> threeTranches() {
        return List.of(tranche("优先A级", 1, "600000.00", "0.035", "AAA", false),
                tranche("优先B级", 2, "300000.00", "0.05", "AA", false),
                tranche("次级", 3, "100000.00", "0", "NR", true));
    }

    private record Setup(long issuer, long trustee, long bank, long product, List<Long> loans) {
    }

    private static Setup product(String mode, String... principals) {
        long issuer = issuer();
        long trustee = trustee();
        long bank = Fixtures.bank();
        List<Long> loans = java.util.Arrays.stream(principals).map(p -> loan(bank, p)).toList();
        long product = postProduct(issuer, productBody(issuer, trustee, mode, loans, threeTranches()))
                .statusCode(201).extract().jsonPath().getLong("id");
        return new Setup(issuer, trustee, bank, product, loans);
    }

    private static BigDecimal dec(JsonPath j, String path) {
        return new BigDecimal(j.getString(path));
    }

    /** paid out + carried == collected, and paid out is the sum of the report's lines. */
    private static void fenBalanceHolds(JsonPath r) {
        BigDecimal lines = dec(r, "trusteeFee.paid").add(dec(r, "servicingFee.paid")).add(dec(r, "residual"));
        for (int i = 0; i < r.getList("tranches").size(); i++) {
            lines = lines.add(dec(r, "tranches[" + i + "].interestPaid")).add(dec(r, "tranches[" + i + "].principalPaid"));
        }
        assertEquals(dec(r, "collected"), dec(r, "paidOut").add(dec(r, "cashCarried")));
        assertEquals(dec(r, "paidOut"), lines);
    }

    @Test
    void anIssuerRecordsAProductWithThreeTranchesOverLoansOfTheLedgerAndSupervisorsReadIt() {
        long issuer = issuer();
        long trustee = trustee();
        long bank = Fixtures.bank();
        List<Long> loans = List.of(loan(bank, "400000.00"), loan(bank, "350000.00"), loan(bank, "250000.00"));
        Map<String, Object> body = productBody(issuer, trustee, "SEQUENTIAL", loans, threeTranches());
        long id = postProduct(issuer, body).statusCode(201).contentType(ContentType.JSON)
                .body("name", equalTo(body.get("name")))
                .body("issuer.id", equalTo((int) issuer))
                .body("$", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasKey("suer")))
                .body("trustee.id", equalTo((int) trustee))
                .body("originalPool", equalTo("1000000.00"))
                .body("trusteeFeeRate", equalTo("0.001"))
                .body("defaultTrigger", equalTo("0.05"))
                .body("pool", hasSize(3))
                .body("pool[0].lender.id", equalTo((int) bank))
                .body("tranches", hasSize(3))
                .body("tranches[0].name", equalTo("优先A级"))
                .body("tranches[0].balance", equalTo("600000.00"))
                .body("tranches[0].couponRate", equalTo("0.035"))
                .body("tranches[2].subordinated", equalTo(true))
                .body("nextPeriodEnd", equalTo(periodEnd(1)))
                .body("status", equalTo("LIVE"))
                .body("journalSeq", notNullValue())
                .extract().jsonPath().getLong("id");
        for (String token : List.of(Tokens.regulator(), Tokens.lab(), Tokens.trustee(trustee), Tokens.issuer(issuer))) {
            given().auth().oauth2(token).get("/api/v1/products/{id}", id).then().statusCode(200)
                    .body("tranches", hasSize(3));
        }
        given().auth().oauth2(Tokens.issuer(issuer)).get("/api/v1/products").then().statusCode(200)
                .body("total", equalTo(1)).body("items[0].id", equalTo((int) id)).body("items[0].tranches", hasSize(3));
        // The lending bank sees only that its loan is in a pool.
        given().auth().oauth2(Tokens.bank(bank)).get("/api/v1/loans/{id}/securitization", loans.get(0))
                .then().statusCode(200).body("securitized", equalTo(true)).body("product.id", equalTo((int) id));
        given().auth().oauth2(Tokens.bank(Fixtures.bank())).get("/api/v1/loans/{id}/securitization", loans.get(0))
                .then().statusCode(404);
        // Every bank sees in the collateral status that the pledged asset's loan is securitized, no figures.
        long pledge = given().auth().oauth2(Tokens.bank(bank)).get("/api/v1/loans/{id}", loans.get(0)).then()
                .statusCode(200).extract().jsonPath().getLong("pledges[0].id");
        long patent = given().auth().oauth2(Tokens.regulator()).get("/api/v1/pledges/{id}", pledge).then()
                .statusCode(200).extract().jsonPath().getLong("assets[0].id");
        given().auth().oauth2(Tokens.bank(Fixtures.bank())).queryParam("assetId", patent).get("/api/v1/collateral-status").then()
                .statusCode(200).body("securesLoan", equalTo(true)).body("loanSecuritized", equalTo(true));
        given().auth().oauth2(Tokens.bank(bank)).get("/api/v1/products/{id}", id).then().statusCode(403);
    }

    @Test
    void aLoanAlreadyInAnotherLiveProductIs409NamingTheLoanAndTheProduct() {
        Setup first = product("SEQUENTIAL", "600000.00", "400000.00");
        long other = loan(first.bank(), "500000.00");
        long issuer = issuer();
        Map<String, Object> body = productBody(issuer, trustee(), "SEQUENTIAL", List.of(other, first.loans().get(1)),
                List.of(tranche("A", 1, "800000.00", "0.03", "AAA", false), tranche("Sub", 2, "100000.00", "0", "NR", true)));
        postProduct(issuer, body).statusCode(409).contentType(PROBLEM)
                .body("code", equalTo("loan-already-securitized"))
                .body("loanId", equalTo(first.loans().get(1).intValue()))
                .body("productId", equalTo((int) first.product()));
        given().auth().oauth2(Tokens.bank(first.bank())).get("/api/v1/loans/{id}/securitization", other)
                .then().statusCode(200).body("securitized", equalTo(false));
    }

    @Test
    void tranchesThatDoNotAddUpToThePoolAre422AndTwoSubordinatedTranchesAre400() {
        long issuer = issuer();
        long loan = loan(Fixtures.bank(), "1000000.00");
        postProduct(issuer, productBody(issuer, trustee(), "SEQUENTIAL", List.of(loan),
                List.of(tranche("A", 1, "800000.00", "0.03", "AAA", false), tranche("Sub", 2, "100000.00", "0", "NR", true))))
                .statusCode(422).body("code", equalTo("tranches-do-not-match-pool"));
        postProduct(issuer, productBody(issuer, trustee(), "SEQUENTIAL", List.of(loan),
                List.of(tranche("A", 1, "900000.00", "0.03", "AAA", true), tranche("Sub", 2, "100000.00", "0", "NR", true))))
                .statusCode(400).body("code", equalTo("validation-failed"));
    }

    @Test
    void aBankCannotManageProductsAndTheIssuerOfAnotherProductCannotRunItsPeriods() {
        Setup s = product("SEQUENTIAL", "1000000.00");
        given().auth().oauth2(Tokens.bank(s.bank())).contentType(ContentType.JSON)
                .body(productBody(s.bank(), s.trustee(), "SEQUENTIAL", s.loans(), threeTranches()))
                .post("/api/v1/products").then().statusCode(403);
        runPeriod(Tokens.bank(s.bank()), s.product(), periodEnd(1), false).statusCode(403);
        long otherIssuer = issuer();
        runPeriod(Tokens.issuer(otherIssuer), s.product(), periodEnd(1), false).statusCode(404).contentType(PROBLEM);
        given().auth().oauth2(Tokens.issuer(otherIssuer)).get("/api/v1/products/{id}", s.product()).then().statusCode(404);
        // An issuer records only its own products.
        postProduct(otherIssuer, productBody(s.issuer(), s.trustee(), "SEQUENTIAL", List.of(loan(s.bank(), "1000000.00")),
                threeTranches())).statusCode(403);
        // The regulator reads but does not run periods.
        runPeriod(Tokens.regulator(), s.product(), periodEnd(1), false).statusCode(403);
    }

    @Test
    void aPeriodPaysSeniorPrincipalSequentiallyAndARerunOfTheRecordedPeriodPaysNothingTwice() {
        Setup s = product("SEQUENTIAL", "1000000.00");
        long loan = s.loans().get(0);
        repayment(s.bank(), loan, 10, "50000.00", "5000.00");
        // A dry run stores nothing.
        runPeriod(Tokens.trustee(s.trustee()), s.product(), periodEnd(1), true).statusCode(200)
                .body("dryRun", equalTo(true)).body("tranches[0].principalPaid", equalTo("50000.00"));
        given().auth().oauth2(Tokens.regulator()).get("/api/v1/products/{id}", s.product()).then()
                .body("periodsRecorded", equalTo(0)).body("tranches[0].balance", equalTo("600000.00"));

        JsonPath first = runPeriod(Tokens.trustee(s.trustee()), s.product(), periodEnd(1), false).statusCode(201)
                .body("periodNumber", equalTo(1))
                .body("periodStart", equalTo(day(0)))
                .body("periodEnd", equalTo(periodEnd(1)))
                .body("interestCollected", equalTo("5000.00"))
                .body("principalCollected", equalTo("50000.00"))
                .body("collected", equalTo("55000.00"))
                .body("paidOut", equalTo("55000.00"))
                .body("cashCarried", equalTo("0.00"))
                .body("principalModeApplied", equalTo("SEQUENTIAL"))
                .body("tranches[0].principalPaid", equalTo("50000.00"))
                .body("tranches[0].closingBalance", equalTo("550000.00"))
                .body("tranches[1].principalPaid", equalTo("0.00"))
                .body("tranches[2].principalPaid", equalTo("0.00"))
                .body("journalSeq", notNullValue())
                .extract().jsonPath();
        fenBalanceHolds(first);

        // The same period again: the recorded report, nothing paid twice.
        JsonPath again = runPeriod(Tokens.issuer(s.issuer()), s.product(), periodEnd(1), false).statusCode(200)
                .body("replayed", equalTo(true)).extract().jsonPath();
        assertEquals(first.getString("paidOut"), again.getString("paidOut"));
        assertEquals(first.getString("residual"), again.getString("residual"));
        assertEquals(first.getLong("journalSeq"), again.getLong("journalSeq"));
        given().auth().oauth2(Tokens.regulator()).get("/api/v1/products/{id}", s.product()).then()
                .body("periodsRecorded", equalTo(1))
                .body("tranches[0].balance", equalTo("550000.00"))
                .body("nextPeriodEnd", equalTo(periodEnd(2)));
        // A period out of order is refused.
        runPeriod(Tokens.trustee(s.trustee()), s.product(), periodEnd(3), false).statusCode(409)
                .body("code", equalTo("period-not-next")).body("expectedPeriodEnd", equalTo(periodEnd(2)));
    }

    @Test
    void anInterestShortfallIsCarriedAsArrearsAndPaidFirstInTheNextPeriod() {
        Setup s = product("SEQUENTIAL", "1000000.00");
        long loan = s.loans().get(0);
        repayment(s.bank(), loan, 10, "0.00", "1500.00");
        JsonPath p1 = runPeriod(Tokens.trustee(s.trustee()), s.product(), periodEnd(1), false).statusCode(201)
                .extract().jsonPath();
        fenBalanceHolds(p1);
        BigDecimal aArrears = dec(p1, "tranches[0].arrears");
        assertEquals(dec(p1, "tranches[0].interestDue").subtract(dec(p1, "tranches[0].interestPaid")), aArrears);
        assertEquals(1, aArrears.signum());
        assertEquals(new BigDecimal("0.00"), dec(p1, "tranches[1].interestPaid"));
        BigDecimal bArrears = dec(p1, "tranches[1].arrears");
        assertEquals(dec(p1, "tranches[1].interestDue"), bArrears);
        given().auth().oauth2(Tokens.regulator()).get("/api/v1/products/{id}", s.product()).then()
                .body("tranches[0].interestArrears", equalTo(aArrears.toPlainString()))
                .body("tranches[1].interestArrears", equalTo(bArrears.toPlainString()));

        repayment(s.bank(), loan, 40, "0.00", "10000.00");
        JsonPath p2 = runPeriod(Tokens.trustee(s.trustee()), s.product(), periodEnd(2), false).statusCode(201)
                .extract().jsonPath();
        fenBalanceHolds(p2);
        assertEquals(aArrears, dec(p2, "tranches[0].openingArrears"));
        assertEquals(bArrears, dec(p2, "tranches[1].openingArrears"));
        assertEquals(dec(p2, "tranches[0].interestDue"), dec(p2, "tranches[0].interestPaid"));
        assertEquals(dec(p2, "tranches[1].interestDue"), dec(p2, "tranches[1].interestPaid"));
        assertEquals(new BigDecimal("0.00"), dec(p2, "tranches[1].arrears"));
    }

    @Test
    void cumulativeDefaultsAboveTheTriggerFlipAProRataProductToSequential() {
        Setup s = product("PRO_RATA", "500000.00", "500000.00");
        loanEvent(s.bank(), s.loans().get(1), Map.of("kind", "DEFAULT", "occurredOn", day(5)));
        repayment(s.bank(), s.loans().get(0), 10, "30000.00", "10000.00");
        JsonPath r = runPeriod(Tokens.trustee(s.trustee()), s.product(), periodEnd(1), false).statusCode(201)
                .body("cumulativeDefaults", equalTo("500000.00"))
                .body("triggerBreached", equalTo(true))
                .body("principalModeApplied", equalTo("SEQUENTIAL"))
                .body("tranches[1].principalPaid", equalTo("0.00"))
                .body("tranches[2].principalPaid", equalTo("0.00"))
                // The defaulted 500,000.00 leaves 470,000.00 performing: tranches of 970,000.00 after the 30,000.00
                // of principal exceed it by 500,000.00. The cash left after interest goes to A toward it (no
                // residual); the rest is written off C (100,000.00), B (300,000.00), then A, down to 470,000.00.
                .body("performingPool", equalTo("470000.00"))
                .body("principalDeficiency", equalTo("500000.00"))
                .body("residual", equalTo("0.00"))
                .body("tranches[2].writtenDown", equalTo("100000.00"))
                .body("tranches[1].writtenDown", equalTo("300000.00"))
                .body("tranches[0].closingBalance", equalTo("470000.00"))
                .body("tranches[1].closingBalance", equalTo("0.00"))
                .body("tranches[2].closingBalance", equalTo("0.00"))
                .extract().jsonPath();
        BigDecimal covered = dec(r, "deficiencyCovered");
        assertEquals(new BigDecimal("30000.00").add(covered), dec(r, "tranches[0].principalPaid"));
        assertEquals(covered, dec(r, "tranches[0].principalForLosses"));
        assertEquals(new BigDecimal("500000.00").subtract(covered), dec(r, "writtenDown"));
        assertEquals(new BigDecimal("100000.00").subtract(covered), dec(r, "tranches[0].writtenDown"));
        fenBalanceHolds(r);
    }

    @Test
    void aProRataFenThatCannotBeSplitGoesToTheSeniorTrancheAndTheFenBalanceHolds() {
        long issuer = issuer();
        long trustee = trustee();
        long bank = Fixtures.bank();
        long loan = loan(bank, "300000.00");
        Map<String, Object> body = productBody(issuer, trustee, "PRO_RATA", List.of(loan),
                List.of(tranche("A", 1, "100000.00", "0", "AAA", false), tranche("B", 2, "100000.00", "0", "AA", false),
                        tranche("C", 3, "100000.00", "0", "NR", true)));
        body.put("trusteeFeeRate", "0");
        body.put("servicingFeeRate", "0");
        long product = postProduct(issuer, body).statusCode(201).extract().jsonPath().getLong("id");
        repayment(bank, loan, 10, "100.00", "0.00");
        JsonPath r = runPeriod(Tokens.issuer(issuer), product, periodEnd(1), false).statusCode(201)
                .body("principalModeApplied", equalTo("PRO_RATA"))
                .body("tranches[0].principalPaid", equalTo("33.34"))
                .body("tranches[1].principalPaid", equalTo("33.33"))
                .body("tranches[2].principalPaid", equalTo("33.33"))
                .body("residual", equalTo("0.00"))
                .body("paidOut", equalTo("100.00"))
                .extract().jsonPath();
        fenBalanceHolds(r);
    }

    @Test
    void productJournalEntriesAreReadableByTheRegulatorButHiddenFromBanks() {
        long issuer = issuer();
        long bank = Fixtures.bank();
        long loan = loan(bank, "1000000.00");
        JsonPath p = postProduct(issuer, productBody(issuer, trustee(), "SEQUENTIAL", List.of(loan), threeTranches()))
                .statusCode(201).extract().jsonPath();
        long seq = p.getLong("journalSeq");
        given().auth().oauth2(Tokens.regulator()).get("/api/v1/journal/entries/{seq}", seq).then().statusCode(200)
                .body("action", equalTo("PRODUCT_RECORDED")).body("state.originalPool", equalTo("1000000.00"));
        given().auth().oauth2(Tokens.bank(bank)).get("/api/v1/journal/entries/{seq}", seq).then().statusCode(200)
                .body("leafHash", notNullValue()).body("state", equalTo(null)).body("leafInput", equalTo(null));
        given().auth().oauth2(Tokens.issuer(issuer)).get("/api/v1/journal/entries/{seq}", seq).then().statusCode(200)
                .body("state.originalPool", equalTo("1000000.00"));
        given().auth().oauth2(Tokens.issuer(issuer())).get("/api/v1/journal/entries/{seq}", seq).then().statusCode(200)
                .body("state", equalTo(null));
        given().auth().oauth2(Tokens.bank(bank)).get("/api/v1/products").then().statusCode(403);
        given().auth().oauth2(Tokens.lab()).get("/api/v1/products").then().statusCode(200)
                .body("items.id", hasItem(p.getInt("id")));
    }

    @Test
    void aProjectionShowsWhenEachTrancheIsRepaidAndRecordsNothing() {
        Setup s = product("SEQUENTIAL", "1000000.00");
        JsonPath r = given().auth().oauth2(Tokens.issuer(s.issuer())).contentType(ContentType.JSON)
                .body(Map.of("annualDefaultRate", "0.02", "annualPrepaymentRate", "0.9", "periods", 36))
                .post("/api/v1/products/{id}/projection", s.product()).then().statusCode(200)
                .body("performingPool", equalTo("1000000.00"))
                .body("tranches", hasSize(3))
                .body("periods", hasSize(36))
                .body("periods[0].periodEnd", equalTo(periodEnd(1)))
                .body("tranches[0].repaidOn", notNullValue())
                .extract().jsonPath();
        // Seniors are repaid no later than juniors.
        assertEquals(true, r.getInt("tranches[0].repaidInPeriod") <= r.getInt("tranches[1].repaidInPeriod"));
        given().auth().oauth2(Tokens.regulator()).get("/api/v1/products/{id}", s.product()).then()
                .body("periodsRecorded", equalTo(0)).body("tranches[0].balance", equalTo("600000.00"));
        given().auth().oauth2(Tokens.bank(s.bank())).contentType(ContentType.JSON)
                .body(Map.of("annualDefaultRate", "0.02", "annualPrepaymentRate", "0.1", "periods", 12))
                .post("/api/v1/products/{id}/projection", s.product()).then().statusCode(403);
    }

    @Test
    void aRetriedProductWithTheSameIdempotencyKeyIsRecordedOnce() {
        long issuer = issuer();
        long loan = loan(Fixtures.bank(), "1000000.00");
        Map<String, Object> body = productBody(issuer, trustee(), "SEQUENTIAL", List.of(loan), threeTranches());
        String key = "sec-" + System.nanoTime();
        long first = given().auth().oauth2(Tokens.issuer(issuer)).contentType(ContentType.JSON).header("Idempotency-Key", key)
                .body(body).post("/api/v1/products").then().statusCode(201).extract().jsonPath().getLong("id");
        long again = given().auth().oauth2(Tokens.issuer(issuer)).contentType(ContentType.JSON).header("Idempotency-Key", key)
                .body(body).post("/api/v1/products").then().statusCode(201).extract().jsonPath().getLong("id");
        assertEquals(first, again);
        given().auth().oauth2(Tokens.issuer(issuer)).get("/api/v1/products").then().body("total", equalTo(1));
    }
}
