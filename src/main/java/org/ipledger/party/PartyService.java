package org.ipledger.party;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.ipledger.common.ApiProblem;
import org.ipledger.common.Caller;
import org.ipledger.common.FieldError;
import org.ipledger.common.IdentifierException;
import org.ipledger.common.Idempotency;
import org.ipledger.common.Page;
import org.ipledger.journal.Journal;
import org.ipledger.journal.JournalAction;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

@ApplicationScoped
public class PartyService {

    private final PartyRepository parties;
    private final Journal journal;
    private final Idempotency idempotency;

    public PartyService(PartyRepository parties, Journal journal, Idempotency idempotency) {
        this.parties = parties;
        this.journal = journal;
        this.idempotency = idempotency;
    }

    @WithTransaction
    public Uni<PartyView> register(Caller caller, PartyInput input, String idempotencyKey) {
        Party party = toEntity(input);
        return idempotency.once(caller, "register-party", idempotencyKey, input, PartyView.class, () -> parties
                .findByCreditCode(party.creditCode)
                .invoke(existing -> {
                    if (existing != null) {
                        throw duplicate(party.creditCode, existing.id);
                    }
                })
                .flatMap(none -> parties.persistAndFlush(party))
                .onFailure(org.hibernate.exception.ConstraintViolationException.class)
                .transform(e -> duplicate(party.creditCode, null))
                .map(PartyView::of)
                .flatMap(view -> journal.append(caller, JournalAction.PARTY_REGISTERED, "PARTY", view.id(), List.of(), view)
                        .map(view::withJournalSeq)));
    }

    @WithSession
    public Uni<PartyView> get(long id) {
        return parties.findById(id).map(p -> {
            if (p == null) {
                throw ApiProblem.notFound("party", id);
            }
            return PartyView.of(p);
        });
    }

    @WithSession
    public Uni<Page<PartyView>> list(PartyKind kind, int page, int size) {
        return parties.listByKind(kind, page, size).map(p -> p.map(PartyView::of));
    }

    private static Party toEntity(PartyInput input) {
        List<FieldError> errors = new ArrayList<>();
        Party party = new Party();
        party.kind = input.kind();
        party.name = input.name().strip();
        try {
            party.creditCode = CreditCode.normalize(input.creditCode());
        } catch (IdentifierException e) {
            errors.add(new FieldError("creditCode", e.getMessage()));
        }
        if (input.kind() == PartyKind.ENTERPRISE) {
            if (input.district() == null) {
                errors.add(new FieldError("district", "is required for an enterprise"));
            }
            if (input.industry() == null) {
                errors.add(new FieldError("industry", "is required for an enterprise"));
            }
        }
        if (!errors.isEmpty()) {
            throw ApiProblem.invalidFields(errors);
        }
        party.district = input.district();
        party.industry = input.industry();
        party.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
        return party;
    }

    private static ApiProblem duplicate(String creditCode, Long existingId) {
        ApiProblem p = ApiProblem.conflict("duplicate-credit-code",
                "a party with credit code " + creditCode + " is already registered");
        return existingId == null ? p : p.with("existingPartyId", existingId);
    }
}
