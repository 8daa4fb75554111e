package org.ipledger.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.ipledger.common.ApiProblem;
import org.ipledger.common.Caller;
import org.ipledger.common.FieldError;
import org.ipledger.common.Idempotency;
import org.ipledger.party.Party;
import org.ipledger.party.PartyRef;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Bulk registration on PostgreSQL's fast path: every row is checked first (the same rules as one
 * registration), then the batch goes in as a handful of statements over arrays bound in binary
 * ({@code unnest}: one round trip per table, no per-row statements, no JSON parsing in the database)
 * on one reactive connection, in one transaction with its journal entries and idempotency record.
 */
@ApplicationScoped
public class AssetBulkService {

    private final Pool pool;
    private final AssetService assets;
    private final Idempotency idempotency;
    private final ObjectMapper mapper;

    public AssetBulkService(Pool pool, AssetService assets, Idempotency idempotency, ObjectMapper mapper) {
        this.pool = pool;
        this.assets = assets;
        this.idempotency = idempotency;
        this.mapper = mapper;
    }

    public Uni<AssetBulk.Report> load(Caller caller, String csv, String idempotencyKey) {
        List<AssetCsv.Line> lines = AssetCsv.read(csv, AssetBulk.MAX_ROWS);
        if (lines.isEmpty()) {
            throw ApiProblem.invalidField("body", "has a header but no rows");
        }
        String requestHash = Idempotency.hashOf(csv);
        return pool.withTransaction(conn -> idempotency.onceOn(conn, caller, "bulk-assets", idempotencyKey, requestHash,
                AssetBulk.Report.class, () -> loadIn(conn, caller, lines)));
    }

    private Uni<AssetBulk.Report> loadIn(SqlConnection conn, Caller caller, List<AssetCsv.Line> lines) {
        Set<Long> holderIds = new HashSet<>();
        for (AssetCsv.Line line : lines) {
            if (line.input() != null && line.input().holderIds() != null) {
                line.input().holderIds().stream().filter(id -> id != null).forEach(holderIds::add);
            }
        }
        return conn.preparedQuery("select id, name from party where id = any($1)")
                .execute(Tuple.of(holderIds.toArray(Long[]::new)))
                .flatMap(found -> {
                    Map<Long, Party> holders = new HashMap<>();
                    for (Row r : found) {
                        Party p = new Party();
                        p.id = r.getLong("id");
                        p.name = r.getString("name");
                        holders.put(p.id, p);
                    }
                    return checkAndInsert(conn, caller, lines, holders);
                });
    }

    private Uni<AssetBulk.Report> checkAndInsert(SqlConnection conn, Caller caller, List<AssetCsv.Line> lines,
                                                Map<Long, Party> holders) {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        List<AssetService.NormalizedRow> good = new ArrayList<>(lines.size());
        Map<Integer, List<FieldError>> rejected = new HashMap<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < lines.size(); i++) {
            AssetCsv.Line line = lines.get(i);
            List<FieldError> errors = new ArrayList<>(line.errors());
            String prefix = "rows[" + i + "].";
            AssetService.NormalizedRow row = line.input() == null ? null
                    : assets.normalize(i, line.input(), prefix, holders, today, errors);
            if (row != null && !seen.add(row.kind() + " " + row.registryNumber())) {
                errors.add(new FieldError(prefix + "registryNumber", AssetService.DUPLICATE + " earlier in this batch"));
            }
            if (errors.isEmpty()) {
                good.add(row);
            } else {
                rejected.put(i, errors);
            }
        }
        String[] kinds = good.stream().map(r -> r.kind().name()).toArray(String[]::new);
        String[] numbers = good.stream().map(AssetService.NormalizedRow::registryNumber).toArray(String[]::new);
        return conn.preparedQuery("select u.i from unnest($1::text[], $2::text[]) with ordinality as u (kind, num, i)"
                        + " join ip_asset a on a.kind = u.kind and a.registry_number = u.num")
                .execute(Tuple.of(kinds, numbers))
                .flatMap(existing -> {
                    for (Row r : existing) {
                        AssetService.NormalizedRow row = good.get((int) (r.getLong(0) - 1));
                        rejected.computeIfAbsent(row.row(), x -> new ArrayList<>()).add(new FieldError(
                                "rows[" + row.row() + "].registryNumber", AssetService.DUPLICATE + " as " + row.kind()));
                    }
                    if (!rejected.isEmpty()) {
                        throw refusal(lines, rejected);
                    }
                    return insert(conn, caller, good, holders, today, lines.size());
                });
    }

    private static ApiProblem refusal(List<AssetCsv.Line> lines, Map<Integer, List<FieldError>> rejected) {
        List<AssetImport.Rejected> rows = new ArrayList<>();
        List<FieldError> all = new ArrayList<>();
        rejected.keySet().stream().sorted().forEach(i -> {
            AssetInput in = lines.get(i).input();
            rows.add(new AssetImport.Rejected(i, in == null ? null : in.registryNumber(), rejected.get(i)));
            all.addAll(rejected.get(i));
        });
        return new ApiProblem(422, "bulk-rows-rejected", "Refused by a ledger rule", rows.size() + " of " + lines.size()
                + " rows are invalid; nothing was registered", all).with("rejected", rows);
    }

    private Uni<AssetBulk.Report> insert(SqlConnection conn, Caller caller, List<AssetService.NormalizedRow> rows,
                                         Map<Long, Party> holders, LocalDate today, int received) {
        return conn.preparedQuery("select nextval(pg_get_serial_sequence('ip_asset', 'id')) from generate_series(1, $1)")
                .execute(Tuple.of(rows.size()))
                .flatMap(idRows -> {
                    int n = rows.size();
                    Long[] ids = new Long[n];
                    int k = 0;
                    for (Row r : idRows) {
                        ids[k++] = r.getLong(0);
                    }
                    String[] kinds = new String[n];
                    String[] numbers = new String[n];
                    String[] titles = new String[n];
                    LocalDate[] filed = new LocalDate[n];
                    LocalDate[] granted = new LocalDate[n];
                    LocalDate[] expires = new LocalDate[n];
                    String[] statuses = new String[n];
                    String[] groups = new String[n];
                    String[] states = new String[n];
                    List<Long> holderAsset = new ArrayList<>(n);
                    List<Long> holderParty = new ArrayList<>(n);
                    for (int i = 0; i < n; i++) {
                        AssetService.NormalizedRow r = rows.get(i);
                        kinds[i] = r.kind().name();
                        numbers[i] = r.registryNumber();
                        titles[i] = r.title();
                        filed[i] = r.filingDate();
                        granted[i] = r.grantDate();
                        expires[i] = r.expiresOn();
                        statuses[i] = r.legalStatus().name();
                        groups[i] = r.markGroup();
                        List<Long> sortedHolders = r.holderIds().stream().sorted().toList();
                        for (Long h : sortedHolders) {
                            holderAsset.add(ids[i]);
                            holderParty.add(h);
                        }
                        // The journal keeps what a single registration would answer (AssetService.insertRows).
                        states[i] = toJson(new AssetView(ids[i], r.kind(), r.registryNumber(), r.title(),
                                sortedHolders.stream().map(h -> PartyRef.of(holders.get(h))).toList(), r.filingDate(),
                                r.grantDate(), r.expiresOn(), LegalTerms.effective(r.legalStatus(), r.expiresOn(), today),
                                List.of(), r.markGroup(), null, null));
                    }
                    Tuple assetsTuple = Tuple.tuple().addValue(ids).addValue(kinds).addValue(numbers).addValue(titles)
                            .addValue(filed).addValue(granted).addValue(expires).addValue(statuses).addValue(groups);
                    return conn.preparedQuery("""
                                    insert into ip_asset (id, kind, registry_number, title, filing_date, grant_date, expires_on,
                                                          legal_status, mark_group)
                                    select * from unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::date[], $6::date[],
                                                         $7::date[], $8::text[], $9::text[])""")
                            .execute(assetsTuple)
                            .onFailure(e -> e instanceof io.vertx.pgclient.PgException pg && "23505".equals(pg.getSqlState()))
                            .transform(e -> ApiProblem.conflict("duplicate-asset",
                                    "an asset of this batch was registered by a concurrent request; nothing was registered"))
                            .flatMap(x -> conn.preparedQuery("insert into asset_holder (asset_id, party_id)"
                                            + " select * from unnest($1::bigint[], $2::bigint[])")
                                    .execute(Tuple.of(holderAsset.toArray(Long[]::new), holderParty.toArray(Long[]::new))))
                            .flatMap(x -> conn.preparedQuery("""
                                            with appended as (
                                                insert into journal (actor, action, entity_type, entity_id, asset_ids, state)
                                                select $1, 'ASSET_REGISTERED', 'ASSET', u.id, array[u.id], cast(u.state as jsonb)
                                                from unnest($2::bigint[], $3::text[]) with ordinality as u (id, state, n)
                                                order by u.n
                                                returning seq)
                                            select max(seq) from appended""")
                                    .execute(Tuple.of(caller.actor(), ids, states)))
                            .map(seq -> new AssetBulk.Report(received, n, List.of(ids), seq.iterator().next().getLong(0)));
                });
    }

    private String toJson(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
