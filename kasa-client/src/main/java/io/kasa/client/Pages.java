package io.kasa.client;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Walks a list endpoint page by page, asking for the next page only when the previous one is
 * used up, and stopping after the last page its {@link Pagination} names (or at an empty page).
 * Each page is one call, so a list that changes meanwhile can shift items between pages.
 */
final class Pages {

    private Pages() {
    }

    static <T> Stream<T> stream(int firstPage, IntFunction<Page<T>> fetch) {
        Iterator<T> items = new Iterator<>() {
            private int next = firstPage;
            private Iterator<T> current = Stream.<T>empty().iterator();
            private boolean last;

            @Override
            public boolean hasNext() {
                while (!current.hasNext() && !last) {
                    Page<T> page = fetch.apply(next++);
                    current = page.items().iterator();
                    last = page.items().isEmpty() || page.pagination() == null
                            || next >= page.pagination().pageCount();
                }
                return current.hasNext();
            }

            @Override
            public T next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return current.next();
            }
        };
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(items, Spliterator.ORDERED), false);
    }
}
