package org.ipledger.common;

import jakarta.ws.rs.BadRequestException;

/** A query or header parameter that cannot be read; answered as 400 naming the parameter. */
public class BadParameterException extends BadRequestException {

    private final String parameter;

    public BadParameterException(String parameter, String message) {
        super(message);
        this.parameter = parameter;
    }

    public String parameter() {
        return parameter;
    }
}
