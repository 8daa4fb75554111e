package org.ipledger.registry;

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
public class AssetRepository implements PanacheRepository<IpAsset> {

    /** The asset with its holders, or 404. */
    public Uni<IpAsset> require(long id) {
        // list(), not firstResult(): a row limit with a collection fetch would be applied in memory.
        return find("from IpAsset a left join fetch a.holders where a.id = ?1", id).list()
                .map(found -> orNotFound(found.isEmpty() ? null : found.get(0), id));
    }

    /**
     * Locks the asset row for the rest of the transaction, so a legal event and a pledge on the
     * same asset are applied one after the other, never interleaved.
     */
    public Uni<IpAsset> lock(long id) {
        return findById(id, LockModeType.PESSIMISTIC_WRITE)
                .map(a -> orNotFound(a, id))
                .call(a -> Mutiny.fetch(a.holders));
    }

    /** Locks several assets in id order (a fixed order, so two pledges cannot deadlock). */
    public Uni<List<IpAsset>> lockAll(Collection<Long> ids) {
        return find("from IpAsset a where a.id in ?1 order by a.id", ids)
                .withLock(LockModeType.PESSIMISTIC_WRITE).list()
                .flatMap(this::fetchHolders);
    }

    public Uni<List<IpAsset>> fetchHolders(List<IpAsset> assets) {
        if (assets.isEmpty()) {
            return Uni.createFrom().item(assets);
        }
        List<Long> ids = assets.stream().map(a -> a.id).toList();
        return find("select distinct a from IpAsset a left join fetch a.holders where a.id in ?1", ids).list()
                .replaceWith(assets);
    }

    /** Trademarks of a similar-mark group, which must be pledged together. */
    public Uni<List<IpAsset>> findMarkGroups(Collection<String> groups) {
        return list("kind = ?1 and markGroup in ?2 order by id", AssetKind.TRADEMARK, groups);
    }

    public Uni<Page<IpAsset>> search(AssetKind kind, LegalStatus status, Long holderId, int page, int size) {
        StringBuilder where = new StringBuilder("1 = 1");
        Parameters params = new Parameters();
        if (kind != null) {
            where.append(" and kind = :kind");
            params.and("kind", kind);
        }
        if (status != null) {
            where.append(" and legalStatus = :status");
            params.and("status", status);
        }
        if (holderId != null) {
            where.append(" and id in (select h.id from IpAsset h join h.holders p where p.id = :holder)");
            params.and("holder", holderId);
        }
        return Page.fetch(find(where + " order by id", params), page, size, this::fetchHolders);
    }

    private static IpAsset orNotFound(IpAsset asset, long id) {
        if (asset == null) {
            throw ApiProblem.notFound("asset", id);
        }
        return asset;
    }
}
