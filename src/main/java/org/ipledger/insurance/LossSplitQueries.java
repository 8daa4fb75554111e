package org.ipledger.insurance;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.ipledger.common.ApiProblem;
import org.ipledger.common.Caller;
import org.ipledger.party.PartyRef;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The loss-split report, by hand-written SQL: the page of rows and the totals are read in one
 * repeatable-read snapshot, so the totals always match the rows, even while claims are being assessed.
 */
@ApplicationScoped
public class LossSplitQueries {

    /** Assessed and paid claims the caller may see ($1: its org, null for all), filtered. */
    private static final String VISIBLE = """
            with visible as (
                select c.id as claim_id, c.status, c.loan_id, l.lender_id, l.borrower_id, p.insurer_id, p.policy_number,
                       c.insurer_share, c.government_share, c.defaulted_on, c.assessed_on, c.paid_on,
                       c.assessed_loss, c.bank_part, c.insurer_part, c.government_part
                from insurance_claim c
                join insurance_policy p on p.id = c.policy_id
                join loan l on l.id = c.loan_id
                where c.status in ('ASSESSED', 'PAID')
                  and ($1::bigint is null or l.lender_id = $1 or p.insurer_id = $1)
                  and ($2::bigint is null or l.lender_id = $2)
                  and ($3::bigint is null or p.insurer_id = $3)
                  and ($4::date is null or c.assessed_on >= $4)
                  and ($5::date is null or c.assessed_on <= $5)
            )
            """;

    private static final String ROWS = VISIBLE + """
            select v.*, le.name as lender_name, bo.name as borrower_name, ins.name as insurer_name
            from visible v
            join party le on le.id = v.lender_id
            join party bo on bo.id = v.borrower_id
            join party ins on ins.id = v.insurer_id
            order by v.assessed_on, v.claim_id
            limit $6 offset $7""";

    /** Grand total, per insurer and per bank, in one pass. */
    private static final String TOTALS = VISIBLE + """
            select g.*, ins.name as insurer_name, le.name as lender_name
            from (select grouping(v.insurer_id) as by_insurer_off, grouping(v.lender_id) as by_bank_off,
                         v.insurer_id, v.lender_id, count(*) as loans,
                         coalesce(sum(v.assessed_loss), 0) as loss, coalesce(sum(v.bank_part), 0) as bank_part,
                         coalesce(sum(v.insurer_part), 0) as insurer_part,
                         coalesce(sum(v.government_part), 0) as government_part
                  from visible v
                  group by grouping sets ((), (v.insurer_id), (v.lender_id))) g
            left join party ins on ins.id = g.insurer_id
            left join party le on le.id = g.lender_id
            order by g.insurer_id nulls first, g.lender_id nulls first""";

    private final Pool pool;

    public LossSplitQueries(Pool pool) {
        this.pool = pool;
    }

    /**
     * Regulators and admins see every row; a bank sees the rows of its own loans, an insurer those of
     * its own policies, and the totals are always the totals of exactly the rows the caller may see.
     */
    public Uni<LossSplitReport> report(Caller caller, Long lenderId, Long insurerId, LocalDate assessedFrom,
                                       LocalDate assessedTo, int page, int size) {
        if (assessedFrom != null && assessedTo != null && assessedTo.isBefore(assessedFrom)) {
            throw ApiProblem.invalidField("assessedTo", "must not be before assessedFrom");
        }
        Long org = Visibility.of(caller).orgId();
        Tuple filter = Tuple.of(org, lenderId, insurerId, assessedFrom, assessedTo);
        Tuple paged = Tuple.of(org, lenderId, insurerId, assessedFrom, assessedTo).addInteger(size).addLong((long) page * size);
        return pool.withTransaction(conn -> conn.query("set transaction isolation level repeatable read, read only").execute()
                .flatMap(x -> conn.preparedQuery(ROWS).execute(paged))
                .flatMap(rows -> conn.preparedQuery(TOTALS).execute(filter)
                        .map(totals -> report(rows, totals, page, size))));
    }

    private static LossSplitReport report(RowSet<Row> rows, RowSet<Row> totalRows, int page, int size) {
        List<LossSplitReport.Row> items = new ArrayList<>();
        for (Row r : rows) {
            items.add(new LossSplitReport.Row(r.getLong("loan_id"),
                    new PartyRef(r.getLong("lender_id"), r.getString("lender_name")),
                    new PartyRef(r.getLong("borrower_id"), r.getString("borrower_name")),
                    r.getLong("claim_id"), ClaimStatus.valueOf(r.getString("status")),
                    new PartyRef(r.getLong("insurer_id"), r.getString("insurer_name")), r.getString("policy_number"),
                    PolicyView.share(r.getBigDecimal("insurer_share")), PolicyView.share(r.getBigDecimal("government_share")),
                    r.getLocalDate("defaulted_on"), r.getLocalDate("assessed_on"), r.getLocalDate("paid_on"),
                    new LossSplit(money(r, "assessed_loss"), money(r, "bank_part"), money(r, "insurer_part"),
                            money(r, "government_part"))));
        }
        long loans = 0;
        BigDecimal loss = BigDecimal.ZERO.setScale(2);
        BigDecimal banks = loss;
        BigDecimal insurers = loss;
        BigDecimal fund = loss;
        List<LossSplitReport.InsurerTotal> byInsurer = new ArrayList<>();
        List<LossSplitReport.BankTotal> byBank = new ArrayList<>();
        for (Row r : totalRows) {
            boolean perInsurer = r.getInteger("by_insurer_off") == 0;
            boolean perBank = r.getInteger("by_bank_off") == 0;
            if (perInsurer) {
                byInsurer.add(new LossSplitReport.InsurerTotal(new PartyRef(r.getLong("insurer_id"), r.getString("insurer_name")),
                        r.getLong("loans"), money(r, "loss"), money(r, "insurer_part")));
            } else if (perBank) {
                byBank.add(new LossSplitReport.BankTotal(new PartyRef(r.getLong("lender_id"), r.getString("lender_name")),
                        r.getLong("loans"), money(r, "loss"), money(r, "bank_part")));
            } else {
                loans = r.getLong("loans");
                loss = money(r, "loss");
                banks = money(r, "bank_part");
                insurers = money(r, "insurer_part");
                fund = money(r, "government_part");
            }
        }
        return new LossSplitReport(items, page, size, loans,
                new LossSplitReport.Totals(loans, loss, banks, insurers, fund, byInsurer, byBank));
    }

    private static BigDecimal money(Row r, String column) {
        return r.getBigDecimal(column).setScale(2);
    }
}
