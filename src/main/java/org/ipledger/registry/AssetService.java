package org.ipledger.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import org.ipledger.alert.AlertService;
import org.ipledger.common.ApiProblem;
import org.ipledger.common.Caller;
import org.ipledger.common.FieldError;
import org.ipledger.common.IdentifierException;
import org.ipledger.common.Idempotency;
import org.ipledger.common.Money;
import org.ipledger.common.Page;
import org.ipledger.common.ProblemMappers;
import org.ipledger.journal.JournalAction;
import org.ipledger.journal.Journal;
import org.ipledger.party.Party;
import org.ipledger.party.PartyRef;
import org.ipledger.party.PartyRepository;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The register of IP assets: registration (one or in bulk), legal-status events and valuations. */
@ApplicationScoped
public class AssetService {

    private final AssetRepository assets;
    private final PartyRepository parties;
    private final Journal journal;
    private final Idempotency idempotency;
    private final Validator validator;
    private final ObjectMapper mapper;
    private final AlertService alerts;

    public AssetService(AssetRepository assets, PartyRepository parties, Journal journal, Idempotency idempotency,
                        Validator validator, ObjectMapper mapper, AlertService alerts) {
        this.assets = assets;
        this.parties = parties;
        this.journal = journal;
        this.idempotency = idempotency;
        this.validator = validator;
        this.mapper = mapper;
        this.alerts = alerts;
    }

    // ---- registration -------------------------------------------------------------------------

    @WithTransaction
    public Uni<AssetView> register(Caller caller, AssetInput input, String idempotencyKey) {
        return idempotency.once(caller, "register-asset", idempotencyKey, input, AssetView.class,
                () -> insertRows(caller, List.of(input), "").map(result -> {
                    if (!result.rejected().isEmpty()) {
                        List<FieldError> errors = result.rejected().get(0).errors();
                        if (errors.size() == 1 && errors.get(0).message().startsWith(DUPLICATE)) {
                            throw ApiProblem.conflict("duplicate-asset", "registryNumber: " + errors.get(0).message());
                        }
                        throw ApiProblem.invalidFields(errors);
                    }
                    return result.views().get(0);
                }));
    }

    @WithTransaction
    public Uni<AssetImport.Report> importRows(Caller caller, AssetImport.Request request, String idempotencyKey) {
        return idempotency.once(caller, "import-assets", idempotencyKey, request, AssetImport.Report.class,
                () -> insertRows(caller, request.rows(), "rows[%d].").map(result -> {
                    List<AssetImport.Accepted> accepted = new ArrayList<>();
                    for (int i = 0; i < result.views().size(); i++) {
                        AssetView v = result.views().get(i);
                        accepted.add(new AssetImport.Accepted(result.rowsOfViews().get(i), v.id(), v.registryNumber()));
                    }
                    return new AssetImport.Report(request.rows().size(), accepted.size(), accepted, result.rejected(),
                            result.journalSeq());
                }));
    }

    static final String DUPLICATE = "is already registered";

    record NormalizedRow(int row, AssetKind kind, String registryNumber, String title, LocalDate filingDate,
                                 LocalDate grantDate, LocalDate expiresOn, LegalStatus legalStatus, String markGroup,
                                 List<Long> holderIds) {
    }

    private record InsertResult(List<AssetView> views, List<Integer> rowsOfViews, List<AssetImport.Rejected> rejected,
                                Long journalSeq) {
    }

    /**
     * Validates every row on its own, then inserts all good rows with their holders in one statement
     * and their journal entries in a second: a row is taken whole or reported, never half.
     */
    private Uni<InsertResult> insertRows(Caller caller, List<AssetInput> inputs, String fieldPrefix) {
        Set<Long> holderIds = inputs.stream().filter(r -> r != null && r.holderIds() != null)
                .flatMap(r -> r.holderIds().stream()).filter(id -> id != null).collect(Collectors.toSet());
        Uni<Map<Long, Party>> holdersById = holderIds.isEmpty()
                ? Uni.createFrom().item(Map.of())
                : parties.findByIds(holderIds).map(list -> list.stream().collect(Collectors.toMap(p -> p.id, Function.identity())));
        return holdersById.flatMap(holders -> {
            LocalDate today = LocalDate.now(ZoneOffset.UTC);
            List<NormalizedRow> good = new ArrayList<>();
            List<AssetImport.Rejected> rejected = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < inputs.size(); i++) {
                String prefix = fieldPrefix.contains("%d") ? String.format(fieldPrefix, i) : fieldPrefix;
                AssetInput in = inputs.get(i);
                List<FieldError> errors = new ArrayList<>();
                NormalizedRow row = normalize(i, in, prefix, holders, today, errors);
                if (row != null && !seen.add(row.kind() + " " + row.registryNumber())) {
                    errors.add(new FieldError(prefix + "registryNumber", DUPLICATE + " earlier in this import"));
                }
                if (errors.isEmpty()) {
                    good.add(row);
                } else {
                    rejected.add(new AssetImport.Rejected(i, in == null ? null : in.registryNumber(), errors));
                }
            }
            if (good.isEmpty()) {
                return Uni.createFrom().item(new InsertResult(List.of(), List.of(), rejected, null));
            }
            return insert(good).flatMap(ids -> {
                List<AssetView> views = new ArrayList<>();
                List<Integer> rows = new ArrayList<>();
                for (NormalizedRow row : good) {
                    Long id = ids.get(row.row());
                    if (id == null) {
                        String prefix = fieldPrefix.contains("%d") ? String.format(fieldPrefix, row.row()) : fieldPrefix;
                        rejected.add(new AssetImport.Rejected(row.row(), row.registryNumber(),
                                List.of(new FieldError(prefix + "registryNumber", DUPLICATE + " as " + row.kind()))));
                        continue;
                    }
                    List<PartyRef> refs = row.holderIds().stream().sorted().map(h -> PartyRef.of(holders.get(h))).toList();
                    views.add(new AssetView(id, row.kind(), row.registryNumber(), row.title(), refs, row.filingDate(),
                            row.grantDate(), row.expiresOn(), LegalTerms.effective(row.legalStatus(), row.expiresOn(), today),
                            List.of(), row.markGroup(), null, null));
                    rows.add(row.row());
                }
                rejected.sort(Comparator.comparingInt(AssetImport.Rejected::row));
                return journal.appendAll(caller, JournalAction.ASSET_REGISTERED, "ASSET",
                                views.stream().map(v -> new Journal.Entry(v.id(), List.of(v.id()), v)).toList())
                        .map(seq -> new InsertResult(views.stream().map(v -> v.withJournalSeq(seq)).toList(), rows, rejected,
                                seq));
            });
        });
    }

    NormalizedRow normalize(int index, AssetInput in, String prefix, Map<Long, Party> holders, LocalDate today,
                                    List<FieldError> errors) {
        if (in == null) {
            errors.add(new FieldError(prefix.isEmpty() ? "request" : prefix.substring(0, prefix.length() - 1), "must not be null"));
            return null;
        }
        for (ConstraintViolation<AssetInput> v : validator.validate(in)) {
            errors.add(new FieldError(prefix + ProblemMappers.fieldName(v.getPropertyPath()), v.getMessage()));
        }
        if (!errors.isEmpty()) {
            return null;
        }
        String number = null;
        try {
            number = RegistryNumbers.normalize(in.kind(), in.registryNumber());
        } catch (IdentifierException e) {
            errors.add(new FieldError(prefix + "registryNumber", e.getMessage()));
        }
        if (new HashSet<>(in.holderIds()).size() != in.holderIds().size()) {
            errors.add(new FieldError(prefix + "holderIds", "names a holder twice"));
        }
        for (Long h : in.holderIds()) {
            if (!holders.containsKey(h)) {
                errors.add(new FieldError(prefix + "holderIds", "party " + h + " does not exist"));
            }
        }
        if (in.grantDate() != null && in.grantDate().isBefore(in.filingDate())) {
            errors.add(new FieldError(prefix + "grantDate", "must not be before filingDate"));
        }
        boolean copyright = in.kind() == AssetKind.COPYRIGHT || in.kind() == AssetKind.SOFTWARE_COPYRIGHT;
        if (in.expiresOn() != null && !copyright) {
            errors.add(new FieldError(prefix + "expiresOn", "is derived from the law for " + in.kind() + "; leave it out"));
        }
        if (in.expiresOn() != null && in.expiresOn().isBefore(in.filingDate())) {
            errors.add(new FieldError(prefix + "expiresOn", "must not be before filingDate"));
        }
        if (in.markGroup() != null && in.kind() != AssetKind.TRADEMARK) {
            errors.add(new FieldError(prefix + "markGroup", "applies to trademarks only"));
        }
        LegalStatus status = in.legalStatus();
        if (status == null) {
            status = in.grantDate() != null || copyright ? LegalStatus.VALID : LegalStatus.PENDING_GRANT;
        }
        if (status == LegalStatus.VALID && in.grantDate() == null && !copyright) {
            errors.add(new FieldError(prefix + "grantDate", "is required for a VALID " + in.kind()));
        }
        if (!errors.isEmpty()) {
            return null;
        }
        LocalDate expiresOn = in.expiresOn() != null ? in.expiresOn()
                : LegalTerms.expiry(in.kind(), in.filingDate(), in.grantDate());
        String markGroup = in.markGroup() == null || in.markGroup().isBlank() ? null : in.markGroup().strip();
        return new NormalizedRow(index, in.kind(), number, in.title().strip(), in.filingDate(), in.grantDate(),
                expiresOn, status, markGroup, List.copyOf(in.holderIds()));
    }

    /** One statement: assets (duplicates skipped) and their holders. Returns row index to new id. */
    private Uni<Map<Integer, Long>> insert(List<NormalizedRow> rows) {
        String json = toJson(rows.stream().map(r -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("row", r.row());
            m.put("kind", r.kind().name());
            m.put("registry_number", r.registryNumber());
            m.put("title", r.title());
            m.put("filing_date", r.filingDate().toString());
            m.put("grant_date", r.grantDate() == null ? null : r.grantDate().toString());
            m.put("expires_on", r.expiresOn() == null ? null : r.expiresOn().toString());
            m.put("legal_status", r.legalStatus().name());
            m.put("mark_group", r.markGroup());
            m.put("holder_ids", r.holderIds());
            return m;
        }).toList());
        String sql = """
                with input as (
                    select * from jsonb_to_recordset(cast(cast(:rows as text) as jsonb)) as r(
                        "row" int, kind text, registry_number text, title text, filing_date date, grant_date date,
                        expires_on date, legal_status text, mark_group text, holder_ids jsonb)
                ), inserted as (
                    insert into ip_asset (kind, registry_number, title, filing_date, grant_date, expires_on,
                                          legal_status, mark_group)
                    select kind, registry_number, title, filing_date, grant_date, expires_on, legal_status, mark_group
                    from input order by "row"
                    on conflict (kind, registry_number) do nothing
                    returning id, kind, registry_number
                ), holders as (
                    insert into asset_holder (asset_id, party_id)
                    select ins.id, h.party_id::bigint
                    from inserted ins
                    join input i on i.kind = ins.kind and i.registry_number = ins.registry_number
                    cross join lateral jsonb_array_elements_text(i.holder_ids) as h(party_id)
                )
                select i."row", ins.id from inserted ins
                join input i on i.kind = ins.kind and i.registry_number = ins.registry_number
                """;
        return Panache.getSession().flatMap(s -> s.createNativeQuery(sql, Object[].class)
                .setParameter("rows", json).getResultList()
                .map(result -> {
                    Map<Integer, Long> ids = new HashMap<>();
                    for (Object[] r : result) {
                        ids.put(((Number) r[0]).intValue(), ((Number) r[1]).longValue());
                    }
                    return ids;
                }));
    }

    // ---- reads --------------------------------------------------------------------------------

    @WithSession
    public Uni<AssetView> get(long id) {
        return assets.require(id).flatMap(this::view);
    }

    @WithSession
    public Uni<Page<AssetView>> search(AssetKind kind, LegalStatus status, Long holderId, int page, int size) {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        return assets.search(kind, status, holderId, page, size).map(p -> p.map(a -> summary(a, today)));
    }

    /** The full view: holders, open encumbrances, latest valuation. */
    Uni<AssetView> view(IpAsset a) {
        return Encumbrance.<Encumbrance>list("assetId = ?1 and endedOn is null order by id", a.id)
                .flatMap(open -> Valuation.<Valuation>find("assetId = ?1 order by valuedOn desc, id desc", a.id)
                        .firstResult()
                        .map(latest -> new AssetView(a.id, a.kind, a.registryNumber, a.title,
                                a.holders.stream().map(PartyRef::of).toList(), a.filingDate, a.grantDate, a.expiresOn,
                                a.effectiveStatus(LocalDate.now(ZoneOffset.UTC)),
                                open.stream().map(EncumbranceView::of).toList(), a.markGroup,
                                latest == null ? null : ValuationView.of(latest), null)));
    }

    private static AssetView summary(IpAsset a, LocalDate today) {
        return new AssetView(a.id, a.kind, a.registryNumber, a.title, a.holders.stream().map(PartyRef::of).toList(),
                a.filingDate, a.grantDate, a.expiresOn, a.effectiveStatus(today), null, a.markGroup, null, null);
    }

    @WithSession
    public Uni<Page<LegalEventView>> legalEvents(long assetId, int page, int size) {
        return assets.require(assetId).flatMap(a -> {
            return Page.fetch(LegalEvent.<LegalEvent>find("assetId = ?1 order by id", assetId), page, size)
                    .map(p -> p.map(e -> LegalEventView.of(e, null)));
        });
    }

    @WithSession
    public Uni<Page<ValuationView>> valuations(long assetId, int page, int size) {
        return assets.require(assetId).flatMap(a -> {
            return Page.fetch(Valuation.<Valuation>find("assetId = ?1 order by valuedOn desc, id desc", assetId), page, size)
                    .map(p -> p.map(ValuationView::of));
        });
    }

    // ---- legal status and valuations ----------------------------------------------------------

    @WithTransaction
    public Uni<LegalEventView> recordLegalEvent(Caller caller, long assetId, LegalEventInput input, String idempotencyKey) {
        record Keyed(long assetId, LegalEventInput input) {
        }
        return idempotency.once(caller, "legal-event", idempotencyKey, new Keyed(assetId, input), LegalEventView.class,
                () -> assets.lock(assetId).flatMap(asset -> Encumbrance.<Encumbrance>list(
                                "assetId = ?1 and endedOn is null", assetId)
                        .flatMap(open -> {
                            List<Encumbrance> opened = LegalEffects.apply(asset, open, input);
                            LegalEvent event = new LegalEvent();
                            event.assetId = assetId;
                            event.kind = input.kind();
                            event.occurredOn = input.occurredOn();
                            event.reference = input.reference();
                            event.note = input.note();
                            event.recordedAt = OffsetDateTime.now(ZoneOffset.UTC);
                            event.recordedBy = caller.actor();
                            asset.updatedAt = event.recordedAt;
                            return Panache.getSession()
                                    .flatMap(s -> s.persistAll(opened.toArray()).call(() -> s.persist(event)).call(s::flush))
                                    .flatMap(x -> view(asset))
                                    .flatMap(view -> journal.append(caller, JournalAction.LEGAL_EVENT_RECORDED, "ASSET",
                                                    assetId, List.of(assetId), Map.of("event", LegalEventView.of(event, view.legalStatus()),
                                                            "asset", view))
                                            .map(seq -> LegalEventView.of(event, view.legalStatus()).withJournalSeq(seq)))
                                    .call(() -> alerts.legalEventRecorded(caller, asset, event));
                        })));
    }

    @WithTransaction
    public Uni<ValuationView> recordValuation(Caller caller, long assetId, ValuationInput input, String idempotencyKey) {
        record Keyed(long assetId, ValuationInput input) {
        }
        Valuation valuation = new Valuation();
        valuation.assetId = assetId;
        valuation.appraiser = input.appraiser().strip();
        valuation.amount = Money.cny(input.amount(), "amount");
        valuation.valuedOn = input.valuedOn();
        valuation.method = input.method();
        valuation.recordedBy = caller.actor();
        valuation.recordedAt = OffsetDateTime.now(ZoneOffset.UTC);
        return idempotency.once(caller, "valuation", idempotencyKey, new Keyed(assetId, input), ValuationView.class,
                () -> assets.require(assetId)
                        .flatMap(a -> valuation.<Valuation>persistAndFlush().flatMap(v -> view(a)))
                        .flatMap(asset -> journal.append(caller, JournalAction.VALUATION_RECORDED, "ASSET", assetId,
                                        List.of(assetId), Map.of("valuation", ValuationView.of(valuation), "asset", asset))
                                .map(seq -> ValuationView.of(valuation).withJournalSeq(seq)))
                        .call(() -> alerts.valuationRecorded(caller, valuation)));
    }

    private String toJson(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
