package io.kasa.client;

/** Where a {@link Page} sits: 0-based {@code currentPage} of {@code pageCount}, {@code totalCount} items in all. */
public record Pagination(int currentPage, int pageCount, int pageSize, long totalCount) {
}
