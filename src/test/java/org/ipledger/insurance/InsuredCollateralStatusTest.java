package org.ipledger.insurance;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.ipledger.testsupport.Fixtures;
import org.ipledger.testsupport.InsuranceFixtures;
import org.ipledger.testsupport.InsuranceFixtures.SecuredLoan;
import org.ipledger.testsupport.Tokens;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.nullValue;
import static org.ipledger.testsupport.InsuranceFixtures.day;
import static org.ipledger.testsupport.InsuranceFixtures.policy;

@QuarkusTest
class InsuredCollateralStatusTest {

    private static ValidatableResponse statusOf(long assetId, String token) {
        return given().auth().oauth2(token).queryParam("assetId", assetId).get("/api/v1/collateral-status").then()
                .statusCode(200);
    }

    @Test
    void thePledgedAssetSecuresAnInsuredLoanAndTheRivalBankSeesTheBooleansButNoFigures() {
        SecuredLoan s = InsuranceFixtures.disbursedLoan("2000000.00");
        long rival = Fixtures.bank();
        statusOf(s.patent(), Tokens.bank(s.bank())).body("securesLoan", equalTo(true)).body("loanInsured", equalTo(false));

        long insurer = InsuranceFixtures.insurer();
        policy(insurer, s.loan(), "0.6", "0.2");
        statusOf(s.patent(), Tokens.bank(s.bank()))
                .body("securesLoan", equalTo(true))
                .body("loanInsured", equalTo(true))
                .body("livePledge.securedAmount", equalTo("5000000.00"));
        statusOf(s.patent(), Tokens.bank(rival))
                .body("securesLoan", equalTo(true))
                .body("loanInsured", equalTo(true))
                .body("livePledge.securedAmount", nullValue())
                .body("$", not(hasKey("loan")))
                .body("$", not(hasKey("policy")))
                .body("livePledge", not(hasKey("loan")));
        given().auth().oauth2(Tokens.bank(rival)).contentType(ContentType.JSON)
                .body(Map.of("assets", List.of(Map.of("assetId", s.patent())))).post("/api/v1/collateral-status/batch")
                .then().statusCode(200)
                .body("results[0].status.securesLoan", equalTo(true))
                .body("results[0].status.loanInsured", equalTo(true))
                .body("results[0].status.livePledge.securedAmount", nullValue());
    }

    @Test
    void anAssetSecuringNoLoanSaysSoAndACancelledOrEndedPolicyNoLongerInsures() {
        long holder = Fixtures.enterprise();
        long bank = Fixtures.bank();
        long free = Fixtures.invention(holder);
        statusOf(free, Tokens.bank(bank)).body("securesLoan", equalTo(false)).body("loanInsured", equalTo(false));
        long pledgedOnly = Fixtures.invention(holder);
        Fixtures.pledge(holder, bank, pledgedOnly);
        statusOf(pledgedOnly, Tokens.bank(bank)).body("securesLoan", equalTo(false)).body("loanInsured", equalTo(false));

        SecuredLoan s = InsuranceFixtures.disbursedLoan("1000000.00");
        long insurer = InsuranceFixtures.insurer();
        long policy = policy(insurer, s.loan(), "0.6", "0.2");
        statusOf(s.patent(), Tokens.regulator()).body("loanInsured", equalTo(true));
        given().auth().oauth2(Tokens.insurer(insurer)).contentType(ContentType.JSON)
                .body(Map.of("cancelledOn", day(1), "reason", "退保")).post("/api/v1/policies/{id}/cancellation", policy)
                .then().statusCode(200);
        statusOf(s.patent(), Tokens.bank(s.bank())).body("securesLoan", equalTo(true)).body("loanInsured", equalTo(false));

        Map<String, Object> ended = InsuranceFixtures.policyBody(insurer, s.loan(), "0.6", "0.2");
        ended.put("endsOn", Fixtures.today().minusDays(1).toString());
        InsuranceFixtures.postPolicy(insurer, ended).statusCode(201);
        statusOf(s.patent(), Tokens.bank(s.bank())).body("securesLoan", equalTo(true)).body("loanInsured", equalTo(false));
    }

    @Test
    void theAsOfAnswerLeavesTheLoanBooleansOut() {
        SecuredLoan s = InsuranceFixtures.disbursedLoan("1000000.00");
        given().auth().oauth2(Tokens.bank(s.bank())).queryParam("assetId", s.patent())
                .queryParam("asOf", Instant.now().toString()).get("/api/v1/collateral-status")
                .then().statusCode(200).body("$", not(hasKey("securesLoan"))).body("$", not(hasKey("loanInsured")));
    }
}
