package org.ipledger.insurance;

import io.quarkus.hibernate.reactive.panache.PanacheRepository;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import org.hibernate.reactive.mutiny.Mutiny;
import org.ipledger.common.Page;

@ApplicationScoped
public class ClaimRepository implements PanacheRepository<Claim> {

    private static final String FULL = "from Claim c join fetch c.policy p join fetch p.insurer join fetch c.loan l"
            + " join fetch l.lender join fetch l.borrower";

    /** The claim with its policy, insurer and loan parties, or null. */
    public Uni<Claim> findFull(long id) {
        return find(FULL + " where c.id = ?1", id).firstResult();
    }

    /** Locks the claim row: its transitions happen one after the other. Null when there is none. */
    public Uni<Claim> lock(long id) {
        return findById(id, LockModeType.PESSIMISTIC_WRITE).call(c -> c == null ? Uni.createFrom().nullItem()
                : Mutiny.fetch(c.policy).chain(p -> Mutiny.fetch(p.insurer))
                .chain(() -> Mutiny.fetch(c.loan))
                .chain(l -> Mutiny.fetch(l.lender)).chain(() -> Mutiny.fetch(c.loan.borrower)));
    }

    /** The loan's claim that is not rejected (filed, assessed or paid), or null. */
    public Uni<Claim> openOn(long loanId) {
        return find("loan.id = ?1 and status <> ?2", loanId, ClaimStatus.REJECTED).firstResult();
    }

    public Uni<Long> countNotRejected(long policyId) {
        return count("policy.id = ?1 and status <> ?2", policyId, ClaimStatus.REJECTED);
    }

    /** Claims visible to {@code orgId} (the insurer or the lending bank; null for all), filtered. */
    public Uni<Page<Claim>> search(Long orgId, Long loanId, Long insurerId, ClaimStatus status, int page, int size) {
        StringBuilder where = new StringBuilder("1 = 1");
        Parameters params = new Parameters();
        if (orgId != null) {
            where.append(" and (c.policy.insurer.id = :org or c.loan.lender.id = :org)");
            params.and("org", orgId);
        }
        if (loanId != null) {
            where.append(" and c.loan.id = :loan");
            params.and("loan", loanId);
        }
        if (insurerId != null) {
            where.append(" and c.policy.insurer.id = :insurer");
            params.and("insurer", insurerId);
        }
        if (status != null) {
            where.append(" and c.status = :status");
            params.and("status", status);
        }
        return Page.fetch(find("from Claim c where " + where + " order by c.id", params), page, size,
                items -> find(FULL + " where c.id in ?1", items.stream().map(c -> c.id).toList()).list());
    }
}
