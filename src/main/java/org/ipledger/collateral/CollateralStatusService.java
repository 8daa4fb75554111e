package org.ipledger.collateral;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.ipledger.common.Caller;
import org.ipledger.common.IdentifierException;
import org.ipledger.party.PartyRef;
import org.ipledger.pledge.PledgeRules;
import org.ipledger.pledge.PledgeStatus;
import org.ipledger.pledge.PledgeView;
import org.ipledger.registry.AssetView;
import org.ipledger.registry.EncumbranceView;
import org.ipledger.registry.ValuationView;
import org.ipledger.pledge.RefusalReason;
import org.ipledger.registry.AssetKind;
import org.ipledger.registry.EncumbranceKind;
import org.ipledger.registry.LegalStatus;
import org.ipledger.registry.LegalTerms;
import org.ipledger.registry.RegistryNumbers;
import org.ipledger.registry.ValuationMethod;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Collateral status, the call banks make most. Single and batch forms share one hand-written query:
 * the requested assets are unnested from arrays and each joined, through primary-key or unique
 * indexes, to its holders, open encumbrances, live pledge (whether it secures a loan, whether that loan is
 * insured, whether it sits in a live securitization product), whether a pooled licence receivable licenses
 * it, and latest valuation. One round trip.
 */
@ApplicationScoped
public class CollateralStatusService {

    // Whitespace collapsed: the reactive client caches prepared statements of at most 2048 characters
    // only, and re-parsing and re-planning this one took three times as long as running it. The journal
    // lookup is wrapped (offset 0) so that max() does not become a backward walk of the journal's primary
    // key, millions of rows back to the asset's latest entry; the GIN index finds them.
    // bench/sql/status.sql and batch.sql run the same text through pgbench (BenchQueryInStepTest).
    static final String QUERY = ("""
            with req as (
                select * from unnest($1::int[], $2::bigint[], $3::text[], $4::text[]) as r(ord, asset_id, kind, number)
            )
            select req.ord, a.id, a.kind, a.registry_number, a.title, a.filing_date, a.grant_date, a.expires_on,
                   a.legal_status, a.mark_group,
                   (select json_agg(json_build_object('id', p.id, 'name', p.name) order by p.id)
                      from asset_holder h join party p on p.id = h.party_id where h.asset_id = a.id)::text as holders,
                   (select array_agg(e.kind order by e.kind) from asset_encumbrance e
                     where e.asset_id = a.id and e.ended_on is null) as encumbrances,
                   lp.ledger_number, lp.office_number, lp.status as pledge_status, lp.filed_at, lp.registered_on,
                   lp.secured_amount, lp.pledgee_id, pe.name as pledgee_name,
                   ln.loan_id is not null as secures_loan, coalesce(ln.insured, false) as loan_insured,
                   coalesce(ln.securitized, false) as loan_securitized,
                   exists(select 1 from sec_receivable_asset ra join sec_pool_receivable pr
                           on pr.receivable_id = ra.receivable_id and pr.live where ra.asset_id = a.id) as licence_securitized,
                   v.amount as valuation_amount, v.valued_on, v.appraiser, v.method,
                   (select max(x.seq) from (select j.seq from journal j where j.asset_ids @> array[a.id] offset 0) x) as journal_seq
            from req
            left join ip_asset a on a.id = coalesce(req.asset_id,
                    (select x.id from ip_asset x where x.kind = req.kind and x.registry_number = req.number))
            left join lateral (select p.* from pledge_asset pa join pledge p on p.id = pa.pledge_id
                                where pa.asset_id = a.id and pa.live limit 1) lp on true
            left join party pe on pe.id = lp.pledgee_id
            left join lateral (select x.loan_id, exists(select 1 from insurance_policy ip where ip.loan_id = x.loan_id
                                      and ip.status = 'ACTIVE' and ip.ends_on >= $5::date) as insured,
                                    exists(select 1 from sec_pool_loan sp where sp.loan_id = x.loan_id and sp.live) as securitized
                                 from loan_pledge x where x.pledge_id = lp.id) ln on true
            left join lateral (select * from valuation v where v.asset_id = a.id
                                order by v.valued_on desc, v.id desc limit 1) v on true
            order by req.ord""").replaceAll("\\s+", " ").strip();

    private final Pool pool;
    private final ObjectMapper mapper;

    public CollateralStatusService(Pool pool, ObjectMapper mapper) {
        this.pool = pool;
        this.mapper = mapper;
    }

    /** Answers in request order; an item that cannot be answered carries an error instead. */
    public Uni<List<BatchStatus.Item>> statuses(Caller caller, List<CollateralQuery> queries) {
        int n = queries.size();
        Integer[] ord = new Integer[n];
        Long[] ids = new Long[n];
        String[] kinds = new String[n];
        String[] numbers = new String[n];
        Map<Integer, String> errors = new HashMap<>();
        for (int i = 0; i < n; i++) {
            CollateralQuery q = queries.get(i);
            ord[i] = i;
            String error = check(q);
            if (error != null) {
                errors.put(i, error);
                continue;
            }
            if (q.assetId() != null) {
                ids[i] = q.assetId();
            } else {
                kinds[i] = q.kind().name();
                try {
                    numbers[i] = RegistryNumbers.normalize(q.kind(), q.number());
                } catch (IdentifierException e) {
                    errors.put(i, "number " + e.getMessage());
                }
            }
        }
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        return pool.preparedQuery(QUERY).execute(Tuple.of(ord, ids, kinds, numbers, today)).map(rows -> {
            OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
            List<BatchStatus.Item> items = new ArrayList<>(n);
            for (Row r : rows) {
                int i = r.getInteger("ord");
                CollateralQuery q = queries.get(i);
                if (errors.containsKey(i)) {
                    items.add(new BatchStatus.Item(i, q, null, errors.get(i)));
                } else if (r.getLong("id") == null) {
                    items.add(new BatchStatus.Item(i, q, null, "not-found"));
                } else {
                    items.add(new BatchStatus.Item(i, q, toStatus(caller, r, today, now), null));
                }
            }
            return items;
        });
    }

    // ---- as of a past instant, rebuilt from the journal ---------------------------------------

    private static final String AS_OF_QUERY = """
            select distinct on (entity_type, entity_id) seq, entity_type, entity_id, state::text as state,
                   (select max(seq) from journal where recorded_at <= $2) as journal_seq
            from journal
            where asset_ids @> $1 and recorded_at <= $2
            order by entity_type, entity_id, seq desc""";

    /**
     * The answer the ledger would have given at {@code asOf}: the asset's last recorded state and the
     * last state of each pledge of it, read from the journal (not from current rows), evaluated on
     * that day.
     */
    public Uni<CollateralStatus> asOf(Caller caller, CollateralQuery query, OffsetDateTime asOf) {
        Uni<Long> assetId = query.assetId() != null ? Uni.createFrom().item(query.assetId())
                : pool.preparedQuery("select id from ip_asset where kind = $1 and registry_number = $2")
                .execute(Tuple.of(query.kind().name(), normalizedNumber(query)))
                .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getLong(0));
        return assetId.flatMap(id -> id == null ? Uni.createFrom().nullItem()
                : pool.preparedQuery(AS_OF_QUERY).execute(Tuple.of(new Long[]{id}, asOf)).map(rows -> {
                    AssetView asset = null;
                    List<PledgeView> pledges = new ArrayList<>();
                    Long journalSeq = null;
                    for (Row r : rows) {
                        journalSeq = r.getLong("journal_seq");
                        JsonNode state = read(r.getString("state"));
                        if ("ASSET".equals(r.getString("entity_type"))) {
                            asset = convert(state.has("asset") ? state.get("asset") : state, AssetView.class);
                        } else if ("PLEDGE".equals(r.getString("entity_type"))) {
                            pledges.add(convert(state, PledgeView.class));
                        }
                    }
                    return asset == null ? null : fromJournal(caller, asset, pledges, asOf, journalSeq);
                }));
    }

    private CollateralStatus fromJournal(Caller caller, AssetView a, List<PledgeView> pledges, OffsetDateTime asOf,
                                         Long journalSeq) {
        LocalDate day = asOf.withOffsetSameInstant(ZoneOffset.UTC).toLocalDate();
        LegalStatus status = LegalTerms.effective(a.legalStatus(), a.expiresOn(), day);
        List<EncumbranceKind> open = a.encumbrances() == null ? List.of()
                : a.encumbrances().stream().map(EncumbranceView::kind).sorted().toList();
        List<RefusalReason> reasons = new ArrayList<>(PledgeRules.assetReasons(status, a.expiresOn(), open, null, false));
        CollateralStatus.LivePledge live = pledges.stream().filter(p -> p.status().isLive()).findFirst()
                .map(p -> new CollateralStatus.LivePledge(p.ledgerNumber(), p.officeNumber(), p.status(), p.pledgee(),
                        p.filedAt(), p.registeredOn(), caller.seesTermsOf(p.pledgee().id()) ? p.securedAmount() : null))
                .orElse(null);
        if (live != null) {
            reasons.add(0, new RefusalReason("already-pledged", "pledged to " + live.pledgee().name() + " (party "
                    + live.pledgee().id() + ") under " + live.ledgerNumber()));
        }
        ValuationView v = a.latestValuation();
        Long remaining = a.expiresOn() == null ? null : Math.max(0, ChronoUnit.DAYS.between(day, a.expiresOn()));
        return new CollateralStatus(a.id(), a.kind(), a.registryNumber(), a.title(), status, a.filingDate(), a.grantDate(),
                a.expiresOn(), remaining, a.holders(), open, a.markGroup(), reasons.isEmpty(), reasons, live, null, null, null, null,
                v == null ? null : new CollateralStatus.LatestValuation(v.amount(), v.valuedOn(), v.appraiser(), v.method()),
                asOf, journalSeq);
    }

    private static String normalizedNumber(CollateralQuery q) {
        try {
            return RegistryNumbers.normalize(q.kind(), q.number());
        } catch (IdentifierException e) {
            throw org.ipledger.common.ApiProblem.invalidField("number", e.getMessage());
        }
    }

    private JsonNode read(String json) {
        try {
            return mapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private <T> T convert(JsonNode node, Class<T> type) {
        try {
            return mapper.readerFor(type).without(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .readValue(node);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("journal state cannot be read as " + type.getSimpleName(), e);
        }
    }

    /** Null when the query names an asset one way or the other, else what is wrong. */
    static String check(CollateralQuery q) {
        boolean byId = q.assetId() != null;
        boolean byNumber = q.kind() != null || q.number() != null;
        if (byId == byNumber) {
            return "give either assetId, or kind and number";
        }
        if (!byId && (q.kind() == null || q.number() == null || q.number().isBlank())) {
            return "kind and number are both required";
        }
        return null;
    }

    private CollateralStatus toStatus(Caller caller, Row r, LocalDate today, OffsetDateTime now) {
        LocalDate expiresOn = r.getLocalDate("expires_on");
        LegalStatus status = LegalTerms.effective(LegalStatus.valueOf(r.getString("legal_status")), expiresOn, today);
        String[] openKinds = r.getArrayOfStrings("encumbrances");
        List<EncumbranceKind> open = openKinds == null ? List.of()
                : Arrays.stream(openKinds).map(EncumbranceKind::valueOf).toList();
        List<RefusalReason> reasons = new ArrayList<>(PledgeRules.assetReasons(status, expiresOn, open, null, false));
        CollateralStatus.LivePledge live = null;
        if (r.getString("ledger_number") != null) {
            long pledgeeId = r.getLong("pledgee_id");
            PartyRef pledgee = new PartyRef(pledgeeId, r.getString("pledgee_name"));
            live = new CollateralStatus.LivePledge(r.getString("ledger_number"), r.getString("office_number"),
                    PledgeStatus.valueOf(r.getString("pledge_status")), pledgee, r.getOffsetDateTime("filed_at"),
                    r.getLocalDate("registered_on"),
                    caller.seesTermsOf(pledgeeId) ? r.getBigDecimal("secured_amount") : null);
            reasons.add(0, new RefusalReason("already-pledged", "pledged to " + pledgee.name() + " (party "
                    + pledgeeId + ") under " + live.ledgerNumber()));
        }
        CollateralStatus.LatestValuation valuation = r.getValue("valuation_amount") == null ? null
                : new CollateralStatus.LatestValuation(r.getBigDecimal("valuation_amount").setScale(2),
                r.getLocalDate("valued_on"), r.getString("appraiser"), ValuationMethod.valueOf(r.getString("method")));
        Long remaining = expiresOn == null ? null : Math.max(0, ChronoUnit.DAYS.between(today, expiresOn));
        return new CollateralStatus(r.getLong("id"), AssetKind.valueOf(r.getString("kind")), r.getString("registry_number"),
                r.getString("title"), status, r.getLocalDate("filing_date"), r.getLocalDate("grant_date"), expiresOn,
                remaining, holders(r.getString("holders")), open, r.getString("mark_group"), reasons.isEmpty(), reasons,
                live == null ? null : withScale(live), r.getBoolean("secures_loan"), r.getBoolean("loan_insured"),
                r.getBoolean("loan_securitized"), r.getBoolean("licence_securitized"),
                valuation, now, r.getLong("journal_seq"));
    }

    private static CollateralStatus.LivePledge withScale(CollateralStatus.LivePledge p) {
        return p.securedAmount() == null ? p : new CollateralStatus.LivePledge(p.ledgerNumber(), p.officeNumber(),
                p.status(), p.pledgee(), p.since(), p.registeredOn(), p.securedAmount().setScale(2));
    }

    private List<PartyRef> holders(String json) {
        if (json == null) {
            return List.of();
        }
        try {
            return mapper.readValue(json, new TypeReference<List<PartyRef>>() {
            });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
