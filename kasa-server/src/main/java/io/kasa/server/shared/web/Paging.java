package io.kasa.server.shared.web;

import io.kasa.server.shared.Validation;

import java.util.List;
import java.util.function.Function;

/**
 * A validated page request: {@code pageIndex} is 0-based, {@code pageSize} 1–100. Absent
 * values default to the first page of 10.
 */
public record Paging(int index, int size) {

    public static final int MAX_SIZE = 100;

    public static Paging of(Integer pageIndex, Integer pageSize) {
        int index = pageIndex == null ? 0 : pageIndex;
        int size = pageSize == null ? 10 : pageSize;
        if (index < 0) {
            throw Validation.invalid("pageIndex 0 veya daha büyük olmalıdır", "pageIndex must be 0 or greater");
        }
        Validation.between("pageSize", size, 1, MAX_SIZE);
        return new Paging(index, size);
    }

    public long offset() {
        return (long) index * size;
    }

    public <T> Page<T> page(List<T> items, long totalCount) {
        int pageCount = (int) ((totalCount + size - 1) / size);
        return new Page<>(items, new Pagination(index, pageCount, size, totalCount));
    }

    /** The Paywall list result: {@code {Items, Pagination}}. */
    public record Page<T>(List<T> items, Pagination pagination) {

        public <R> Page<R> map(Function<T, R> mapper) {
            return new Page<>(items.stream().map(mapper).toList(), pagination);
        }
    }

    public record Pagination(int currentPage, int pageCount, int pageSize, long totalCount) {
    }
}
