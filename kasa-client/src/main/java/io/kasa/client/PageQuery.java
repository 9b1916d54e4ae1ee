package io.kasa.client;

/**
 * The body of a list request, {@code {PageIndex, PageSize}}. Values are not checked here so
 * that the server's own rules (0-based index, size 1–100) answer.
 */
record PageQuery(int pageIndex, int pageSize) {
}
