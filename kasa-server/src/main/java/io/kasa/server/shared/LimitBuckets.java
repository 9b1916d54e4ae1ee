package io.kasa.server.shared;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.distributed.BucketProxy;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.distributed.proxy.optimization.DelayParameters;
import io.github.bucket4j.distributed.proxy.optimization.NopeOptimizationListener;
import io.github.bucket4j.distributed.proxy.optimization.delay.DelayOptimization;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import io.github.bucket4j.postgresql.PostgreSQLSelectForUpdateBasedProxyManager;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * Token buckets kept in PostgreSQL (table {@code limit_bucket}) through Bucket4j, so that a
 * limit holds for the whole cluster rather than per node. A bucket is named by its key, which
 * names the limit and its subject ({@code rate:merchant:<id>}, {@code pairing:source:<address>}).
 *
 * <p>An {@linkplain #exact exact} bucket reads and writes its row in one transaction per
 * operation ({@code select ... for update}), so concurrent nodes never overspend it. A
 * {@linkplain #delayed delayed} bucket keeps a local view and writes what it took to the row
 * once it has taken {@code syncTokens} tokens or {@code syncInterval} has passed since its last
 * write, whichever comes first: each node can spend at most {@code syncTokens} tokens that the
 * others do not see yet.
 *
 * <p>Buckets refill on the business clock, so a test that moves the clock refills them. A
 * row is deleted once its bucket would be full again, which changes nothing: a new bucket
 * starts full.
 */
@Component
public class LimitBuckets {

    private static final int SWEEP_BATCH = 1_000;
    private static final int SWEEP_BATCHES = 20;

    private final PostgreSQLSelectForUpdateBasedProxyManager<String> store;
    private final TimeMeter clock;
    private final DatabaseOutage outage;

    public LimitBuckets(DataSource dataSource, BusinessTime time, DatabaseOutage outage) {
        this.clock = new BusinessClock(time);
        this.outage = outage;
        this.store = Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource)
                .primaryKeyMapper(PrimaryKeyMapper.STRING)
                .table("limit_bucket")
                .clientClock(clock)
                .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ZERO))
                .build();
    }

    /** The bucket under {@code key}, every operation on it one transaction on its row. */
    public BucketProxy exact(String key, Supplier<BucketConfiguration> configuration) {
        return store.builder().build(key, configuration);
    }

    /**
     * The bucket under {@code key} seen through a local view that is written back after
     * {@code syncTokens} tokens or {@code syncInterval}. Keep the returned bucket and use it
     * again: the local view lives in it.
     */
    public BucketProxy delayed(String key, Supplier<BucketConfiguration> configuration, int syncTokens,
                               Duration syncInterval) {
        // the local view refills on the same clock as the shared bucket
        DelayOptimization delaying = new DelayOptimization(new DelayParameters(syncTokens, syncInterval),
                NopeOptimizationListener.INSTANCE, clock);
        return store.builder().withOptimization(delaying).build(key, configuration);
    }

    /** Deletes the rows of buckets that are full again, a bounded number per run. */
    @Scheduled(fixedDelayString = "${kasa.rate-limit.sweep-interval:60s}")
    void sweep() {
        outage.tolerate("sweeping limit buckets", () -> {
            for (int batch = 0; batch < SWEEP_BATCHES; batch++) {
                if (store.removeExpired(SWEEP_BATCH) < SWEEP_BATCH) {
                    return;
                }
            }
        });
    }

    /** Bucket4j's clock on the business clock, in wall-clock nanoseconds. */
    private record BusinessClock(BusinessTime time) implements TimeMeter {

        @Override
        public long currentTimeNanos() {
            Instant now = time.now();
            return now.getEpochSecond() * 1_000_000_000L + now.getNano();
        }

        @Override
        public boolean isWallClockBased() {
            return true;
        }
    }
}
