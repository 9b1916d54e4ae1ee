package io.kasa.server.cluster;

import com.github.benmanes.caffeine.cache.Caffeine;
import org.springframework.stereotype.Component;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;

/**
 * Makes the node's caches and keeps them true across the cluster: a change forgotten on one
 * node is forgotten on the others when their message arrives ({@link NodeCache#forget}), and
 * after a gap in listening, when messages may have been missed, every cache starts empty.
 */
@Component
public class NodeCaches {

    /** The message that tells the other nodes to forget an owner's entries: cache name, owner. */
    static final String FORGET = "forget";

    private final Cluster cluster;
    private final CacheSettings settings;
    private final Map<String, NodeCache<?, ?>> caches = new ConcurrentHashMap<>();

    NodeCaches(Cluster cluster, CacheSettings settings) {
        this.cluster = cluster;
        this.settings = settings;
        cluster.on(FORGET, message -> {
            NodeCache<?, ?> cache = caches.get(message.arg(0));
            if (cache != null) {
                cache.forgetHere(message.id(1));
            }
        });
        cluster.afterGap(since -> caches.values().forEach(NodeCache::clear));
    }

    /**
     * A new cache under a name unique on the node (it names the cache in cluster messages).
     * {@code owner} tells whose fact an entry is: the merchant or the terminal whose change
     * forgets it.
     */
    public <K, V> NodeCache<K, V> create(String name, BiFunction<? super K, ? super V, UUID> owner) {
        NodeCache<K, V> cache = new NodeCache<>(name, Caffeine.newBuilder()
                .expireAfterWrite(settings.expireAfterWrite())
                .maximumSize(settings.maximumSize())
                .build(), owner, cluster);
        if (caches.putIfAbsent(name, cache) != null) {
            throw new IllegalStateException("two node caches are named " + name);
        }
        return cache;
    }
}
