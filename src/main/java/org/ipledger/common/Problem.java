package org.ipledger.common;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.List;
import java.util.Map;

/** The problem+json body. {@code type} is a URN built from the stable {@code code}. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({"type", "title", "status", "code", "detail", "errors"})
public final class Problem {

    public static final String MEDIA_TYPE = "application/problem+json";

    private final String code;
    private final String title;
    private final int status;
    private final String detail;
    private final List<FieldError> errors;
    private final Map<String, Object> extensions;

    public Problem(int status, String code, String title, String detail, List<FieldError> errors,
                   Map<String, Object> extensions) {
        this.status = status;
        this.code = code;
        this.title = title;
        this.detail = detail;
        this.errors = errors == null ? List.of() : errors;
        this.extensions = extensions == null ? Map.of() : extensions;
    }

    public String getType() { return "urn:ipledger:problem:" + code; }
    public String getTitle() { return title; }
    public int getStatus() { return status; }
    public String getCode() { return code; }
    public String getDetail() { return detail; }
    public List<FieldError> getErrors() { return errors; }

    @JsonAnyGetter
    public Map<String, Object> extensions() { return extensions; }
}
