package org.ipledger.securitization;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.ipledger.testsupport.Fixtures;
import org.ipledger.testsupport.Tokens;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.ipledger.testsupport.SecuritizationFixtures.day;
import static org.ipledger.testsupport.SecuritizationFixtures.issuer;
import static org.ipledger.testsupport.SecuritizationFixtures.loan;
import static org.ipledger.testsupport.SecuritizationFixtures.periodEnd;
import static org.ipledger.testsupport.SecuritizationFixtures.postProduct;
import static org.ipledger.testsupport.SecuritizationFixtures.receipt;
import static org.ipledger.testsupport.SecuritizationFixtures.receivable;
import static org.ipledger.testsupport.SecuritizationFixtures.repayment;
import static org.ipledger.testsupport.SecuritizationFixtures.runPeriod;
import static org.ipledger.testsupport.SecuritizationFixtures.trustee;
import static org.ipledger.testsupport.SecuritizationFixtures.writeOff;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Recorded periods over time: late collections, the list of periods, and losses written down and back.
 * Products here have no fees and zero coupons, so every figure is independent of the period's days.
 */
@QuarkusTest
class PeriodLifecycleTest {

    private static BigDecimal dec(JsonPath j, String path) {
        return new BigDecimal(j.getString(path));
    }

    private static void paidOutPlusCarriedIsCollected(JsonPath r) {
        assertEquals(dec(r, "collected"), dec(r, "paidOut").add(dec(r, "cashCarried")));
    }

    /**
     * The rule: a collection dated inside a period already run, but recorded after that run, is paid out by
     * the next period run and listed there as a prior-period collection with its date; the recorded period
     * is never rewritten, and no collection is taken by two periods.
     */
    @Test
    void cashRecordedLateForAPeriodAlreadyRunIsCollectedOnceByTheNextRunAndTheRecordedPeriodStaysAsItWas() {
        long issuer = issuer();
        long trustee = trustee();
        long bank = Fixtures.bank();
        long loan = loan(bank, "700000.00");
        long r = receivable(issuer, "150000.00", "150000.00");
        long product = postProduct(issuer, ReceivableResourceTest.plainProduct(issuer, trustee, List.of(loan), List.of(r),
                "800000.00", "200000.00")).statusCode(201).extract().jsonPath().getLong("id");

        repayment(bank, loan, 10, "10000.00", "1000.00");
        JsonPath p1 = runPeriod(Tokens.trustee(trustee), product, periodEnd(1), false).statusCode(201)
                .body("collected", equalTo("11000.00")).body("priorPeriodCollected", equalTo("0.00"))
                .extract().jsonPath();

        // Recorded after period 1 was run, dated inside it.
        repayment(bank, loan, 20, "5000.00", "500.00");
        receipt(Tokens.trustee(trustee), r, 25, "3000.00", "LATE-1").statusCode(201);
        // Period 1 stays as recorded, read or run again.
        given().auth().oauth2(Tokens.regulator()).get("/api/v1/products/{id}/periods/1", product).then().statusCode(200)
                .body("collected", equalTo("11000.00")).body("journalSeq", equalTo(p1.getInt("journalSeq")));
        runPeriod(Tokens.issuer(issuer), product, periodEnd(1), false).statusCode(200)
                .body("replayed", equalTo(true)).body("collected", equalTo("11000.00"));

        repayment(bank, loan, 40, "20000.00", "2000.00");
        runPeriod(Tokens.trustee(trustee), product, periodEnd(2), true).statusCode(200)
                .body("priorPeriodCollected", equalTo("8500.00"));
        JsonPath p2 = runPeriod(Tokens.trustee(trustee), product, periodEnd(2), false).statusCode(201)
                .body("interestCollected", equalTo("2500.00"))
                .body("principalCollected", equalTo("28000.00"))
                .body("collected", equalTo("30500.00"))
                .body("priorPeriodCollected", equalTo("8500.00"))
                .body("priorPeriodCollections", hasSize(2))
                .body("priorPeriodCollections[0].source", equalTo("LOAN_EVENT"))
                .body("priorPeriodCollections[0].loanId", equalTo((int) loan))
                .body("priorPeriodCollections[0].occurredOn", equalTo(day(20)))
                .body("priorPeriodCollections[0].principal", equalTo("5000.00"))
                .body("priorPeriodCollections[0].interest", equalTo("500.00"))
                .body("priorPeriodCollections[1].source", equalTo("RECEIPT"))
                .body("priorPeriodCollections[1].receivableId", equalTo((int) r))
                .body("priorPeriodCollections[1].occurredOn", equalTo(day(25)))
                .body("priorPeriodCollections[1].principal", equalTo("3000.00"))
                // 700,000.00 - 35,000.00 of the loan + 300,000.00 - 3,000.00 of the receivable
                .body("performingPool", equalTo("962000.00"))
                .body("tranches[0].principalPaid", equalTo("28000.00"))
                .body("tranches[0].closingBalance", equalTo("762000.00"))
                .body("writtenDown", equalTo("0.00"))
                .extract().jsonPath();
        paidOutPlusCarriedIsCollected(p2);
        JsonPath p3 = runPeriod(Tokens.trustee(trustee), product, periodEnd(3), false).statusCode(201)
                .body("collected", equalTo("0.00")).body("priorPeriodCollected", equalTo("0.00"))
                .extract().jsonPath();
        // Every collection paid out exactly once: 11,000.00 + 5,500.00 + 3,000.00 + 22,000.00.
        assertEquals(new BigDecimal("41500.00"), dec(p1, "collected").add(dec(p2, "collected")).add(dec(p3, "collected")));

        // The list of recorded periods, paged.
        given().auth().oauth2(Tokens.lab()).queryParam("size", 2).get("/api/v1/products/{id}/periods", product).then()
                .statusCode(200).body("total", equalTo(3)).body("items", hasSize(2))
                .body("items[0].periodNumber", equalTo(1)).body("items[0].periodEnd", equalTo(periodEnd(1)))
                .body("items[1].priorPeriodCollected", equalTo("8500.00"))
                .body("items[1].journalSeq", equalTo(p2.getInt("journalSeq")));
        given().auth().oauth2(Tokens.issuer(issuer)).queryParam("size", 2).queryParam("page", 1)
                .get("/api/v1/products/{id}/periods", product).then().statusCode(200)
                .body("items", hasSize(1)).body("items[0].periodNumber", equalTo(3));
        given().auth().oauth2(Tokens.trustee(trustee)).get("/api/v1/products/{id}/periods/2", product).then()
                .statusCode(200).body("priorPeriodCollections", hasSize(2)).body("collected", equalTo("30500.00"));
        given().auth().oauth2(Tokens.regulator()).get("/api/v1/products/{id}/periods/4", product).then()
                .statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(Tokens.regulator()).queryParam("size", 0).get("/api/v1/products/{id}/periods", product)
                .then().statusCode(400).body("errors[0].field", equalTo("size"));
        given().auth().oauth2(Tokens.issuer(issuer())).get("/api/v1/products/{id}/periods", product).then().statusCode(404);
        given().auth().oauth2(Tokens.bank(bank)).get("/api/v1/products/{id}/periods", product).then().statusCode(403);
    }

    /**
     * Hand-worked through the API. Receivables R1 of 600,000.00 and R2 of 400,000.00; tranches A (senior)
     * 700,000.00 and Z (subordinated) 300,000.00, no fees, zero coupons.
     * <pre>
     * Period 1: R1 pays 100,000.00; R2 is written off (400,000.00 outstanding).
     *   performing pool = 600,000.00 - 100,000.00 = 500,000.00; cumulative defaults 400,000.00 (trigger breached)
     *   A is paid 100,000.00 of principal: tranches 600,000.00 + 300,000.00 = 900,000.00
     *   principal deficiency 400,000.00, no cash left to cover it: written down Z 300,000.00, then A 100,000.00
     *
     *   tranche  opening     principal paid  written down  written back  cumulative  closing
     *   A        700,000.00      100,000.00    100,000.00          0.00  100,000.00  500,000.00
     *   Z        300,000.00            0.00    300,000.00          0.00  300,000.00        0.00
     *
     * Period 2: R2 (written off) pays 50,000.00, a recovery; the performing pool stays 500,000.00.
     *   A is paid 50,000.00: tranches 450,000.00, 50,000.00 below the pool: written back to A, the most senior
     *   tranche written down
     *
     *   A        500,000.00       50,000.00          0.00     50,000.00   50,000.00  500,000.00
     *   Z              0.00            0.00          0.00          0.00  300,000.00        0.00
     * </pre>
     */
    @Test
    void aWrittenOffReceivableIsWrittenOffTheTranchesFromTheMostJuniorAndARecoveryWritesBackTheMostSenior() {
        long issuer = issuer();
        long trustee = trustee();
        long r1 = receivable(issuer, "300000.00", "300000.00");
        long r2 = receivable(issuer, "400000.00");
        long product = postProduct(issuer, ReceivableResourceTest.plainProduct(issuer, trustee, List.of(), List.of(r1, r2),
                "700000.00", "300000.00")).statusCode(201).extract().jsonPath().getLong("id");

        receipt(Tokens.trustee(trustee), r1, 10, "100000.00", "R1-1").statusCode(201);
        writeOff(Tokens.issuer(issuer), r2, 15, "被许可方停止经营").statusCode(200).body("writtenOffAmount", equalTo("400000.00"));
        JsonPath p1 = runPeriod(Tokens.trustee(trustee), product, periodEnd(1), false).statusCode(201)
                .body("collected", equalTo("100000.00"))
                .body("cumulativeDefaults", equalTo("400000.00"))
                .body("triggerBreached", equalTo(true))
                .body("performingPool", equalTo("500000.00"))
                .body("principalDeficiency", equalTo("400000.00"))
                .body("deficiencyCovered", equalTo("0.00"))
                .body("writtenDown", equalTo("400000.00"))
                .body("writtenBack", equalTo("0.00"))
                .body("tranches[0].openingBalance", equalTo("700000.00"))
                .body("tranches[0].principalPaid", equalTo("100000.00"))
                .body("tranches[0].writtenDown", equalTo("100000.00"))
                .body("tranches[0].writtenBack", equalTo("0.00"))
                .body("tranches[0].cumulativeWrittenDown", equalTo("100000.00"))
                .body("tranches[0].closingBalance", equalTo("500000.00"))
                .body("tranches[1].openingBalance", equalTo("300000.00"))
                .body("tranches[1].principalPaid", equalTo("0.00"))
                .body("tranches[1].writtenDown", equalTo("300000.00"))
                .body("tranches[1].cumulativeWrittenDown", equalTo("300000.00"))
                .body("tranches[1].closingBalance", equalTo("0.00"))
                .body("residual", equalTo("0.00"))
                .body("paidOut", equalTo("100000.00"))
                .extract().jsonPath();
        paidOutPlusCarriedIsCollected(p1);
        given().auth().oauth2(Tokens.regulator()).get("/api/v1/products/{id}", product).then().statusCode(200)
                .body("status", equalTo("LIVE"))
                .body("tranches[0].balance", equalTo("500000.00")).body("tranches[0].writtenDown", equalTo("100000.00"))
                .body("tranches[1].balance", equalTo("0.00")).body("tranches[1].writtenDown", equalTo("300000.00"));

        receipt(Tokens.trustee(trustee), r2, 40, "50000.00", "R2-RECOVERY-1").statusCode(201);
        JsonPath p2 = runPeriod(Tokens.trustee(trustee), product, periodEnd(2), false).statusCode(201)
                .body("collected", equalTo("50000.00"))
                .body("performingPool", equalTo("500000.00"))
                .body("principalDeficiency", equalTo("0.00"))
                .body("writtenDown", equalTo("0.00"))
                .body("writtenBack", equalTo("50000.00"))
                .body("tranches[0].openingBalance", equalTo("500000.00"))
                .body("tranches[0].principalPaid", equalTo("50000.00"))
                .body("tranches[0].writtenBack", equalTo("50000.00"))
                .body("tranches[0].cumulativeWrittenDown", equalTo("50000.00"))
                .body("tranches[0].closingBalance", equalTo("500000.00"))
                .body("tranches[1].writtenBack", equalTo("0.00"))
                .body("tranches[1].cumulativeWrittenDown", equalTo("300000.00"))
                .body("tranches[1].closingBalance", equalTo("0.00"))
                .extract().jsonPath();
        paidOutPlusCarriedIsCollected(p2);
        given().auth().oauth2(Tokens.regulator()).get("/api/v1/products/{id}/periods", product).then().statusCode(200)
                .body("items[0].writtenDown", equalTo("400000.00")).body("items[1].writtenBack", equalTo("50000.00"));
    }

    @Test
    void aWriteOffRecordedLateForAPeriodAlreadyRunIsWrittenDownByTheNextRunNotByRewritingTheRecordedOne() {
        long issuer = issuer();
        long trustee = trustee();
        long r1 = receivable(issuer, "800000.00");
        long r2 = receivable(issuer, "200000.00");
        long product = postProduct(issuer, ReceivableResourceTest.plainProduct(issuer, trustee, List.of(), List.of(r1, r2),
                "900000.00", "100000.00")).statusCode(201).extract().jsonPath().getLong("id");
        runPeriod(Tokens.trustee(trustee), product, periodEnd(1), false).statusCode(201)
                .body("performingPool", equalTo("1000000.00")).body("writtenDown", equalTo("0.00"));
        // Written off as of day 15, inside period 1, but recorded after period 1 was run.
        writeOff(Tokens.trustee(trustee), r2, 15, "许可合同解除").statusCode(200);
        given().auth().oauth2(Tokens.regulator()).get("/api/v1/products/{id}/periods/1", product).then()
                .body("writtenDown", equalTo("0.00")).body("tranches[1].closingBalance", equalTo("100000.00"));
        // Period 2: performing 800,000.00 against tranches of 1,000,000.00: the subordinated 100,000.00, then 100,000.00 of A.
        runPeriod(Tokens.trustee(trustee), product, periodEnd(2), false).statusCode(201)
                .body("cumulativeDefaults", equalTo("200000.00"))
                .body("performingPool", equalTo("800000.00"))
                .body("writtenDown", equalTo("200000.00"))
                .body("tranches[1].writtenDown", equalTo("100000.00"))
                .body("tranches[1].closingBalance", equalTo("0.00"))
                .body("tranches[0].writtenDown", equalTo("100000.00"))
                .body("tranches[0].closingBalance", equalTo("800000.00"));
    }
}
