package org.ipledger.common;

import io.quarkus.hibernate.reactive.panache.PanacheQuery;
import io.smallrye.mutiny.Uni;

import java.util.List;
import java.util.function.Function;

/** One page of a list. Every list in the API is paged; {@code size} is bounded by {@link #MAX_SIZE}. */
public record Page<T>(List<T> items, int page, int size, long total) {

    public static final int MAX_SIZE = 200;
    /** Deeper than this, filter instead: it also keeps page * size inside an int offset. */
    public static final int MAX_PAGE = 1_000_000;
    public static final String DEFAULT_SIZE = "50";

    /**
     * Runs a query for one page and counts all its rows; {@code loadAssociations} fetches what the
     * page's entities need in one more query (never one per row), and is skipped for an empty page.
     */
    public static <E> Uni<Page<E>> fetch(PanacheQuery<E> query, int page, int size,
                                         Function<List<E>, Uni<?>> loadAssociations) {
        PanacheQuery<E> paged = query.page(io.quarkus.panache.common.Page.of(page, size));
        return paged.list()
                .call(items -> items.isEmpty() ? Uni.createFrom().voidItem() : loadAssociations.apply(items))
                .flatMap(items -> paged.count().map(total -> new Page<>(items, page, size, total)));
    }

    public static <E> Uni<Page<E>> fetch(PanacheQuery<E> query, int page, int size) {
        return fetch(query, page, size, items -> Uni.createFrom().voidItem());
    }

    public <R> Page<R> map(Function<T, R> mapper) {
        return new Page<>(items.stream().map(mapper).toList(), page, size, total);
    }
}
