package org.ipledger.coverage;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.ipledger.testsupport.Fixtures;
import org.ipledger.testsupport.LoanFixtures;
import org.ipledger.testsupport.Tokens;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
class CoverageTest {

    private static final String PROBLEM = "application/problem+json";

    static Map<String, Object> settings(String invention, String threshold) {
        Map<String, Object> rates = new HashMap<>(Map.of("INVENTION_PATENT", invention, "UTILITY_MODEL", "0.15",
                "DESIGN", "0.15", "TRADEMARK", "0.50", "COPYRIGHT", "0.20", "SOFTWARE_COPYRIGHT", "0.20"));
        Map<String, Object> body = new HashMap<>();
        body.put("pledgeRates", rates);
        body.put("breachThreshold", threshold);
        return body;
    }

    @Test
    void coverageIsLatestValuationTimesThePledgeRateAgainstTheOutstandingExactly() {
        LoanFixtures.SecuredLoan s = LoanFixtures.activeLoan("10000000.00", "2000000.00");
        given().auth().oauth2(Tokens.bank(s.bank())).get("/api/v1/loans/{id}/coverage", s.loan())
                .then().statusCode(200)
                .body("loanId", equalTo((int) s.loan()))
                .body("lender.id", equalTo((int) s.bank()))
                .body("loanStatus", equalTo("ACTIVE"))
                .body("settings", equalTo("DEFAULT"))
                .body("figures.outstanding", equalTo("2000000.00"))
                .body("figures.appraisedValue", equalTo("10000000.00"))
                .body("figures.lendableValue", equalTo("2500000.00"))
                .body("figures.breachThreshold", equalTo("1.0000"))
                .body("figures.outstandingLimit", equalTo("2500000.00"))
                .body("figures.loanToValue", equalTo("0.2000"))
                .body("figures.coverageRatio", equalTo("1.2500"))
                .body("figures.breached", equalTo(false))
                .body("atRisk", equalTo(false))
                .body("assets", hasSize(1))
                .body("assets[0].assetId", equalTo((int) s.asset()))
                .body("assets[0].pledgeId", equalTo((int) s.pledge()))
                .body("assets[0].pledgeRate", equalTo("0.2500"))
                .body("assets[0].latestValuation.amount", equalTo("10000000.00"))
                .body("assets[0].lendableValue", equalTo("2500000.00"))
                .body("assets[0].risks", hasSize(0));

        // The bank's own rates: 0.1999 of 10,000,000 lends 1,999,000; with a tolerance of 1.0005 the limit is
        // 1,999,999.50, still below 2,000,000.00: breached.
        given().auth().oauth2(Tokens.bank(s.bank())).contentType(ContentType.JSON).body(settings("0.1999", "1.0005"))
                .put("/api/v1/banks/{id}/risk-settings", s.bank()).then().statusCode(200);
        given().auth().oauth2(Tokens.bank(s.bank())).get("/api/v1/loans/{id}/coverage", s.loan())
                .then().statusCode(200)
                .body("settings", equalTo("BANK"))
                .body("figures.lendableValue", equalTo("1999000.00"))
                .body("figures.outstandingLimit", equalTo("1999999.50"))
                .body("figures.coverageRatio", equalTo("0.9995"))
                .body("figures.breached", equalTo(true));
    }

    @Test
    void anUnvaluedAssetLendsNothingAndALapsedOneIsShownAtRisk() {
        LoanFixtures.SecuredLoan s = LoanFixtures.activeLoan(null, "100000.00");
        given().auth().oauth2(Tokens.bank(s.bank())).get("/api/v1/loans/{id}/coverage", s.loan())
                .then().statusCode(200)
                .body("figures.appraisedValue", equalTo("0.00"))
                .body("figures.lendableValue", equalTo("0.00"))
                .body("figures.loanToValue", nullValue())
                .body("figures.coverageRatio", equalTo("0.0000"))
                .body("figures.breached", equalTo(true))
                .body("assets[0].latestValuation", nullValue());
        Fixtures.legalEvent(s.asset(), "FEE_UNPAID", Fixtures.today().toString());
        given().auth().oauth2(Tokens.bank(s.bank())).get("/api/v1/loans/{id}/coverage", s.loan())
                .then().statusCode(200)
                .body("atRisk", equalTo(true))
                .body("assets[0].legalStatus", equalTo("LAPSED"))
                .body("assets[0].risks[0].kind", equalTo("NOT_VALID"));
    }

    @Test
    void onlyTheLenderAndSupervisorsReadALoansCoverage() {
        LoanFixtures.SecuredLoan s = LoanFixtures.activeLoan("10000000.00", "2000000.00");
        long rival = Fixtures.bank();
        given().auth().oauth2(Tokens.bank(rival)).get("/api/v1/loans/{id}/coverage", s.loan())
                .then().statusCode(404).contentType(PROBLEM);
        given().auth().oauth2(Tokens.regulator()).get("/api/v1/loans/{id}/coverage", s.loan())
                .then().statusCode(200).body("figures.lendableValue", equalTo("2500000.00"));
        given().auth().oauth2(Tokens.registrar()).get("/api/v1/loans/{id}/coverage", s.loan()).then().statusCode(403);
        given().auth().oauth2(Tokens.regulator()).get("/api/v1/loans/{id}/coverage", 987654321L)
                .then().statusCode(404).contentType(PROBLEM);
        // The loan's own resource still answers beside the coverage sub-resource.
        given().auth().oauth2(Tokens.bank(s.bank())).get("/api/v1/loans/{id}", s.loan())
                .then().statusCode(200).body("outstanding", equalTo("2000000.00"));
    }

    @Test
    void riskSettingsAreTheDefaultsUntilTheBankSetsItsOwnAndOnlyItMayChangeThem() {
        long bank = Fixtures.bank();
        long rival = Fixtures.bank();
        given().auth().oauth2(Tokens.bank(bank)).get("/api/v1/banks/{id}/risk-settings", bank)
                .then().statusCode(200)
                .body("bank.id", equalTo((int) bank))
                .body("source", equalTo("DEFAULT"))
                .body("pledgeRates.INVENTION_PATENT", equalTo("0.2500"))
                .body("pledgeRates.UTILITY_MODEL", equalTo("0.1500"))
                .body("pledgeRates.DESIGN", equalTo("0.1500"))
                .body("pledgeRates.TRADEMARK", equalTo("0.5000"))
                .body("pledgeRates.COPYRIGHT", equalTo("0.2000"))
                .body("pledgeRates.SOFTWARE_COPYRIGHT", equalTo("0.2000"))
                .body("breachThreshold", equalTo("1.0000"));

        long seq = given().auth().oauth2(Tokens.bank(bank)).contentType(ContentType.JSON).body(settings("0.3", "1.2"))
                .put("/api/v1/banks/{id}/risk-settings", bank)
                .then().statusCode(200)
                .body("source", equalTo("BANK"))
                .body("pledgeRates.INVENTION_PATENT", equalTo("0.3000"))
                .body("breachThreshold", equalTo("1.2000"))
                .body("updatedBy", equalTo("bank-" + bank + "@" + bank))
                .body("journalSeq", notNullValue())
                .extract().jsonPath().getLong("journalSeq");
        // A bank's risk appetite is its own: its journal entry is not for other banks.
        given().auth().oauth2(Tokens.bank(bank)).get("/api/v1/journal/entries/" + seq)
                .then().statusCode(200).body("action", equalTo("RISK_SETTINGS_CHANGED"));
        given().auth().oauth2(Tokens.bank(rival)).get("/api/v1/journal/entries/" + seq)
                .then().statusCode(200).body("leafHash", org.hamcrest.Matchers.notNullValue())
                .body("state", org.hamcrest.Matchers.nullValue()).body("leafInput", org.hamcrest.Matchers.nullValue());
        given().auth().oauth2(Tokens.regulator()).get("/api/v1/banks/{id}/risk-settings", bank)
                .then().statusCode(200).body("source", equalTo("BANK")).body("pledgeRates.INVENTION_PATENT", equalTo("0.3000"));
        given().auth().oauth2(Tokens.bank(bank)).contentType(ContentType.JSON).body(settings("0.25", "1.00"))
                .put("/api/v1/banks/{id}/risk-settings", bank)
                .then().statusCode(200).body("pledgeRates.INVENTION_PATENT", equalTo("0.2500"));

        given().auth().oauth2(Tokens.bank(rival)).get("/api/v1/banks/{id}/risk-settings", bank)
                .then().statusCode(403).contentType(PROBLEM);
        given().auth().oauth2(Tokens.bank(rival)).contentType(ContentType.JSON).body(settings("0.9", "5"))
                .put("/api/v1/banks/{id}/risk-settings", bank).then().statusCode(403);
        given().auth().oauth2(Tokens.regulator()).contentType(ContentType.JSON).body(settings("0.9", "5"))
                .put("/api/v1/banks/{id}/risk-settings", bank).then().statusCode(403);
        long enterprise = Fixtures.enterprise();
        given().auth().oauth2(Tokens.regulator()).get("/api/v1/banks/{id}/risk-settings", enterprise)
                .then().statusCode(404).contentType(PROBLEM);
    }

    @Test
    void badRiskSettingsAreA400NamingTheFieldAndChangeNothing() {
        long bank = Fixtures.bank();
        given().auth().oauth2(Tokens.bank(bank)).contentType(ContentType.JSON).body(settings("-0.10", "1.00"))
                .put("/api/v1/banks/{id}/risk-settings", bank)
                .then().statusCode(400).contentType(PROBLEM).body("code", equalTo("validation-failed"))
                .body("errors[0].field", equalTo("pledgeRates[INVENTION_PATENT]"));
        for (String threshold : List.of("0", "-1", "0.0000", "10.5", "1.00001")) {
            given().auth().oauth2(Tokens.bank(bank)).contentType(ContentType.JSON).body(settings("0.25", threshold))
                    .put("/api/v1/banks/{id}/risk-settings", bank)
                    .then().statusCode(400).body("errors[0].field", equalTo("breachThreshold"));
        }
        for (String rate : List.of("1.01", "0.12345")) {
            given().auth().oauth2(Tokens.bank(bank)).contentType(ContentType.JSON).body(settings(rate, "1"))
                    .put("/api/v1/banks/{id}/risk-settings", bank)
                    .then().statusCode(400).body("errors[0].field", equalTo("pledgeRates[INVENTION_PATENT]"));
        }
        Map<String, Object> missing = settings("0.25", "1");
        ((Map<?, ?>) missing.get("pledgeRates")).remove("DESIGN");
        given().auth().oauth2(Tokens.bank(bank)).contentType(ContentType.JSON).body(missing)
                .put("/api/v1/banks/{id}/risk-settings", bank)
                .then().statusCode(400).body("errors[0].field", equalTo("pledgeRates[DESIGN]"));
        Map<String, Object> unknownKind = settings("0.25", "1");
        @SuppressWarnings("unchecked")
        Map<String, Object> rates = (Map<String, Object>) unknownKind.get("pledgeRates");
        rates.put("PATENT", "0.1");
        given().auth().oauth2(Tokens.bank(bank)).contentType(ContentType.JSON).body(unknownKind)
                .put("/api/v1/banks/{id}/risk-settings", bank)
                .then().statusCode(400).contentType(PROBLEM).body("code", equalTo("validation-failed"));
        Map<String, Object> noThreshold = settings("0.25", "1");
        noThreshold.remove("breachThreshold");
        given().auth().oauth2(Tokens.bank(bank)).contentType(ContentType.JSON).body(noThreshold)
                .put("/api/v1/banks/{id}/risk-settings", bank)
                .then().statusCode(400).body("errors[0].field", equalTo("breachThreshold"));

        given().auth().oauth2(Tokens.bank(bank)).get("/api/v1/banks/{id}/risk-settings", bank)
                .then().statusCode(200).body("source", equalTo("DEFAULT"));
    }
}
