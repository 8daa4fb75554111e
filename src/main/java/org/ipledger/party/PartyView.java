package org.ipledger.party;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.OffsetDateTime;

@JsonInclude(JsonInclude.Include.NON_NULL)
public record PartyView(long id, PartyKind kind, String name, String creditCode, District district,
                        Industry industry, OffsetDateTime createdAt) {

    public static PartyView of(Party p) {
        return new PartyView(p.id, p.kind, p.name, p.creditCode, p.district, p.industry, p.createdAt);
    }
}
