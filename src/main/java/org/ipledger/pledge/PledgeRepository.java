package org.ipledger.pledge;

import io.quarkus.hibernate.reactive.panache.PanacheRepository;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import org.hibernate.reactive.mutiny.Mutiny;
import org.ipledger.common.ApiProblem;
import org.ipledger.common.Page;

import java.util.Collection;
import java.util.List;

@ApplicationScoped
public class PledgeRepository implements PanacheRepository<Pledge> {

    /** A live pledge holding an asset: [assetId, pledge]. */
    public record Holding(long assetId, Pledge pledge) {
    }

    /** Live pledges on any of the assets, with their pledgees. */
    public Uni<List<Holding>> liveOn(Collection<Long> assetIds) {
        return getSession().flatMap(s -> s.createSelectionQuery(
                        "select a.id, p from Pledge p join p.assets a join fetch p.pledgee"
                                + " where a.id in :assets and p.status in :live order by a.id", Object[].class)
                .setParameter("assets", assetIds)
                .setParameter("live", List.of(PledgeStatus.PENDING, PledgeStatus.ACTIVE))
                .getResultList())
                .map(rows -> rows.stream().map(r -> new Holding((Long) r[0], (Pledge) r[1])).toList());
    }

    /** The pledge with pledgee, pledgors and assets loaded, or 404. */
    public Uni<Pledge> require(long id) {
        return find("from Pledge p join fetch p.pledgee where p.id = ?1", id).firstResult()
                .map(p -> orNotFound(p, id))
                .call(p -> Mutiny.fetch(p.pledgors))
                .call(p -> Mutiny.fetch(p.assets));
    }

    /** Locks the pledge row: transitions of one pledge happen one after the other. */
    public Uni<Pledge> lock(long id) {
        return findById(id, LockModeType.PESSIMISTIC_WRITE)
                .map(p -> orNotFound(p, id))
                .call(p -> Mutiny.fetch(p.pledgee))
                .call(p -> Mutiny.fetch(p.pledgors))
                .call(p -> Mutiny.fetch(p.assets));
    }

    public Uni<Page<Pledge>> search(Long pledgeeId, Long pledgorId, Long assetId, PledgeStatus status, int page, int size) {
        StringBuilder where = new StringBuilder("1 = 1");
        Parameters params = new Parameters();
        if (pledgeeId != null) {
            where.append(" and pledgee.id = :pledgee");
            params.and("pledgee", pledgeeId);
        }
        if (pledgorId != null) {
            where.append(" and id in (select q.id from Pledge q join q.pledgors r where r.id = :pledgor)");
            params.and("pledgor", pledgorId);
        }
        if (assetId != null) {
            where.append(" and id in (select q.id from Pledge q join q.assets a where a.id = :asset)");
            params.and("asset", assetId);
        }
        if (status != null) {
            where.append(" and status = :status");
            params.and("status", status);
        }
        return Page.fetch(find(where + " order by id", params), page, size, items -> {
            List<Long> ids = items.stream().map(p -> p.id).toList();
            return find("select distinct p from Pledge p join fetch p.pledgee left join fetch p.pledgors where p.id in ?1", ids)
                    .list()
                    .flatMap(x -> find("select distinct p from Pledge p left join fetch p.assets where p.id in ?1", ids).list());
        });
    }

    public Uni<List<PledgeEvent>> events(long pledgeId) {
        return PledgeEvent.list("pledgeId = ?1 order by id", pledgeId);
    }

    public Uni<String> nextLedgerNumber(int year) {
        return getSession().flatMap(s -> s.createNativeQuery("select nextval('pledge_ledger_number_seq')", Long.class)
                        .getSingleResult())
                .map(n -> String.format("IPL-%d-%07d", year, n));
    }

    private static Pledge orNotFound(Pledge p, long id) {
        if (p == null) {
            throw ApiProblem.notFound("pledge", id);
        }
        return p;
    }
}
