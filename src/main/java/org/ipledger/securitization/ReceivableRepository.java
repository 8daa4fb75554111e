package org.ipledger.securitization;

import io.quarkus.hibernate.reactive.panache.PanacheRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import org.hibernate.reactive.mutiny.Mutiny;
import org.ipledger.common.Page;
import org.ipledger.party.PartyRef;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

@ApplicationScoped
public class ReceivableRepository implements PanacheRepository<Receivable> {

    private static final String FULL = "from Receivable r join fetch r.issuer join fetch r.licensor join fetch r.obligor";

    public Uni<Receivable> findFull(long id) {
        return find(FULL + " where r.id = ?1", id).firstResult();
    }

    /** Locks the receivable row: receipts, write-off and pooling of one receivable run one after the other. */
    public Uni<Receivable> lock(long id) {
        return findById(id, LockModeType.PESSIMISTIC_WRITE).call(r -> r == null ? Uni.createFrom().nullItem()
                : Mutiny.fetch(r.issuer).call(() -> Mutiny.fetch(r.licensor)).call(() -> Mutiny.fetch(r.obligor)));
    }

    /** Rows of asset id, kind, registry number, title and whether {@code licensorId} holds it, for those that exist. */
    public Uni<List<Object[]>> assets(Collection<Long> assetIds, long licensorId) {
        return getSession().flatMap(s -> s.createNativeQuery("select a.id, a.kind, a.registry_number, a.title,"
                        + " exists(select 1 from asset_holder h where h.asset_id = a.id and h.party_id = :licensor)"
                        + " from ip_asset a where a.id = any(cast(cast(:ids as text) as bigint[])) order by a.id", Object[].class)
                .setParameter("ids", array(assetIds)).setParameter("licensor", licensorId).getResultList());
    }

    public Uni<Integer> addAssets(long receivableId, Collection<Long> assetIds) {
        return getSession().flatMap(s -> s.createNativeQuery("insert into sec_receivable_asset (receivable_id, asset_id)"
                        + " select :id, unnest(cast(cast(:assets as text) as bigint[]))")
                .setParameter("id", receivableId).setParameter("assets", array(assetIds)).executeUpdate());
    }

    public Uni<Integer> addSchedule(long receivableId, List<ReceivableView.Instalment> schedule) {
        String days = schedule.stream().map(i -> i.dueOn().toString()).collect(Collectors.joining(",", "{", "}"));
        String amounts = schedule.stream().map(i -> i.amount().toPlainString()).collect(Collectors.joining(",", "{", "}"));
        return getSession().flatMap(s -> s.createNativeQuery("insert into sec_receivable_instalment (receivable_id, seq,"
                        + " due_on, amount) select :id, t.n, t.due_on, t.amount from unnest(cast(cast(:days as text) as date[]),"
                        + " cast(cast(:amounts as text) as numeric[])) with ordinality as t(due_on, amount, n)")
                .setParameter("id", receivableId).setParameter("days", days).setParameter("amounts", amounts)
                .executeUpdate());
    }

    public Uni<List<ReceivableView.AssetRef>> assetsOf(long receivableId) {
        return getSession().flatMap(s -> s.createNativeQuery("select a.id, a.kind, a.registry_number, a.title"
                        + " from sec_receivable_asset ra join ip_asset a on a.id = ra.asset_id where ra.receivable_id = :id"
                        + " order by a.id", Object[].class)
                .setParameter("id", receivableId).getResultList())
                .map(rows -> rows.stream().map(r -> new ReceivableView.AssetRef(((Number) r[0]).longValue(),
                        org.ipledger.registry.AssetKind.valueOf((String) r[1]), (String) r[2], (String) r[3])).toList());
    }

    public Uni<List<ReceivableView.Instalment>> scheduleOf(long receivableId) {
        return getSession().flatMap(s -> s.createNativeQuery("select due_on, amount from sec_receivable_instalment"
                        + " where receivable_id = :id order by seq", Object[].class)
                .setParameter("id", receivableId).getResultList())
                .map(rows -> rows.stream().map(r -> new ReceivableView.Instalment((LocalDate) r[0],
                        ((BigDecimal) r[1]).setScale(2))).toList());
    }

    public Uni<List<ReceivableView.Receipt>> receiptsOf(long receivableId) {
        return getSession().flatMap(s -> s.createNativeQuery("select id, received_on, amount, reference, recorded_at"
                        + " from sec_receivable_receipt where receivable_id = :id order by received_on, id", Object[].class)
                .setParameter("id", receivableId).getResultList())
                .map(rows -> rows.stream().map(r -> new ReceivableView.Receipt(((Number) r[0]).longValue(), (LocalDate) r[1],
                        ((BigDecimal) r[2]).setScale(2), (String) r[3], offset(r[4]))).toList());
    }

    public Uni<Long> receiptCount(long receivableId) {
        return getSession().flatMap(s -> s.createNativeQuery("select count(*) from sec_receivable_receipt where receivable_id = :id",
                        Long.class).setParameter("id", receivableId).getSingleResult());
    }

    /** The receipt with this reference on the receivable: {id, received on, amount}, or null. */
    public Uni<Object[]> receiptByReference(long receivableId, String reference) {
        return getSession().flatMap(s -> s.createNativeQuery("select id, received_on, amount from sec_receivable_receipt"
                        + " where receivable_id = :id and reference = :ref", Object[].class)
                .setParameter("id", receivableId).setParameter("ref", reference).getResultList())
                .map(rows -> rows.isEmpty() ? null : rows.get(0));
    }

    public Uni<Long> insertReceipt(long receivableId, LocalDate on, BigDecimal amount, String reference, String actor) {
        return getSession().flatMap(s -> s.createNativeQuery("insert into sec_receivable_receipt (receivable_id, received_on,"
                        + " amount, reference, recorded_by) values (:id, :on, :amount, :ref, :actor) returning id", Long.class)
                .setParameter("id", receivableId).setParameter("on", on).setParameter("amount", amount)
                .setParameter("ref", reference).setParameter("actor", actor).getSingleResult());
    }

    /** The live product holding the receivable, else the latest that held it: {id, name, trustee id, trustee name, live}. */
    public Uni<Object[]> productOf(long receivableId) {
        return getSession().flatMap(s -> s.createNativeQuery("select p.id, p.name, t.id, t.name, pr.live"
                        + " from sec_pool_receivable pr join sec_product p on p.id = pr.product_id join party t on t.id = p.trustee_id"
                        + " where pr.receivable_id = :id order by pr.live desc, p.id desc limit 1", Object[].class)
                .setParameter("id", receivableId).getResultList())
                .map(rows -> rows.isEmpty() ? null : rows.get(0));
    }

    /** Whether {@code trusteeId} is the trustee of a product (live or not) that pooled the receivable. */
    public Uni<Boolean> trustedBy(long receivableId, long trusteeId) {
        return getSession().flatMap(s -> s.createNativeQuery("select count(*) from sec_pool_receivable pr"
                        + " join sec_product p on p.id = pr.product_id where pr.receivable_id = :id and p.trustee_id = :trustee",
                        Long.class)
                .setParameter("id", receivableId).setParameter("trustee", trusteeId).getSingleResult())
                .map(n -> n > 0);
    }

    /** Receivables recorded by an issuer, or pooled in a product of a trustee (both null: all), by id. */
    public Uni<Page<Receivable>> search(Long issuerId, Long trusteeId, Receivable.Status status, int page, int size) {
        StringBuilder where = new StringBuilder(" where true");
        if (issuerId != null) {
            where.append(" and r.issuer_id = ").append(issuerId.longValue());
        }
        if (trusteeId != null) {
            where.append(" and exists (select 1 from sec_pool_receivable pr join sec_product p on p.id = pr.product_id"
                    + " where pr.receivable_id = r.id and p.trustee_id = ").append(trusteeId.longValue()).append(")");
        }
        if (status != null) {
            where.append(" and r.status = '").append(status.name()).append("'");
        }
        // Only numbers and enum names are put in the text above; nothing the client typed.
        return getSession().flatMap(s -> s.createNativeQuery("select r.id from sec_receivable r" + where
                        + " order by r.id limit :size offset :offset", Long.class)
                .setParameter("size", size).setParameter("offset", page * size).getResultList()
                .flatMap(ids -> s.createNativeQuery("select count(*) from sec_receivable r" + where, Long.class)
                        .getSingleResult()
                        .flatMap(total -> (ids.isEmpty() ? Uni.createFrom().item(List.<Receivable>of())
                                : find(FULL + " where r.id in ?1 order by r.id", ids).list())
                                .map(items -> new Page<>(items, page, size, total)))));
    }

    static OffsetDateTime offset(Object value) {
        if (value instanceof OffsetDateTime o) {
            return o;
        }
        if (value instanceof java.time.Instant i) {
            return i.atOffset(ZoneOffset.UTC);
        }
        return OffsetDateTime.parse(value.toString());
    }

    static String array(Collection<Long> ids) {
        return ids.stream().map(String::valueOf).collect(Collectors.joining(",", "{", "}"));
    }
}
