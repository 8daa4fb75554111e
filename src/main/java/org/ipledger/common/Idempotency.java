package org.ipledger.common;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Supplier;

/**
 * Idempotent writes by the client's {@code Idempotency-Key}. Must run inside the write's transaction:
 * the key row is inserted first, so a concurrent retry with the same key waits on it, then replays
 * the stored answer. A write that fails rolls its key back, so the client may retry it.
 */
@ApplicationScoped
public class Idempotency {

    public static final String HEADER = "Idempotency-Key";
    public static final int MAX_KEY_LENGTH = 128;

    private final ObjectMapper mapper;

    public Idempotency(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** Validates the header's value; null means the client sent none. */
    public static String checkKey(String key) {
        if (key == null) {
            return null;
        }
        if (key.isBlank() || key.length() > MAX_KEY_LENGTH || !key.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw ApiProblem.invalidField(HEADER, "must be 1 to " + MAX_KEY_LENGTH + " visible ASCII characters");
        }
        return key;
    }

    /**
     * Runs {@code write} once per (caller, operation, key). {@code request} is everything that
     * defines the write (body and path ids); a reuse of the key with another request is refused.
     */
    public <T> Uni<T> once(Caller caller, String operation, String key, Object request, Class<T> answerType,
                           Supplier<Uni<T>> write) {
        if (key == null) {
            return write.get();
        }
        String scope = caller.actor() + " " + operation;
        String requestHash = sha256(toJson(request));
        return Panache.getSession().flatMap(session -> session
                .createNativeQuery("insert into idempotency_record (scope, key, request_hash) values (:scope, :key, :hash)"
                        + " on conflict do nothing")
                .setParameter("scope", scope).setParameter("key", key).setParameter("hash", requestHash)
                .executeUpdate()
                .flatMap(inserted -> {
                    if (inserted == 1) {
                        return write.get().call(answer -> session
                                .createNativeQuery("update idempotency_record set status = 200, response = cast(cast(:answer as text) as jsonb)"
                                        + " where scope = :scope and key = :key")
                                .setParameter("answer", toJson(answer)).setParameter("scope", scope).setParameter("key", key)
                                .executeUpdate());
                    }
                    return session.createNativeQuery("select request_hash, cast(response as text) from idempotency_record"
                                    + " where scope = :scope and key = :key", Object[].class)
                            .setParameter("scope", scope).setParameter("key", key)
                            .getSingleResult()
                            .map(row -> replay(row, requestHash, answerType));
                }));
    }

    /**
     * The same as {@link #once} for a write made on a plain reactive connection ({@code conn}, inside
     * its transaction) instead of a Hibernate session; {@code requestHash} stands for the request.
     */
    public <T> Uni<T> onceOn(SqlConnection conn, Caller caller, String operation, String key, String requestHash,
                             Class<T> answerType, Supplier<Uni<T>> write) {
        if (key == null) {
            return write.get();
        }
        String scope = caller.actor() + " " + operation;
        return conn.preparedQuery("insert into idempotency_record (scope, key, request_hash) values ($1, $2, $3)"
                        + " on conflict do nothing")
                .execute(Tuple.of(scope, key, requestHash))
                .flatMap(inserted -> inserted.rowCount() == 1
                        ? write.get().call(answer -> conn.preparedQuery("update idempotency_record set status = 200,"
                                        + " response = cast(cast($1 as text) as jsonb) where scope = $2 and key = $3")
                                .execute(Tuple.of(toJson(answer), scope, key)))
                        : conn.preparedQuery("select request_hash, cast(response as text) from idempotency_record"
                                        + " where scope = $1 and key = $2")
                                .execute(Tuple.of(scope, key))
                                .map(rows -> {
                                    var row = rows.iterator().next();
                                    return replay(new Object[] {row.getString(0), row.getString(1)}, requestHash, answerType);
                                }));
    }

    /** SHA-256 of a request as the idempotency record keeps it. */
    public static String hashOf(String request) {
        return sha256(request);
    }

    private <T> T replay(Object[] row, String requestHash, Class<T> answerType) {
        if (!requestHash.equals(row[0])) {
            throw new ApiProblem(422, "idempotency-key-reused", "Idempotency key reused",
                    "this Idempotency-Key was already used with a different request",
                    List.of(new FieldError(HEADER, "was used before with another request body")));
        }
        if (row[1] == null) {
            throw ApiProblem.conflict("idempotency-key-in-flight", "a request with this Idempotency-Key is still running");
        }
        try {
            return mapper.readValue((String) row[1], answerType);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored idempotent answer cannot be read", e);
        }
    }

    private String toJson(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
