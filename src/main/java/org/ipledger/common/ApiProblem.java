package org.ipledger.common;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A refusal the client can act on, answered as application/problem+json (RFC 9457).
 * {@code code} is stable: clients branch on it, humans read {@code detail}.
 */
public class ApiProblem extends RuntimeException {

    private final int status;
    private final String code;
    private final String title;
    private final List<FieldError> errors;
    private final Map<String, Object> extensions = new LinkedHashMap<>();

    public ApiProblem(int status, String code, String title, String detail, List<FieldError> errors) {
        super(detail, null, false, false);
        this.status = status;
        this.code = code;
        this.title = title;
        this.errors = errors == null ? List.of() : List.copyOf(errors);
    }

    public ApiProblem(int status, String code, String title, String detail) {
        this(status, code, title, detail, List.of());
    }

    public static ApiProblem notFound(String what, Object id) {
        return new ApiProblem(404, "not-found", "Not found", what + " " + id + " does not exist");
    }

    public static ApiProblem invalidField(String field, String message) {
        return new ApiProblem(400, "validation-failed", "Invalid request", field + ": " + message,
                List.of(new FieldError(field, message)));
    }

    public static ApiProblem invalidFields(List<FieldError> errors) {
        String detail = errors.stream().map(e -> e.field() + ": " + e.message())
                .reduce((a, b) -> a + "; " + b).orElse("invalid request");
        return new ApiProblem(400, "validation-failed", "Invalid request", detail, errors);
    }

    public static ApiProblem forbidden(String detail) {
        return new ApiProblem(403, "forbidden", "Forbidden", detail);
    }

    public static ApiProblem conflict(String code, String detail) {
        return new ApiProblem(409, code, "Conflict with the current state", detail);
    }

    public static ApiProblem unprocessable(String code, String detail) {
        return new ApiProblem(422, code, "Refused by a ledger rule", detail);
    }

    /** Adds a machine-readable member to the problem document, e.g. the conflicting pledges. */
    public ApiProblem with(String name, Object value) {
        extensions.put(name, value);
        return this;
    }

    public int status() { return status; }
    public String code() { return code; }
    public String title() { return title; }
    public List<FieldError> errors() { return errors; }
    public Map<String, Object> extensions() { return extensions; }
}
