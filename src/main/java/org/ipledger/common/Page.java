package org.ipledger.common;

import java.util.List;
import java.util.function.Function;

/** One page of a list. Every list in the API is paged; {@code size} is bounded by {@link #MAX_SIZE}. */
public record Page<T>(List<T> items, int page, int size, long total) {

    public static final int MAX_SIZE = 200;
    /** Deeper than this, filter instead: it also keeps page * size inside an int offset. */
    public static final int MAX_PAGE = 1_000_000;
    public static final String DEFAULT_SIZE = "50";

    public <R> Page<R> map(Function<T, R> mapper) {
        return new Page<>(items.stream().map(mapper).toList(), page, size, total);
    }
}
