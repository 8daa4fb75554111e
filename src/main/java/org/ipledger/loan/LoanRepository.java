package org.ipledger.loan;

import io.quarkus.hibernate.reactive.panache.PanacheRepository;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import org.hibernate.reactive.mutiny.Mutiny;
import org.ipledger.common.Page;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;

@ApplicationScoped
public class LoanRepository implements PanacheRepository<Loan> {

    /** The loan with its parties and pledges, or null. */
    public Uni<Loan> findFull(long id) {
        return find("from Loan l join fetch l.lender join fetch l.borrower left join fetch l.equityInvestor where l.id = ?1", id)
                .firstResult()
                .call(l -> l == null ? Uni.createFrom().nullItem() : Mutiny.fetch(l.pledges));
    }

    /** Locks the loan: its events are applied one after the other, so two repayments cannot both pass. */
    public Uni<Loan> lock(long id) {
        return findById(id, LockModeType.PESSIMISTIC_WRITE)
                .call(l -> l == null ? Uni.createFrom().nullItem() : Mutiny.fetch(l.lender)
                        .call(() -> Mutiny.fetch(l.borrower))
                        .call(() -> Mutiny.fetch(l.equityInvestor))
                        .call(() -> Mutiny.fetch(l.pledges)));
    }

    public Uni<List<LoanEvent>> events(long loanId) {
        return LoanEvent.list("loanId = ?1 order by id", loanId);
    }

    public Uni<List<LoanEvent>> events(Collection<Long> loanIds) {
        return loanIds.isEmpty() ? Uni.createFrom().item(List.of()) : LoanEvent.list("loanId in ?1 order by id", loanIds);
    }

    /** Does the party already pledge IP in a pledge other than these (not counting refused ones)? */
    public Uni<Boolean> hasPledgedBefore(long partyId, Collection<Long> exceptPledgeIds) {
        return getSession().flatMap(s -> s.createSelectionQuery(
                        "select count(p) from Pledge p join p.pledgors r where r.id = :party and p.id not in :except"
                                + " and p.status <> org.ipledger.pledge.PledgeStatus.VOID", Long.class)
                .setParameter("party", partyId).setParameter("except", exceptPledgeIds).getSingleResult())
                .map(n -> n > 0);
    }

    /** The assets pledged for the loan: its journal entries belong to their histories. */
    public Uni<List<Long>> assetIdsOf(long loanId) {
        return getSession().flatMap(s -> s.createNativeQuery("select distinct pa.asset_id from loan_pledge lp"
                        + " join pledge_asset pa on pa.pledge_id = lp.pledge_id where lp.loan_id = :loan order by 1", Long.class)
                .setParameter("loan", loanId).getResultList());
    }

    /** Pledges already securing a loan, among these. */
    public Uni<List<Long>> alreadySecuring(Collection<Long> pledgeIds) {
        return getSession().flatMap(s -> s.createNativeQuery(
                        "select pledge_id from loan_pledge where pledge_id = any(cast(cast(:ids as text) as bigint[]))", Long.class)
                .setParameter("ids", pledgeIds.stream().map(String::valueOf)
                        .collect(java.util.stream.Collectors.joining(",", "{", "}")))
                .getResultList());
    }

    public Uni<Page<Loan>> search(Long lenderId, Long borrowerId, LoanStatus status, LocalDate disbursedFrom,
                                  LocalDate disbursedTo, int page, int size) {
        StringBuilder where = new StringBuilder("1 = 1");
        Parameters params = new Parameters();
        if (lenderId != null) {
            where.append(" and lender.id = :lender");
            params.and("lender", lenderId);
        }
        if (borrowerId != null) {
            where.append(" and borrower.id = :borrower");
            params.and("borrower", borrowerId);
        }
        if (status != null) {
            where.append(" and status = :status");
            params.and("status", status);
        }
        if (disbursedFrom != null) {
            where.append(" and disbursementDate >= :from");
            params.and("from", disbursedFrom);
        }
        if (disbursedTo != null) {
            where.append(" and disbursementDate <= :to");
            params.and("to", disbursedTo);
        }
        return Page.fetch(find(where + " order by id", params), page, size, items -> find(
                "select distinct l from Loan l join fetch l.lender join fetch l.borrower left join fetch l.equityInvestor"
                        + " left join fetch l.pledges where l.id in ?1", items.stream().map(l -> l.id).toList()).list());
    }
}
