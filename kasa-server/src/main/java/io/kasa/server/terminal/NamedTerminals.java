package io.kasa.server.terminal;

import io.kasa.server.cluster.NodeCache;
import io.kasa.server.cluster.NodeCaches;
import io.kasa.server.shared.MerchantId;
import org.springframework.stereotype.Component;

import java.util.UUID;
import java.util.function.Function;

/**
 * The terminal each of a merchant's references names, kept on the node: every sale resolves
 * one. A terminal's id, merchant and connection never change, so only its tags' changes
 * forget the merchant's entries; a reference that names nothing is not kept. The kept
 * terminal's {@code lastSeenAt} is as old as the entry: read it fresh where it is shown.
 */
@Component
class NamedTerminals {

    record Name(UUID merchant, TerminalRef ref) {
    }

    private final NodeCache<Name, Terminal> named;

    NamedTerminals(NodeCaches caches) {
        this.named = caches.create("terminal-names", (name, terminal) -> name.merchant());
    }

    Terminal get(MerchantId merchant, TerminalRef ref, Function<Name, Terminal> read) {
        return named.get(new Name(merchant.value(), ref), read);
    }

    /** Forgets on every node what the merchant's references name, when the change commits. */
    void forget(MerchantId merchant) {
        named.forget(merchant.value());
    }
}
