package org.ipledger.collateral;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.ipledger.party.PartyRef;
import org.ipledger.pledge.PledgeStatus;
import org.ipledger.pledge.RefusalReason;
import org.ipledger.registry.AssetKind;
import org.ipledger.registry.EncumbranceKind;
import org.ipledger.registry.LegalStatus;
import org.ipledger.registry.ValuationMethod;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

/** What a bank needs before lending against an asset, in one answer. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CollateralStatus(
        long assetId, AssetKind kind, String registryNumber, String title,
        @Schema(description = "Effective status: a VALID right past its expiry is EXPIRED") LegalStatus legalStatus,
        LocalDate filingDate, LocalDate grantDate, LocalDate expiresOn,
        @Schema(description = "Days from today to the expiry, 0 when expired; absent when no expiry is known")
        Long remainingLifeDays,
        List<PartyRef> holders, List<EncumbranceKind> encumbrances, String markGroup,
        boolean freeToPledge, List<RefusalReason> reasons,
        LivePledge livePledge,
        @Schema(description = "Whether the live pledge secures a loan; false when the asset has no live pledge. "
                + "Shown to every bank, without the loan's figures") Boolean securesLoan,
        @Schema(description = "Whether that loan has a live insurance policy whose term has not ended; false when "
                + "it secures no loan. Shown to every bank, without the policy's figures") Boolean loanInsured,
        @Schema(description = "Whether that loan sits in the pool of a live securitization product; false when it "
                + "secures no loan. Shown to every bank, without the product's figures") Boolean loanSecuritized,
        @Schema(description = "Whether the asset is licensed under a patent-licence receivable that sits in the pool of "
                + "a live securitization product. Shown to every bank, without the receivable's figures; absent in "
                + "answers as of a past instant") Boolean licenceSecuritized,
        LatestValuation latestValuation, OffsetDateTime checkedAt,
        @Schema(description = "The last journal entry about this asset that the answer reflects; ask for its proof later")
        Long journalSeq) {

    /** The pledge that holds the asset now (PENDING or ACTIVE); the amount only for its own pledgee. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record LivePledge(String ledgerNumber, String officeNumber, PledgeStatus status, PartyRef pledgee,
                             OffsetDateTime since, LocalDate registeredOn,
                             BigDecimal securedAmount) {
    }

    public record LatestValuation(BigDecimal amount, LocalDate valuedOn,
                                  String appraiser, ValuationMethod method) {
    }
}
