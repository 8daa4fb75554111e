package org.ipledger.securitization;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import org.ipledger.testsupport.Fixtures;
import org.ipledger.testsupport.Tokens;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.ipledger.testsupport.SecuritizationFixtures.day;
import static org.ipledger.testsupport.SecuritizationFixtures.issuer;
import static org.ipledger.testsupport.SecuritizationFixtures.loan;
import static org.ipledger.testsupport.SecuritizationFixtures.periodEnd;
import static org.ipledger.testsupport.SecuritizationFixtures.postProduct;
import static org.ipledger.testsupport.SecuritizationFixtures.postReceivable;
import static org.ipledger.testsupport.SecuritizationFixtures.productBody;
import static org.ipledger.testsupport.SecuritizationFixtures.receipt;
import static org.ipledger.testsupport.SecuritizationFixtures.receivable;
import static org.ipledger.testsupport.SecuritizationFixtures.receivableBody;
import static org.ipledger.testsupport.SecuritizationFixtures.runPeriod;
import static org.ipledger.testsupport.SecuritizationFixtures.tranche;
import static org.ipledger.testsupport.SecuritizationFixtures.trustee;
import static org.ipledger.testsupport.SecuritizationFixtures.writeOff;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Patent-licence receivables: recording, pooling (one live product each), receipts and write-offs. */
@QuarkusTest
class ReceivableResourceTest {

    private static final String PROBLEM = "application/problem+json";

    /** A product of the issuer on these receivables and loans, no fees, zero coupons: figures do not depend on days. */
    static Map<String, Object> plainProduct(long issuer, long trustee, List<Long> loans, List<Long> receivables,
                                            String senior, String subordinated) {
        Map<String, Object> body = productBody(issuer, trustee, "SEQUENTIAL", loans,
                List.of(tranche("优先级", 1, senior, "0", "AAA", false), tranche("次级", 2, subordinated, "0", "NR", true)));
        body.put("receivableIds", receivables);
        body.put("trusteeFeeRate", "0");
        body.put("servicingFeeRate", "0");
        return body;
    }

    @Test
    void anIssuerRecordsALicenceReceivableOnItsLicensorsPatentAndPoolsIt() {
        long issuer = issuer();
        long trustee = trustee();
        long licensor = Fixtures.enterprise();
        long patent = Fixtures.invention(licensor);
        Map<String, Object> body = receivableBody(issuer, licensor, List.of(patent), "300000.00", "300000.00");
        long id = postReceivable(issuer, body).statusCode(201).contentType(ContentType.JSON)
                .body("issuer.id", equalTo((int) issuer))
                .body("licensor.id", equalTo((int) licensor))
                .body("obligor.id", equalTo(((Number) body.get("obligorId")).intValue()))
                .body("assets[0].id", equalTo((int) patent))
                .body("assets[0].kind", equalTo("INVENTION_PATENT"))
                .body("schedule", hasSize(2))
                .body("totalAmount", equalTo("600000.00"))
                .body("outstanding", equalTo("600000.00"))
                .body("status", equalTo("PERFORMING"))
                .body("journalSeq", notNullValue())
                .extract().jsonPath().getLong("id");
        // Before it is pooled, no bank is told the asset backs a product.
        given().auth().oauth2(Tokens.bank(Fixtures.bank())).queryParam("assetId", patent).get("/api/v1/collateral-status")
                .then().statusCode(200).body("licenceSecuritized", equalTo(false));

        long product = postProduct(issuer, plainProduct(issuer, trustee, List.of(), List.of(id), "450000.00", "150000.00"))
                .statusCode(201)
                .body("originalPool", equalTo("600000.00"))
                .body("pool", hasSize(0))
                .body("receivables", hasSize(1))
                .body("receivables[0].receivableId", equalTo((int) id))
                .body("receivables[0].licensor.id", equalTo((int) licensor))
                .body("receivables[0].outstandingAtCutoff", equalTo("600000.00"))
                .extract().jsonPath().getLong("id");
        given().auth().oauth2(Tokens.bank(Fixtures.bank())).queryParam("assetId", patent).get("/api/v1/collateral-status")
                .then().statusCode(200).body("licenceSecuritized", equalTo(true)).body("loanSecuritized", equalTo(false));
        for (String token : List.of(Tokens.issuer(issuer), Tokens.trustee(trustee), Tokens.regulator(), Tokens.lab())) {
            given().auth().oauth2(token).get("/api/v1/receivables/{id}", id).then().statusCode(200)
                    .body("product.id", equalTo((int) product)).body("product.live", equalTo(true));
        }
        given().auth().oauth2(Tokens.trustee(trustee)).get("/api/v1/receivables").then().statusCode(200)
                .body("total", equalTo(1)).body("items[0].id", equalTo((int) id));
        given().auth().oauth2(Tokens.issuer(issuer())).get("/api/v1/receivables/{id}", id).then().statusCode(404);
        given().auth().oauth2(Tokens.bank(Fixtures.bank())).get("/api/v1/receivables/{id}", id).then().statusCode(403);
        // The asset's history carries the receivable, hidden from banks, whole for the regulator.
        given().auth().oauth2(Tokens.bank(Fixtures.bank())).get("/api/v1/assets/{id}/history", patent).then().statusCode(200)
                .body("items.find { it.action == 'RECEIVABLE_RECORDED' }.state.hidden", notNullValue())
                .body("items.find { it.action == 'RECEIVABLE_RECORDED' }.state.totalAmount", org.hamcrest.Matchers.nullValue());
        given().auth().oauth2(Tokens.regulator()).get("/api/v1/assets/{id}/history", patent).then().statusCode(200)
                .body("items.find { it.action == 'RECEIVABLE_RECORDED' }.state.totalAmount", equalTo("600000.00"));
    }

    @Test
    void aReceivableInALiveProductCannotBePooledAgainNorByAnotherIssuer() {
        long issuer = issuer();
        long r = receivable(issuer, "500000.00");
        long first = postProduct(issuer, plainProduct(issuer, trustee(), List.of(), List.of(r), "400000.00", "100000.00"))
                .statusCode(201).extract().jsonPath().getLong("id");
        long other = receivable(issuer, "100000.00");
        postProduct(issuer, plainProduct(issuer, trustee(), List.of(), List.of(other, r), "500000.00", "100000.00"))
                .statusCode(409).contentType(PROBLEM)
                .body("code", equalTo("receivable-already-securitized"))
                .body("receivableId", equalTo((int) r))
                .body("productId", equalTo((int) first));
        long stranger = issuer();
        postProduct(stranger, plainProduct(stranger, trustee(), List.of(), List.of(other), "80000.00", "20000.00"))
                .statusCode(422).body("code", equalTo("receivable-not-poolable"))
                .body("errors[0].field", equalTo("receivableIds"));
    }

    @Test
    void eightProductsRacingForOneReceivableLeaveItInExactlyOne() throws Exception {
        long issuer = issuer();
        long r = receivable(issuer, "1000000.00");
        long trustee = trustee();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Response>> answers = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            Map<String, Object> body = plainProduct(issuer, trustee, List.of(), List.of(r), "800000.00", "200000.00");
            answers.add(pool.submit(() -> {
                start.await();
                return given().auth().oauth2(Tokens.issuer(issuer)).contentType(ContentType.JSON).body(body)
                        .post("/api/v1/products");
            }));
        }
        start.countDown();
        int created = 0;
        int conflicts = 0;
        for (Future<Response> f : answers) {
            Response resp = f.get(60, TimeUnit.SECONDS);
            if (resp.statusCode() == 201) {
                created++;
            } else if (resp.statusCode() == 409 && "receivable-already-securitized".equals(resp.jsonPath().getString("code"))) {
                conflicts++;
            }
        }
        pool.shutdown();
        assertEquals(1, created, "exactly one product wins the receivable");
        assertEquals(7, conflicts, "every other gets 409 receivable-already-securitized");
    }

    @Test
    void aMixedPoolOfLoansAndReceivablesAddsBothToTheOriginalPool() {
        long issuer = issuer();
        long loan = loan(Fixtures.bank(), "700000.00");
        long r = receivable(issuer, "150000.00", "150000.00");
        postProduct(issuer, plainProduct(issuer, trustee(), List.of(loan), List.of(r), "800000.00", "200000.00"))
                .statusCode(201).body("originalPool", equalTo("1000000.00"))
                .body("pool[0].loanId", equalTo((int) loan)).body("receivables[0].receivableId", equalTo((int) r));
        postProduct(issuer, plainProduct(issuer, trustee(), List.of(), List.of(), "800000.00", "200000.00"))
                .statusCode(400).body("code", equalTo("validation-failed")).body("errors[0].field", equalTo("loanIds"));
    }

    @Test
    void receiptsAreExactIdempotentAndRecordedOncePerReference() {
        long issuer = issuer();
        long r = receivable(issuer, "200000.00");
        String key = "rcpt-" + System.nanoTime();
        Map<String, Object> body = Map.of("receivedOn", day(10), "amount", "50000.50", "reference", "BOC-0001");
        JsonPath first = given().auth().oauth2(Tokens.issuer(issuer)).contentType(ContentType.JSON)
                .header("Idempotency-Key", key).body(body).post("/api/v1/receivables/{id}/receipts", r).then()
                .statusCode(201).body("received", equalTo("50000.50")).body("outstanding", equalTo("149999.50"))
                .body("receipts", hasSize(1)).body("receipts[0].receivedOn", equalTo(day(10)))
                .body("journalSeq", notNullValue()).extract().jsonPath();
        // The same request again with its key answers the first answer; nothing is counted twice.
        given().auth().oauth2(Tokens.issuer(issuer)).contentType(ContentType.JSON)
                .header("Idempotency-Key", key).body(body).post("/api/v1/receivables/{id}/receipts", r).then()
                .statusCode(201).body("journalSeq", equalTo(first.getInt("journalSeq")));
        // The same payment entered again without the key is refused by its reference.
        receipt(Tokens.issuer(issuer), r, 10, "50000.50", "BOC-0001").statusCode(409).contentType(PROBLEM)
                .body("code", equalTo("duplicate-receipt")).body("receiptId", equalTo(first.getInt("receipts[0].id")));
        receipt(Tokens.issuer(issuer), r, 11, "150000.00", "BOC-0002").statusCode(422)
                .body("code", equalTo("receipt-exceeds-balance")).body("errors[0].field", equalTo("amount"));
        receipt(Tokens.issuer(issuer), r, 11, "1.001", "BOC-0003").statusCode(400)
                .body("errors[0].field", equalTo("amount"));
        given().auth().oauth2(Tokens.issuer(issuer)).contentType(ContentType.JSON)
                .body(Map.of("receivedOn", Fixtures.today().plusDays(1).toString(), "amount", "1.00", "reference", "X"))
                .post("/api/v1/receivables/{id}/receipts", r).then().statusCode(400)
                .body("errors[0].field", equalTo("receivedOn"));
        given().auth().oauth2(Tokens.issuer(issuer)).contentType(ContentType.JSON)
                .body(Map.of("receivedOn", day(12), "amount", "1.00"))
                .post("/api/v1/receivables/{id}/receipts", r).then().statusCode(400)
                .body("errors[0].field", equalTo("reference"));
        JsonPath paid = receipt(Tokens.issuer(issuer), r, 12, "149999.50", "BOC-0004").statusCode(201)
                .body("outstanding", equalTo("0.00")).body("status", equalTo("PAID")).extract().jsonPath();
        assertEquals(2, paid.getList("receipts").size());
        // Only its issuer (or the trustee of its live product) records receipts.
        receipt(Tokens.issuer(issuer()), r, 12, "1.00", "X-1").statusCode(404);
        receipt(Tokens.trustee(trustee()), r, 12, "1.00", "X-2").statusCode(404);
        receipt(Tokens.regulator(), r, 12, "1.00", "X-3").statusCode(403);
        receipt(Tokens.bank(Fixtures.bank()), r, 12, "1.00", "X-4").statusCode(403);
    }

    @Test
    void aReceivableIsRecordedOnlyOnAssetsTheLicensorHoldsWithAnOrderedExactSchedule() {
        long issuer = issuer();
        long licensor = Fixtures.enterprise();
        long theirs = Fixtures.invention(Fixtures.enterprise());
        postReceivable(issuer, receivableBody(issuer, licensor, List.of(theirs), "1000.00")).statusCode(422)
                .contentType(PROBLEM).body("code", equalTo("licensor-not-holder")).body("errors[0].field", equalTo("assetIds"));
        postReceivable(issuer, receivableBody(issuer, licensor, List.of(999_999_999L), "1000.00")).statusCode(422)
                .body("code", equalTo("unknown-asset")).body("errors[0].field", equalTo("assetIds"));
        long own = Fixtures.invention(licensor);
        Map<String, Object> unordered = receivableBody(issuer, licensor, List.of(own), "1000.00", "1000.00");
        unordered.put("schedule", List.of(Map.of("dueOn", day(60), "amount", "1000.00"),
                Map.of("dueOn", day(30), "amount", "1000.00")));
        postReceivable(issuer, unordered).statusCode(400).body("errors[0].field", equalTo("schedule[1].dueOn"));
        postReceivable(issuer, receivableBody(issuer, licensor, List.of(own), "10.001")).statusCode(400)
                .body("errors[0].field", equalTo("schedule[0].amount"));
        Map<String, Object> self = receivableBody(issuer, licensor, List.of(own), "1000.00");
        self.put("obligorId", licensor);
        postReceivable(issuer, self).statusCode(400).body("errors[0].field", equalTo("obligorId"));
        Map<String, Object> noContract = receivableBody(issuer, licensor, List.of(own), "1000.00");
        noContract.remove("contractNumber");
        postReceivable(issuer, noContract).statusCode(400).body("errors[0].field", equalTo("contractNumber"));
        Map<String, Object> bank = receivableBody(issuer, Fixtures.bank(), List.of(own), "1000.00");
        postReceivable(issuer, bank).statusCode(422).body("code", equalTo("unknown-or-unfit-party"))
                .body("errors[0].field", equalTo("licensorId"));
        Map<String, Object> ok = receivableBody(issuer, licensor, List.of(own), "1000.00");
        postReceivable(issuer, ok).statusCode(201);
        postReceivable(issuer, ok).statusCode(409).body("code", equalTo("duplicate-contract-number"));
        postReceivable(issuer(), ok).statusCode(403);
    }

    @Test
    void aWriteOffIsRecordedOnceAndReceivableJournalEntriesAreHiddenFromBanks() {
        long issuer = issuer();
        long r = receivable(issuer, "80000.00");
        given().auth().oauth2(Tokens.issuer(issuer)).contentType(ContentType.JSON).body(Map.of("writtenOffOn", day(20)))
                .post("/api/v1/receivables/{id}/write-off", r).then().statusCode(400)
                .body("errors[0].field", equalTo("reason"));
        JsonPath w = writeOff(Tokens.issuer(issuer), r, 20, "被许可方进入破产程序").statusCode(200)
                .body("status", equalTo("WRITTEN_OFF")).body("writtenOffOn", equalTo(day(20)))
                .body("writtenOffAmount", equalTo("80000.00")).extract().jsonPath();
        writeOff(Tokens.issuer(issuer), r, 21, "again").statusCode(409).body("code", equalTo("receivable-state-conflict"));
        // A later receipt on it is a recovery.
        receipt(Tokens.issuer(issuer), r, 30, "5000.00", "REC-1").statusCode(201)
                .body("status", equalTo("WRITTEN_OFF")).body("outstanding", equalTo("75000.00"));
        long seq = w.getLong("journalSeq");
        given().auth().oauth2(Tokens.issuer(issuer)).get("/api/v1/journal/entries/{seq}", seq).then().statusCode(200)
                .body("action", equalTo("RECEIVABLE_WRITTEN_OFF")).body("state.writtenOffAmount", equalTo("80000.00"));
        given().auth().oauth2(Tokens.bank(Fixtures.bank())).get("/api/v1/journal/entries/{seq}", seq).then().statusCode(200)
                .body("leafHash", notNullValue()).body("state", equalTo(null));
        given().auth().oauth2(Tokens.regulator()).queryParam("status", "WRITTEN_OFF").get("/api/v1/receivables")
                .then().statusCode(200).body("items.id", hasItem((int) r));
    }

    @Test
    void receiptsOnAPooledReceivableAreCollectedByThePeriodTheyAreDatedIn() {
        long issuer = issuer();
        long trustee = trustee();
        long r = receivable(issuer, "600000.00");
        long product = postProduct(issuer, plainProduct(issuer, trustee, List.of(), List.of(r), "450000.00", "150000.00"))
                .statusCode(201).extract().jsonPath().getLong("id");
        // The trustee of the live product records the receipt.
        receipt(Tokens.trustee(trustee), r, 10, "120000.00", "ICBC-7781").statusCode(201);
        runPeriod(Tokens.trustee(trustee), product, periodEnd(1), false).statusCode(201)
                .body("interestCollected", equalTo("0.00"))
                .body("principalCollected", equalTo("120000.00"))
                .body("performingPool", equalTo("480000.00"))
                .body("tranches[0].principalPaid", equalTo("120000.00"))
                .body("tranches[0].closingBalance", equalTo("330000.00"))
                .body("writtenDown", equalTo("0.00"))
                .body("paidOut", equalTo("120000.00"));
        // The projection counts the receivable's outstanding 480,000.00, paid off on its last due date.
        given().auth().oauth2(Tokens.issuer(issuer)).contentType(ContentType.JSON)
                .body(Map.of("annualDefaultRate", "0", "annualPrepaymentRate", "0", "periods", 12))
                .post("/api/v1/products/{id}/projection", product).then().statusCode(200)
                .body("performingPool", equalTo("480000.00"))
                .body("tranches[0].repaidOn", notNullValue())
                .body("tranches[0].writtenDown", equalTo("0.00"));
    }
}
