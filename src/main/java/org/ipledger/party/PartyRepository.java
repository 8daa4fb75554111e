package org.ipledger.party;

import io.quarkus.hibernate.reactive.panache.PanacheRepository;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.ipledger.common.Page;

import java.util.Collection;
import java.util.List;

@ApplicationScoped
public class PartyRepository implements PanacheRepository<Party> {

    public Uni<Party> findByCreditCode(String creditCode) {
        return find("creditCode", creditCode).firstResult();
    }

    public Uni<List<Party>> findByIds(Collection<Long> ids) {
        return list("id in ?1", ids);
    }

    public Uni<Page<Party>> listByKind(PartyKind kind, int page, int size) {
        return Page.fetch(kind == null ? findAll(Sort.by("id")) : find("kind", Sort.by("id"), kind), page, size);
    }
}
