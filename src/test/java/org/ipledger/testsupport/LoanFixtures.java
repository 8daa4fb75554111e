package org.ipledger.testsupport;

import io.restassured.http.ContentType;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;

/** Secured loans through the API, for the coverage and alert tests. Every call makes fresh parties. */
public final class LoanFixtures {

    private LoanFixtures() {
    }

    /** A borrower, its lending bank, a pledged asset and the ACTIVE pledge, and the loan recorded on it. */
    public record SecuredLoan(long borrower, long bank, long asset, long pledge, long loan) {
    }

    /**
     * An invention patent (VALID until 2040) of a fresh enterprise, appraised at {@code valuation} (null for
     * none), pledged (ACTIVE) to a fresh bank, and a loan of {@code principal} disbursed in full 30 days ago,
     * maturing in a year.
     */
    public static SecuredLoan activeLoan(String valuation, String principal) {
        long borrower = Fixtures.enterprise();
        long bank = Fixtures.bank();
        long patent = Fixtures.invention(borrower);
        if (valuation != null) {
            Fixtures.valuation(patent, valuation, Fixtures.today().minusDays(40).toString());
        }
        long pledge = Fixtures.pledge(borrower, bank, patent);
        Fixtures.registerPledge(pledge, Fixtures.officeNumber());
        long loan = loan(bank, borrower, pledge, principal, Fixtures.today().plusYears(1));
        disburse(bank, loan, principal);
        return new SecuredLoan(borrower, bank, patent, pledge, loan);
    }

    public static Map<String, Object> loanBody(long bank, long borrower, long pledge, String principal, LocalDate maturity) {
        return new HashMap<>(Map.of("lenderId", bank, "borrowerId", borrower, "principal", principal,
                "annualRate", "0.0385", "disbursementDate", Fixtures.today().minusDays(30).toString(),
                "maturityDate", maturity.toString(), "purpose", "研发投入与流动资金", "pledgeIds", List.of(pledge)));
    }

    /** Records the loan (CONTRACTED) and returns its id. */
    public static long loan(long bank, long borrower, long pledge, String principal, LocalDate maturity) {
        return given().auth().oauth2(Tokens.bank(bank)).contentType(ContentType.JSON)
                .body(loanBody(bank, borrower, pledge, principal, maturity)).post("/api/v1/loans")
                .then().statusCode(201).extract().jsonPath().getLong("id");
    }

    public static void disburse(long bank, long loan, String amount) {
        given().auth().oauth2(Tokens.bank(bank)).contentType(ContentType.JSON)
                .body(Map.of("kind", "DISBURSEMENT", "occurredOn", Fixtures.today().minusDays(30).toString(),
                        "principalAmount", amount))
                .post("/api/v1/loans/{id}/events", loan).then().statusCode(200);
    }
}
