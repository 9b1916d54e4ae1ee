package io.kasa.server.cluster;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * The node's caches of what requests read on every call ({@link NodeCaches}).
 * {@code expireAfterWrite}: how long an entry is kept at most, the last safety net behind the
 * cluster's messages (more than zero, at most ten minutes). {@code maximumSize}: how many
 * entries each cache keeps at most.
 */
@ConfigurationProperties("kasa.cache")
public record CacheSettings(@DefaultValue("30s") Duration expireAfterWrite,
                            @DefaultValue("10000") long maximumSize) {

    static final Duration LONGEST = Duration.ofMinutes(10);

    public CacheSettings {
        if (expireAfterWrite.isNegative() || expireAfterWrite.isZero() || expireAfterWrite.compareTo(LONGEST) > 0) {
            throw new IllegalArgumentException("kasa.cache.expire-after-write must be more than zero and at most 10m");
        }
        if (maximumSize < 1) {
            throw new IllegalArgumentException("kasa.cache.maximum-size must be at least 1");
        }
    }
}
