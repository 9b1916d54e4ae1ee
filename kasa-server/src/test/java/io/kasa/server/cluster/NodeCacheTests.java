package io.kasa.server.cluster;

import com.github.benmanes.caffeine.cache.Caffeine;
import org.junit.jupiter.api.Test;

import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a node keeps and forgets, without the cluster: {@link NodeCache#forgetHere} is what a
 * commit on this node and a message from another node both end in. The two-node paths are
 * tested in {@code ClusterIT}.
 */
class NodeCacheTests {

    private record Fact(UUID owner, String value) {
    }

    private final NodeCache<String, Fact> cache = new NodeCache<>("facts", Caffeine.newBuilder().<String, Fact>build(),
            (key, fact) -> fact.owner(), null);
    private final AtomicInteger loads = new AtomicInteger();
    private final UUID alice = UUID.randomUUID();
    private final UUID bob = UUID.randomUUID();

    private Fact load(UUID owner, String value) {
        loads.incrementAndGet();
        return new Fact(owner, value);
    }

    @Test
    void aKeptValueIsAnsweredWithoutLoadingAgain() {
        cache.get("a", key -> load(alice, "1"));

        assertThat(cache.get("a", key -> load(alice, "2")).value()).isEqualTo("1");
        assertThat(loads).hasValue(1);
    }

    @Test
    void forgettingAnOwnerDropsItsEntriesAndNoOthers() {
        cache.get("a1", key -> load(alice, "a1"));
        cache.get("a2", key -> load(alice, "a2"));
        cache.get("b", key -> load(bob, "b"));

        cache.forgetHere(alice);

        assertThat(cache.get("a1", key -> load(alice, "a1 changed")).value()).isEqualTo("a1 changed");
        assertThat(cache.get("a2", key -> load(alice, "a2 changed")).value()).isEqualTo("a2 changed");
        assertThat(cache.get("b", key -> load(bob, "b changed")).value()).isEqualTo("b");
    }

    @Test
    void aValueReadWhileAForgetHappenedIsAnsweredButNotKept() {
        Fact read = cache.get("a", key -> {
            Fact before = load(alice, "before the commit");
            cache.forgetHere(alice);
            return before;
        });

        assertThat(read.value()).isEqualTo("before the commit");
        assertThat(cache.get("a", key -> load(alice, "after the commit")).value()).isEqualTo("after the commit");
    }

    @Test
    void aLoadThatFindsNothingIsNotKept() {
        assertThat(cache.get("a", key -> null)).isNull();

        assertThat(cache.get("a", key -> load(alice, "issued since")).value()).isEqualTo("issued since");
    }

    @Test
    void clearingForgetsEveryOwner() {
        cache.get("a", key -> load(alice, "a"));
        cache.get("b", key -> load(bob, "b"));

        cache.clear();

        assertThat(cache.get("a", key -> load(alice, "a again")).value()).isEqualTo("a again");
        assertThat(cache.get("b", key -> load(bob, "b again")).value()).isEqualTo("b again");
    }
}
