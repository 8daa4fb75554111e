package org.ipledger.common;

/** One offending input, named by its JSON path (for example {@code assets[2].number}). */
public record FieldError(String field, String message) {
}
