package io.kasa.client;

import java.util.Objects;
import java.util.UUID;

/**
 * Terminal tag endpoints ({@code /api/terminal/tag/**}). A tag code is unique per merchant
 * (case-insensitively) and, while the tag is active, stands in for its terminal's id.
 * Thread-safe; obtain from {@link KasaClient#tags()}.
 */
public final class TerminalTags {

    private record Query(int pageIndex, int pageSize, UUID terminalId) {
    }

    private record NewTag(UUID terminalId, String name, String code) {
    }

    private record Added(UUID terminalTagId) {
    }

    private record Change(UUID terminalTagId, String name, String code, boolean isActive) {
    }

    private record TagBody(UUID terminalTagId) {
    }

    private final KasaClient client;

    TerminalTags(KasaClient client) {
        this.client = client;
    }

    /** POST {@code /api/terminal/tag/list}: all tags of the merchant. */
    public Page<TerminalTag> list(int pageIndex, int pageSize) {
        return client.postForPage("/api/terminal/tag/list", new Query(pageIndex, pageSize, null), TerminalTag.class);
    }

    /** POST {@code /api/terminal/tag/list} with {@code TerminalId}: the tags of one terminal. */
    public Page<TerminalTag> list(UUID terminalId, int pageIndex, int pageSize) {
        Objects.requireNonNull(terminalId, "terminalId");
        return client.postForPage("/api/terminal/tag/list", new Query(pageIndex, pageSize, terminalId), TerminalTag.class);
    }

    /** POST {@code /api/terminal/tag}: tags a terminal ({@code name} 1–100, {@code code} 1–25); returns the {@code TerminalTagId}. */
    public UUID add(UUID terminalId, String name, String code) {
        Objects.requireNonNull(terminalId, "terminalId");
        return client.post("/api/terminal/tag", new NewTag(terminalId, name, code), Added.class).terminalTagId();
    }

    /** PUT {@code /api/terminal/tag}: replaces a tag's name, code and active flag. */
    public void update(UUID terminalTagId, String name, String code, boolean isActive) {
        Objects.requireNonNull(terminalTagId, "terminalTagId");
        client.put("/api/terminal/tag", new Change(terminalTagId, name, code, isActive), Void.class);
    }

    /** DELETE {@code /api/terminal/tag}: removes a tag. */
    public void delete(UUID terminalTagId) {
        Objects.requireNonNull(terminalTagId, "terminalTagId");
        client.delete("/api/terminal/tag", new TagBody(terminalTagId), Void.class);
    }
}
