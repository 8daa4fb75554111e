package org.ipledger.registry;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.ipledger.party.PartyRef;

import java.time.LocalDate;
import java.util.List;

@JsonInclude(JsonInclude.Include.NON_NULL)
public record AssetView(long id, AssetKind kind, String registryNumber, String title, List<PartyRef> holders,
                        LocalDate filingDate, LocalDate grantDate, LocalDate expiresOn,
                        LegalStatus legalStatus, List<EncumbranceView> encumbrances, String markGroup,
                        ValuationView latestValuation, Long journalSeq) {

    /** The same answer stamped with the journal entry that recorded it: keep it to ask for a proof later. */
    public AssetView withJournalSeq(long seq) {
        return new AssetView(id, kind, registryNumber, title, holders, filingDate, grantDate, expiresOn, legalStatus,
                encumbrances, markGroup, latestValuation, seq);
    }
}
