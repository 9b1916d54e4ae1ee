package io.kasa.server.cluster;

import com.github.benmanes.caffeine.cache.Cache;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Facts read from the database, kept on this node for at most {@code kasa.cache.expire-after-write}
 * (made by {@link NodeCaches}). Every entry belongs to an owner (a merchant or a terminal); a
 * write that changes an owner's facts calls {@link #forget} in its transaction, so this node
 * forgets them when it commits and the other nodes when they hear of it.
 *
 * <p>A value loaded while a forget happened is returned but not kept: it may have been read
 * before the change committed. Loads run outside any lock, so a slow database never blocks
 * the readers of other entries.
 */
public final class NodeCache<K, V> {

    private final String name;
    private final Cache<K, V> entries;
    private final BiFunction<? super K, ? super V, UUID> owner;
    private final Cluster cluster;
    /** Counts forgets, so a load can tell whether one happened while it read; guarded by this. */
    private long forgets;

    NodeCache(String name, Cache<K, V> entries, BiFunction<? super K, ? super V, UUID> owner, Cluster cluster) {
        this.name = name;
        this.entries = entries;
        this.owner = owner;
        this.cluster = cluster;
    }

    /** The kept value for {@code key}, or what {@code load} reads; a null load is answered and not kept. */
    public V get(K key, Function<? super K, ? extends V> load) {
        V kept = entries.getIfPresent(key);
        if (kept != null) {
            return kept;
        }
        long before;
        synchronized (this) {
            before = forgets;
        }
        V loaded = load.apply(key);
        if (loaded != null) {
            synchronized (this) {
                if (forgets == before) {
                    entries.put(key, loaded);
                }
            }
        }
        return loaded;
    }

    /**
     * Forgets the owner's entries on every node. Inside a transaction this node forgets them
     * when it commits and the message goes out with the commit, so a rolled-back change
     * forgets nothing; outside one, at once. Call it after the write.
     */
    public void forget(UUID owner) {
        cluster.broadcast(NodeCaches.FORGET, name, owner);
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    forgetHere(owner);
                }
            });
        } else {
            forgetHere(owner);
        }
    }

    synchronized void forgetHere(UUID forgotten) {
        forgets++;
        entries.asMap().entrySet().removeIf(entry -> forgotten.equals(owner.apply(entry.getKey(), entry.getValue())));
    }

    synchronized void clear() {
        forgets++;
        entries.invalidateAll();
    }
}
