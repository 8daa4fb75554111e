package org.ipledger.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import org.hibernate.reactive.mutiny.Mutiny;
import org.ipledger.alert.AlertKind;
import org.ipledger.alert.AlertService;
import org.ipledger.common.ApiProblem;
import org.ipledger.common.Caller;
import org.ipledger.common.FieldError;
import org.ipledger.common.IdentifierException;
import org.ipledger.common.Idempotency;
import org.ipledger.common.ProblemMappers;
import org.ipledger.coverage.CoverageService;
import org.ipledger.journal.Journal;
import org.ipledger.journal.JournalAction;
import org.ipledger.party.PartyRef;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Bulk legal-status events with the effects of recording each singly. The batch is read with a
 * handful of set-based queries (the assets, locked in id order; their holders, open encumbrances and
 * latest valuations), every row is run through {@link LegalEffects} in row order against the batch's
 * running state of its asset (so a request and then an invalidation of the same patent in one file
 * work as two single calls would), and only when every row passes are the events, encumbrances,
 * asset changes and journal entries written, one statement each. Alerts for assets that secure a live
 * loan go through the single-event hook ({@link AlertService#legalEventRecorded}), one event at a time:
 * few of a day's events touch pledged assets, and that hook computes the loan's coverage.
 *
 * <p>Everything runs in one Hibernate Reactive transaction (not a plain connection as the asset bulk
 * load does) because the alert hook and the journal work on the session; arrays travel as JSON text,
 * as in {@link Journal#appendAll}.
 */
@ApplicationScoped
public class LegalEventBulkService {

    private final Journal journal;
    private final Idempotency idempotency;
    private final Validator validator;
    private final ObjectMapper mapper;
    private final AlertService alerts;
    private final CoverageService coverage;

    public LegalEventBulkService(Journal journal, Idempotency idempotency, Validator validator, ObjectMapper mapper,
                                 AlertService alerts, CoverageService coverage) {
        this.journal = journal;
        this.idempotency = idempotency;
        this.validator = validator;
        this.mapper = mapper;
        this.alerts = alerts;
        this.coverage = coverage;
    }

    /** A row that passed its own checks: the asset it names in canonical form and the event. */
    private record Checked(int row, AssetKind assetKind, String registryNumber, LegalEventInput input) {
        String assetKey() {
            return assetKind + " " + registryNumber;
        }
    }

    /** An asset of the batch: its running state, its open encumbrances (by id order), and what it shows. */
    private static final class State {
        IpAsset asset;
        List<Encumbrance> open = new ArrayList<>();
        List<PartyRef> holders = new ArrayList<>();
        ValuationView latestValuation;
        /** Encumbrances open before the batch that it closes. */
        final List<Encumbrance> closedExisting = new ArrayList<>();
        /** Encumbrances the batch opens (some perhaps closed again by a later row). */
        final List<Encumbrance> opened = new ArrayList<>();
    }

    /** An event accepted: what it recorded and the state of its asset just after it. */
    private record Applied(Checked row, LegalEvent event, IpAsset assetAfter, AssetView viewAfter) {
    }

    public static List<LegalEventCsv.Line> read(String csv) {
        List<LegalEventCsv.Line> lines = LegalEventCsv.read(csv, LegalEventBulk.MAX_ROWS);
        if (lines.isEmpty()) {
            throw ApiProblem.invalidField("body", "has a header but no rows");
        }
        return lines;
    }

    @WithTransaction
    public Uni<LegalEventBulk.Report> load(Caller caller, String csv, List<LegalEventCsv.Line> lines, String idempotencyKey) {
        return idempotency.once(caller, "bulk-legal-events", idempotencyKey, csv, LegalEventBulk.Report.class,
                () -> loadIn(caller, lines));
    }

    private Uni<LegalEventBulk.Report> loadIn(Caller caller, List<LegalEventCsv.Line> lines) {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        Map<Integer, List<FieldError>> rejected = new HashMap<>();
        List<Checked> checked = new ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            LegalEventCsv.Line line = lines.get(i);
            String prefix = "rows[" + i + "].";
            List<FieldError> errors = new ArrayList<>(line.errors());
            String number = null;
            if (line.input() != null) {
                for (ConstraintViolation<LegalEventInput> v : validator.validate(line.input())) {
                    errors.add(new FieldError(prefix + ProblemMappers.fieldName(v.getPropertyPath()), v.getMessage()));
                }
                if (line.assetKind() == null) {
                    errors.add(new FieldError(prefix + "assetKind", "is required"));
                } else {
                    try {
                        number = RegistryNumbers.normalize(line.assetKind(), line.registryNumber());
                    } catch (IdentifierException e) {
                        errors.add(new FieldError(prefix + "registryNumber", e.getMessage()));
                    }
                }
            }
            if (errors.isEmpty()) {
                checked.add(new Checked(i, line.assetKind(), number, line.input()));
            } else {
                rejected.put(i, errors);
            }
        }
        Map<String, Integer> firstOfKey = new HashMap<>();
        for (Checked c : checked) {
            LegalEventInput in = c.input();
            String key = c.assetKey() + " " + in.kind() + " " + in.occurredOn() + " " + in.reference();
            Integer first = firstOfKey.putIfAbsent(key, c.row());
            if (first != null) {
                reject(rejected, c.row(), "rows[" + c.row() + "]", "repeats row " + first
                        + " (same asset, kind, occurredOn and reference)");
            }
        }
        Set<String> keys = checked.stream().map(Checked::assetKey).collect(Collectors.toSet());
        return lockAssets(keys).flatMap(states -> readDetails(states).flatMap(x -> {
            OffsetDateTime recordedAt = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
            List<Applied> applied = new ArrayList<>(checked.size());
            for (Checked c : checked) {
                if (rejected.containsKey(c.row())) {
                    continue;
                }
                State state = states.get(c.assetKey());
                if (state == null) {
                    reject(rejected, c.row(), "rows[" + c.row() + "].registryNumber", "no " + c.assetKind() + " "
                            + c.registryNumber() + " is registered");
                    continue;
                }
                Applied a = apply(caller, c, state, recordedAt, today, rejected);
                if (a != null) {
                    applied.add(a);
                }
            }
            if (!rejected.isEmpty()) {
                throw refusal(lines, rejected);
            }
            return write(caller, applied, states.values(), recordedAt, lines.size());
        }));
    }

    /**
     * Runs the single-event rules on a copy of the asset's running state, so a refused row leaves the
     * state as it was for the rows after it.
     */
    private static Applied apply(Caller caller, Checked c, State state, OffsetDateTime recordedAt, LocalDate today,
                                 Map<Integer, List<FieldError>> rejected) {
        IpAsset asset = copy(state.asset);
        List<Encumbrance> open = state.open.stream().map(LegalEventBulkService::copy).toList();
        List<Encumbrance> opened;
        try {
            opened = LegalEffects.apply(asset, open, c.input());
        } catch (ApiProblem p) {
            String prefix = "rows[" + c.row() + "].";
            if (p.errors().isEmpty()) {
                reject(rejected, c.row(), prefix + "kind", p.getMessage());
            } else {
                for (FieldError e : p.errors()) {
                    reject(rejected, c.row(), prefix + e.field(), e.message());
                }
            }
            return null;
        }
        // Commit the copy as the running state: closed ones leave the open list, opened ones join it.
        List<Encumbrance> stillOpen = new ArrayList<>();
        for (int k = 0; k < open.size(); k++) {
            Encumbrance e = open.get(k);
            if (e.endedOn == null) {
                stillOpen.add(state.open.get(k));
            } else {
                state.open.get(k).endedOn = e.endedOn;
                // one opened earlier in this batch has no id yet: it is inserted once, already ended
                if (state.open.get(k).id != null) {
                    state.closedExisting.add(state.open.get(k));
                }
            }
        }
        stillOpen.addAll(opened);
        asset.updatedAt = recordedAt;
        state.asset = asset;
        state.open = stillOpen;
        state.opened.addAll(opened);

        LegalEvent event = new LegalEvent();
        event.assetId = asset.id;
        event.kind = c.input().kind();
        event.occurredOn = c.input().occurredOn();
        event.reference = c.input().reference();
        event.note = c.input().note();
        event.recordedAt = recordedAt;
        event.recordedBy = caller.actor();
        // The view as the single call journals it; encumbrance views need no ids.
        AssetView view = new AssetView(asset.id, asset.kind, asset.registryNumber, asset.title, List.copyOf(state.holders),
                asset.filingDate, asset.grantDate, asset.expiresOn, asset.effectiveStatus(today),
                stillOpen.stream().map(EncumbranceView::of).toList(), asset.markGroup, state.latestValuation, null);
        return new Applied(c, event, copy(asset), view);
    }

    private static void reject(Map<Integer, List<FieldError>> rejected, int row, String field, String message) {
        rejected.computeIfAbsent(row, r -> new ArrayList<>()).add(new FieldError(field, message));
    }

    private static ApiProblem refusal(List<LegalEventCsv.Line> lines, Map<Integer, List<FieldError>> rejected) {
        List<AssetImport.Rejected> rows = new ArrayList<>();
        List<FieldError> all = new ArrayList<>();
        rejected.keySet().stream().sorted().forEach(i -> {
            List<FieldError> errors = rejected.get(i);
            rows.add(new AssetImport.Rejected(i, lines.get(i).registryNumber(), errors));
            all.addAll(errors);
        });
        return new ApiProblem(422, "bulk-rows-rejected", "Refused by a ledger rule", rows.size() + " of " + lines.size()
                + " rows are invalid; no event was recorded", all).with("rejected", rows);
    }

    // ---- batched reads ------------------------------------------------------------------------

    /** The assets named, locked in id order as {@link AssetRepository#lockAll} does; keyed by kind and number. */
    private Uni<Map<String, State>> lockAssets(Set<String> keys) {
        if (keys.isEmpty()) {
            return Uni.createFrom().item(new LinkedHashMap<>());
        }
        String json = toJson(keys.stream().map(k -> {
            int space = k.indexOf(' ');
            return Map.of("kind", k.substring(0, space), "num", k.substring(space + 1));
        }).toList());
        return session(s -> s.createNativeQuery("""
                        select a.id, a.kind, a.registry_number, a.title, cast(a.filing_date as text), cast(a.grant_date as text),
                               cast(a.expires_on as text), a.legal_status, a.mark_group
                        from ip_asset a
                        where (a.kind, a.registry_number) in (
                            select k.kind, k.num from jsonb_to_recordset(cast(cast(:keys as text) as jsonb)) as k(kind text, num text))
                        order by a.id
                        for update""", Object[].class)
                .setParameter("keys", json)
                .getResultList()
                .map(rows -> {
                    Map<String, State> states = new LinkedHashMap<>();
                    for (Object[] r : rows) {
                        IpAsset a = new IpAsset();
                        a.id = ((Number) r[0]).longValue();
                        a.kind = AssetKind.valueOf((String) r[1]);
                        a.registryNumber = (String) r[2];
                        a.title = (String) r[3];
                        a.filingDate = date(r[4]);
                        a.grantDate = date(r[5]);
                        a.expiresOn = date(r[6]);
                        a.legalStatus = LegalStatus.valueOf((String) r[7]);
                        a.markGroup = (String) r[8];
                        State st = new State();
                        st.asset = a;
                        states.put(a.kind + " " + a.registryNumber, st);
                    }
                    return states;
                }));
    }

    /** Holders, open encumbrances and the latest valuation of every asset: three queries for the batch. */
    private Uni<Void> readDetails(Map<String, State> states) {
        if (states.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Map<Long, State> byId = new HashMap<>();
        states.values().forEach(s -> byId.put(s.asset.id, s));
        String ids = idArray(byId.keySet());
        return session(s -> s.createNativeQuery("""
                        select h.asset_id, p.id, p.name from asset_holder h join party p on p.id = h.party_id
                        where h.asset_id = any(cast(cast(:ids as text) as bigint[])) order by h.asset_id, p.id""", Object[].class)
                .setParameter("ids", ids).getResultList()
                .map(rows -> {
                    for (Object[] r : rows) {
                        byId.get(((Number) r[0]).longValue()).holders.add(new PartyRef(((Number) r[1]).longValue(), (String) r[2]));
                    }
                    return rows;
                })
                .chain(() -> s.createNativeQuery("""
                                select id, asset_id, kind, cast(started_on as text), reference from asset_encumbrance
                                where ended_on is null and asset_id = any(cast(cast(:ids as text) as bigint[])) order by id""",
                                Object[].class)
                        .setParameter("ids", ids).getResultList())
                .map(rows -> {
                    for (Object[] r : rows) {
                        Encumbrance e = new Encumbrance();
                        e.id = ((Number) r[0]).longValue();
                        e.assetId = ((Number) r[1]).longValue();
                        e.kind = EncumbranceKind.valueOf((String) r[2]);
                        e.startedOn = date(r[3]);
                        e.reference = (String) r[4];
                        byId.get(e.assetId).open.add(e);
                    }
                    return rows;
                })
                .chain(() -> s.createNativeQuery("""
                                select distinct on (asset_id) id, asset_id, appraiser, cast(amount as text),
                                       cast(valued_on as text), method
                                from valuation where asset_id = any(cast(cast(:ids as text) as bigint[]))
                                order by asset_id, valued_on desc, id desc""", Object[].class)
                        .setParameter("ids", ids).getResultList())
                .map(rows -> {
                    for (Object[] r : rows) {
                        byId.get(((Number) r[1]).longValue()).latestValuation = new ValuationView(((Number) r[0]).longValue(),
                                (String) r[2], new BigDecimal((String) r[3]), date(r[4]), ValuationMethod.valueOf((String) r[5]),
                                null);
                    }
                    return rows;
                })).replaceWithVoid();
    }

    // ---- set-based writes ---------------------------------------------------------------------

    private Uni<LegalEventBulk.Report> write(Caller caller, List<Applied> applied, java.util.Collection<State> states,
                                             OffsetDateTime recordedAt, int received) {
        List<Encumbrance> opened = new ArrayList<>();
        List<Encumbrance> closedExisting = new ArrayList<>();
        List<State> changed = new ArrayList<>();
        for (State st : states) {
            opened.addAll(st.opened);
            closedExisting.addAll(st.closedExisting);
            if (st.asset.updatedAt != null) {
                changed.add(st);
            }
        }
        return nextIds("legal_event", applied.size()).flatMap(eventIds -> nextIds("asset_encumbrance", opened.size())
                .flatMap(encumbranceIds -> {
                    for (int i = 0; i < applied.size(); i++) {
                        applied.get(i).event().id = eventIds.get(i);
                    }
                    for (int i = 0; i < opened.size(); i++) {
                        opened.get(i).id = encumbranceIds.get(i);
                    }
                    List<Map<String, Object>> events = new ArrayList<>(applied.size());
                    for (Applied a : applied) {
                        LegalEvent e = a.event();
                        Map<String, Object> m = new HashMap<>();
                        m.put("id", e.id);
                        m.put("asset_id", e.assetId);
                        m.put("kind", e.kind.name());
                        m.put("occurred_on", e.occurredOn.toString());
                        m.put("reference", e.reference);
                        m.put("note", e.note);
                        events.add(m);
                    }
                    List<Map<String, Object>> encumbrances = opened.stream().map(e -> {
                        Map<String, Object> m = new HashMap<>();
                        m.put("id", e.id);
                        m.put("asset_id", e.assetId);
                        m.put("kind", e.kind.name());
                        m.put("started_on", e.startedOn.toString());
                        m.put("ended_on", e.endedOn == null ? null : e.endedOn.toString());
                        m.put("reference", e.reference);
                        return m;
                    }).toList();
                    List<Map<String, Object>> closed = closedExisting.stream()
                            .map(e -> Map.<String, Object>of("id", e.id, "ended_on", e.endedOn.toString())).toList();
                    List<Map<String, Object>> assets = changed.stream().map(st -> {
                        Map<String, Object> m = new HashMap<>();
                        m.put("id", st.asset.id);
                        m.put("legal_status", st.asset.legalStatus.name());
                        m.put("grant_date", st.asset.grantDate == null ? null : st.asset.grantDate.toString());
                        m.put("expires_on", st.asset.expiresOn == null ? null : st.asset.expiresOn.toString());
                        return m;
                    }).toList();
                    return session(s -> s.createNativeQuery("""
                                    insert into legal_event (id, asset_id, kind, occurred_on, reference, note, recorded_at, recorded_by)
                                    select r.id, r.asset_id, r.kind, r.occurred_on, r.reference, r.note,
                                           cast(cast(:at as text) as timestamptz), :by
                                    from jsonb_to_recordset(cast(cast(:rows as text) as jsonb)) as r(
                                        id bigint, asset_id bigint, kind text, occurred_on date, reference text, note text)
                                    order by r.id""")
                            .setParameter("at", recordedAt.toString()).setParameter("by", caller.actor())
                            .setParameter("rows", toJson(events)).executeUpdate()
                            // closes first: the one-open-per-kind index must not see an old and a new one open together
                            .chain(() -> closed.isEmpty() ? Uni.createFrom().item(0) : s.createNativeQuery("""
                                            update asset_encumbrance e set ended_on = r.ended_on
                                            from jsonb_to_recordset(cast(cast(:rows as text) as jsonb)) as r(id bigint, ended_on date)
                                            where e.id = r.id""")
                                    .setParameter("rows", toJson(closed)).executeUpdate())
                            .chain(() -> encumbrances.isEmpty() ? Uni.createFrom().item(0) : s.createNativeQuery("""
                                            insert into asset_encumbrance (id, asset_id, kind, started_on, ended_on, reference)
                                            select r.id, r.asset_id, r.kind, r.started_on, r.ended_on, r.reference
                                            from jsonb_to_recordset(cast(cast(:rows as text) as jsonb)) as r(
                                                id bigint, asset_id bigint, kind text, started_on date, ended_on date, reference text)
                                            order by r.id""")
                                    .setParameter("rows", toJson(encumbrances)).executeUpdate())
                            .chain(() -> s.createNativeQuery("""
                                            update ip_asset a set legal_status = r.legal_status, grant_date = r.grant_date,
                                                   expires_on = r.expires_on, updated_at = cast(cast(:at as text) as timestamptz),
                                                   version = a.version + 1
                                            from jsonb_to_recordset(cast(cast(:rows as text) as jsonb)) as r(
                                                id bigint, legal_status text, grant_date date, expires_on date)
                                            where a.id = r.id""")
                                    .setParameter("at", recordedAt.toString())
                                    .setParameter("rows", toJson(assets)).executeUpdate()));
                })
                .chain(() -> journal.appendAll(caller, JournalAction.LEGAL_EVENT_RECORDED, "ASSET", applied.stream()
                        .map(a -> new Journal.Entry(a.event().assetId, List.of(a.event().assetId), Map.of(
                                "event", LegalEventView.of(a.event(), a.viewAfter().legalStatus()), "asset", a.viewAfter())))
                        .toList()))
                .call(() -> alertPledged(caller, applied))
                .map(seq -> new LegalEventBulk.Report(received, applied.size(),
                        applied.stream().map(a -> a.event().id).toList(), seq)));
    }

    /** The single-event alert hook, for the events that alert on assets securing a live loan. */
    private Uni<Void> alertPledged(Caller caller, List<Applied> applied) {
        List<Applied> alerting = applied.stream()
                .filter(a -> AlertKind.forLegalEvent(a.event().kind).isPresent()).toList();
        return coverage.assetsSecuringLiveLoans(alerting.stream().map(a -> a.event().assetId).collect(Collectors.toSet()))
                .flatMap(pledged -> {
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (Applied a : alerting) {
                        if (pledged.contains(a.event().assetId)) {
                            chain = chain.chain(() -> alerts.legalEventRecorded(caller, a.assetAfter(), a.event()));
                        }
                    }
                    return chain;
                });
    }

    private Uni<List<Long>> nextIds(String table, int n) {
        if (n == 0) {
            return Uni.createFrom().item(List.of());
        }
        return session(s -> s.createNativeQuery("select nextval(pg_get_serial_sequence(:table, 'id')) from generate_series(1, :n)",
                        Long.class)
                .setParameter("table", table).setParameter("n", n).getResultList());
    }

    // ---- small helpers ------------------------------------------------------------------------

    private static <T> Uni<T> session(java.util.function.Function<Mutiny.Session, Uni<T>> work) {
        return Panache.getSession().<T>flatMap(work::apply);
    }

    private static String idArray(java.util.Collection<Long> ids) {
        return ids.stream().sorted(Comparator.naturalOrder()).map(String::valueOf).collect(Collectors.joining(",", "{", "}"));
    }

    private static LocalDate date(Object text) {
        return text == null ? null : LocalDate.parse((String) text);
    }

    private static IpAsset copy(IpAsset a) {
        IpAsset c = new IpAsset();
        c.id = a.id;
        c.kind = a.kind;
        c.registryNumber = a.registryNumber;
        c.title = a.title;
        c.filingDate = a.filingDate;
        c.grantDate = a.grantDate;
        c.expiresOn = a.expiresOn;
        c.legalStatus = a.legalStatus;
        c.markGroup = a.markGroup;
        c.updatedAt = a.updatedAt;
        return c;
    }

    private static Encumbrance copy(Encumbrance e) {
        Encumbrance c = new Encumbrance();
        c.id = e.id;
        c.assetId = e.assetId;
        c.kind = e.kind;
        c.startedOn = e.startedOn;
        c.endedOn = e.endedOn;
        c.reference = e.reference;
        return c;
    }

    private String toJson(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
