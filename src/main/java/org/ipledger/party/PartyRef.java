package org.ipledger.party;

/** A party as other records name it: holders, pledgors, pledgees. */
public record PartyRef(long id, String name) {

    public static PartyRef of(Party p) {
        return new PartyRef(p.id, p.name);
    }
}
