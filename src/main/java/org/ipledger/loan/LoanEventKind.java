package org.ipledger.loan;

public enum LoanEventKind {
    DISBURSEMENT,
    /** Principal and/or interest paid; paying off the last principal closes the loan. */
    REPAYMENT,
    /** Pays whatever principal remains and closes the loan, releasing its pledges. */
    FULL_REPAYMENT,
    RISK_CLASSIFICATION,
    DEFAULT,
    /** Writes off the outstanding principal of a defaulted loan and closes it. */
    WRITE_OFF
}
