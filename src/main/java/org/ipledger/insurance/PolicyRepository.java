package org.ipledger.insurance;

import io.quarkus.hibernate.reactive.panache.PanacheRepository;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import org.hibernate.reactive.mutiny.Mutiny;
import org.ipledger.common.Page;

@ApplicationScoped
public class PolicyRepository implements PanacheRepository<Policy> {

    private static final String FULL = "from Policy p join fetch p.insurer join fetch p.loan l join fetch l.lender"
            + " join fetch l.borrower";

    /** The policy with its insurer and loan parties, or null. */
    public Uni<Policy> findFull(long id) {
        return find(FULL + " where p.id = ?1", id).firstResult();
    }

    /** Locks the policy row (a cancellation and a claim on it happen one after the other), or null. */
    public Uni<Policy> lock(long id) {
        return findById(id, LockModeType.PESSIMISTIC_WRITE).call(this::fetchAll);
    }

    /** The loan's live policy, locked, or null. */
    public Uni<Policy> lockLiveFor(long loanId) {
        return find("loan.id = ?1 and status = ?2", loanId, PolicyStatus.ACTIVE)
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResult().call(this::fetchAll);
    }

    public Uni<Policy> liveFor(long loanId) {
        return find("loan.id = ?1 and status = ?2", loanId, PolicyStatus.ACTIVE).firstResult();
    }

    private Uni<?> fetchAll(Policy p) {
        if (p == null) {
            return Uni.createFrom().nullItem();
        }
        return Mutiny.fetch(p.insurer).chain(() -> Mutiny.fetch(p.loan))
                .chain(loan -> Mutiny.fetch(loan.lender)).chain(() -> Mutiny.fetch(p.loan.borrower));
    }

    /** Policies visible to {@code orgId} (the insurer or the lending bank; null for all), filtered. */
    public Uni<Page<Policy>> search(Long orgId, Long loanId, Long insurerId, PolicyStatus status, int page, int size) {
        StringBuilder where = new StringBuilder("1 = 1");
        Parameters params = new Parameters();
        if (orgId != null) {
            where.append(" and (p.insurer.id = :org or p.loan.lender.id = :org)");
            params.and("org", orgId);
        }
        if (loanId != null) {
            where.append(" and p.loan.id = :loan");
            params.and("loan", loanId);
        }
        if (insurerId != null) {
            where.append(" and p.insurer.id = :insurer");
            params.and("insurer", insurerId);
        }
        if (status != null) {
            where.append(" and p.status = :status");
            params.and("status", status);
        }
        return Page.fetch(find("from Policy p where " + where + " order by p.id", params), page, size,
                items -> find(FULL + " where p.id in ?1", items.stream().map(p -> p.id).toList()).list());
    }
}
