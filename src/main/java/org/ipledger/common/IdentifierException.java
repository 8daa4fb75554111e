package org.ipledger.common;

/**
 * An identifier (credit code, registry number, ...) that cannot be accepted.
 *
 * <p>The message describes the problem for the person who typed the value, e.g.
 * "must be 18 characters, not 17". It never names the field: callers attach the
 * field name (for instance the JSON property) themselves.
 */
public class IdentifierException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public IdentifierException(String message) {
        super(message);
    }
}
