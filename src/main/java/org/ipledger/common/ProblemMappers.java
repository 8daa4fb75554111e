package org.ipledger.common;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.quarkus.security.AuthenticationCompletionException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Every error leaves the service as application/problem+json with a stable code. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response apiProblem(ApiProblem p) {
        return respond(new Problem(p.status(), p.code(), p.title(), p.getMessage(), p.errors(), p.extensions()));
    }

    @ServerExceptionMapper
    public Response beanValidation(ConstraintViolationException e) {
        List<FieldError> errors = new ArrayList<>();
        for (ConstraintViolation<?> v : e.getConstraintViolations()) {
            errors.add(new FieldError(fieldName(v.getPropertyPath()), v.getMessage()));
        }
        errors.sort(Comparator.comparing(FieldError::field));
        return apiProblem(ApiProblem.invalidFields(errors));
    }

    @ServerExceptionMapper
    public Response unknownProperty(UnrecognizedPropertyException e) {
        return apiProblem(ApiProblem.invalidField(jsonPath(e), "is not a known field"));
    }

    @ServerExceptionMapper
    public Response wrongJsonType(InvalidFormatException e) {
        String expected = e.getTargetType() == null ? "another type" : describe(e.getTargetType());
        return apiProblem(ApiProblem.invalidField(jsonPath(e), "cannot be read as " + expected));
    }

    @ServerExceptionMapper
    public Response mismatchedInput(MismatchedInputException e) {
        return jsonMapping(e);
    }

    @ServerExceptionMapper
    public Response badParameter(BadParameterException e) {
        return apiProblem(ApiProblem.invalidField(e.parameter(), e.getMessage()));
    }

    @ServerExceptionMapper
    public Response jsonMapping(JsonMappingException e) {
        String field = jsonPath(e);
        if (field.isEmpty()) {
            return malformed("the request body is not the expected JSON document");
        }
        return apiProblem(ApiProblem.invalidField(field, "has the wrong type or shape"));
    }

    @ServerExceptionMapper
    public Response malformedJson(JsonProcessingException e) {
        return malformed("the request body is not valid JSON");
    }

    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class,
            AuthenticationCompletionException.class})
    public Response unauthorized(Exception e) {
        Response r = respond(new Problem(401, "unauthorized", "Unauthorized",
                "a valid bearer token is required", null, null));
        return Response.fromResponse(r).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return respond(new Problem(403, "forbidden", "Forbidden",
                "your role may not do this", null, null));
    }

    /** Unique constraints the database enforces behind the services' own checks, by their stable codes. */
    private static final Map<String, String> UNIQUE_CODES = Map.ofEntries(
            Map.entry("party_credit_code_key", "duplicate-credit-code"),
            Map.entry("ip_asset_kind_registry_number_key", "duplicate-asset"),
            Map.entry("pledge_office_number_key", "duplicate-office-number"),
            Map.entry("pledge_asset_one_live_pledge", "asset-already-pledged"),
            Map.entry("asset_encumbrance_one_open", "legal-event-not-applicable"),
            Map.entry("loan_pledge_pledge_id_key", "pledge-already-secures-a-loan"),
            Map.entry("insurance_policy_policy_number_key", "duplicate-policy-number"),
            Map.entry("insurance_policy_one_live_per_loan", "loan-already-insured"),
            Map.entry("insurance_claim_one_per_loan", "claim-already-filed"),
            Map.entry("sec_product_name_key", "duplicate-product-name"),
            Map.entry("sec_pool_loan_one_live_product", "loan-already-securitized"),
            Map.entry("sec_pool_receivable_one_live_product", "receivable-already-securitized"),
            Map.entry("sec_receivable_licensor_id_contract_number_key", "duplicate-contract-number"),
            Map.entry("sec_receivable_receipt_receivable_id_reference_key", "duplicate-receipt"),
            Map.entry("sec_collection_pkey", "period-already-recorded"),
            Map.entry("sec_period_product_id_period_end_key", "period-already-recorded"),
            Map.entry("sec_period_product_id_period_number_key", "period-already-recorded"));

    @ServerExceptionMapper
    public Response database(org.hibernate.exception.ConstraintViolationException e) {
        // A concurrent request won a race the service's own check could not see. Still a conflict,
        // not a server fault, and nothing was written: the transaction rolled back.
        String constraint = e.getConstraintName() == null ? "" : e.getConstraintName();
        String code = UNIQUE_CODES.getOrDefault(constraint, "constraint-violated");
        LOG.debugf("constraint %s violated: %s", constraint, e.getMessage());
        return respond(new Problem(409, code, "Conflict with the current state",
                "a concurrent change won: the request conflicts with a ledger rule (" + constraint + "); nothing was changed",
                null, null));
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        Throwable cause = e.getCause();
        if (cause instanceof JsonProcessingException jpe) {
            return jpe instanceof JsonMappingException jme ? jsonMapping(jme) : malformedJson(jpe);
        }
        int status = e.getResponse().getStatus();
        String code = switch (status) {
            case 400 -> "malformed-request";
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            case 404 -> "not-found";
            case 405 -> "method-not-allowed";
            case 406 -> "not-acceptable";
            case 415 -> "unsupported-media-type";
            default -> status >= 500 ? "internal-error" : "request-refused";
        };
        String title = Response.Status.fromStatusCode(status) == null
                ? "Error" : Response.Status.fromStatusCode(status).getReasonPhrase();
        String detail = status == 415 ? "send the body as application/json" : e.getMessage();
        return respond(new Problem(status, code, title, detail, null, null));
    }

    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER + 1000)
    public Response unexpected(Throwable t) {
        if (DatabaseUnavailable.causedBy(t)) {
            LOG.warnf("database unavailable: %s", t.getMessage());
            return Response.fromResponse(respond(DatabaseUnavailable.problem()))
                    .header(HttpHeaders.RETRY_AFTER, DatabaseUnavailable.RETRY_AFTER_SECONDS).build();
        }
        String incident = UUID.randomUUID().toString();
        LOG.errorf(t, "unexpected error, incident %s", incident);
        return respond(new Problem(500, "internal-error", "Internal error",
                "the ledger could not complete the request; nothing was changed. Incident " + incident,
                null, Map.of("incident", incident)));
    }

    private Response malformed(String detail) {
        return respond(new Problem(400, "malformed-request", "Malformed request", detail, null, null));
    }

    private static Response respond(Problem problem) {
        return Response.status(problem.getStatus()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    /**
     * The JSON path of a violation: {@code create.arg0.assets[2].number} becomes {@code assets[2].number},
     * {@code holderIds[0].<list element>} becomes {@code holderIds[0]}; query params keep their name.
     */
    public static String fieldName(Path path) {
        StringBuilder out = new StringBuilder();
        String parameter = null;
        for (Path.Node node : path) {
            if (node.getKind() == ElementKind.METHOD || node.getKind() == ElementKind.RETURN_VALUE) {
                continue;
            }
            if (node.getKind() == ElementKind.PARAMETER) {
                parameter = node.getName();
                continue;
            }
            // Hibernate Validator puts an element's index on the node after the collection.
            if (node.isInIterable()) {
                out.append('[').append(node.getIndex() != null ? node.getIndex() : node.getKey()).append(']');
            }
            if (node.getKind() == ElementKind.CONTAINER_ELEMENT || node.getName() == null) {
                continue;
            }
            if (!out.isEmpty()) {
                out.append('.');
            }
            out.append(node.getName());
        }
        if (out.isEmpty()) {
            return parameter == null ? "request" : parameter;
        }
        return out.toString();
    }

    private static String jsonPath(JsonMappingException e) {
        StringBuilder out = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!out.isEmpty()) {
                    out.append('.');
                }
                out.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                out.append('[').append(ref.getIndex()).append(']');
            }
        }
        return out.toString();
    }

    private static String describe(Class<?> type) {
        if (type.isEnum()) {
            Object[] constants = type.getEnumConstants();
            StringBuilder names = new StringBuilder();
            for (Object c : constants) {
                if (!names.isEmpty()) {
                    names.append(", ");
                }
                names.append(c);
            }
            return "one of " + names;
        }
        return switch (type.getSimpleName()) {
            case "LocalDate" -> "a date (YYYY-MM-DD)";
            case "Instant", "OffsetDateTime" -> "a timestamp (ISO 8601)";
            case "BigDecimal" -> "a decimal amount";
            case "Long", "long", "Integer", "int" -> "an integer";
            case "Boolean", "boolean" -> "true or false";
            default -> "a " + type.getSimpleName();
        };
    }
}
