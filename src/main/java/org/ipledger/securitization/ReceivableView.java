package org.ipledger.securitization;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.ipledger.party.PartyRef;
import org.ipledger.registry.AssetKind;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

// No is-getters: Jackson would otherwise read issuer() as a getter of "suer".
@JsonAutoDetect(isGetterVisibility = JsonAutoDetect.Visibility.NONE)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReceivableView(long id, String contractNumber, PartyRef issuer, PartyRef licensor,
                             @Schema(description = "The licensee who owes the fees") PartyRef obligor,
                             List<AssetRef> assets, List<Instalment> schedule, BigDecimal totalAmount,
                             BigDecimal received, BigDecimal outstanding, Receivable.Status status,
                             LocalDate writtenOffOn,
                             @Schema(description = "Outstanding amount when written off") BigDecimal writtenOffAmount,
                             String writeOffReason,
                             @Schema(description = "The live product whose pool holds it, else the last that did")
                             PoolProduct product,
                             @Schema(description = "Absent in lists") List<Receipt> receipts,
                             OffsetDateTime createdAt, Long journalSeq) {

    @Schema(name = "LicensedAsset")
    public record AssetRef(long id, AssetKind kind, String registryNumber, String title) {
    }

    @Schema(name = "ReceivableInstalment")
    public record Instalment(LocalDate dueOn, BigDecimal amount) {
    }

    @Schema(name = "ReceivableReceipt")
    public record Receipt(long id, LocalDate receivedOn, BigDecimal amount, String reference, OffsetDateTime recordedAt) {
    }

    @Schema(name = "ReceivablePoolProduct")
    public record PoolProduct(long id, String name, PartyRef trustee, boolean live) {
    }

    static ReceivableView of(Receivable r, List<AssetRef> assets, List<Instalment> schedule, PoolProduct product,
                             List<Receipt> receipts) {
        return new ReceivableView(r.id, r.contractNumber, PartyRef.of(r.issuer), PartyRef.of(r.licensor),
                PartyRef.of(r.obligor), assets, schedule, r.totalAmount, r.received, r.outstanding(), r.status,
                r.writtenOffOn, r.writtenOffAmount, r.writeOffReason, product, receipts, r.createdAt, null);
    }

    ReceivableView withJournalSeq(long seq) {
        return new ReceivableView(id, contractNumber, issuer, licensor, obligor, assets, schedule, totalAmount, received,
                outstanding, status, writtenOffOn, writtenOffAmount, writeOffReason, product, receipts, createdAt, seq);
    }
}
