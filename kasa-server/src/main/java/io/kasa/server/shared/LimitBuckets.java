package io.kasa.server.shared;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.distributed.BucketProxy;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.distributed.proxy.BucketNotFoundException;
import io.github.bucket4j.distributed.proxy.optimization.DelayParameters;
import io.github.bucket4j.distributed.proxy.optimization.NopeOptimizationListener;
import io.github.bucket4j.distributed.proxy.optimization.delay.DelayOptimization;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import io.github.bucket4j.postgresql.PostgreSQLSelectForUpdateBasedProxyManager;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
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
 * row is deleted ten minutes after its bucket is full again, which changes nothing: a new
 * bucket starts full.
 */
@Component
public class LimitBuckets {

    /** How long a row outlives the moment its bucket is full again. */
    private static final Duration KEPT_WHEN_FULL = Duration.ofMinutes(10);
    private static final int SWEEP_BATCH = 1_000;
    private static final int SWEEP_BATCHES = 20;

    private final PostgreSQLSelectForUpdateBasedProxyManager<String> store;
    private final TimeMeter clock;
    private final DatabaseOutage outage;

    public LimitBuckets(DataSource dataSource, BusinessTime time, DatabaseOutage outage) {
        this.clock = new BusinessClock(time);
        this.outage = outage;
        this.store = Bucket4jPostgreSQL.selectForUpdateBasedBuilder(rollbackOfClosedIsNothing(dataSource))
                .primaryKeyMapper(PrimaryKeyMapper.STRING)
                .table("limit_bucket")
                .clientClock(clock)
                .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(KEPT_WHEN_FULL))
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
    public Delayed delayed(String key, Supplier<BucketConfiguration> configuration, int syncTokens,
                           Duration syncInterval) {
        return new Delayed(key, configuration, syncTokens, syncInterval);
    }

    /** A bucket seen through a local view, see {@link #delayed}. */
    public final class Delayed {

        private final String key;
        private final Supplier<BucketConfiguration> configuration;
        private final DelayParameters parameters;
        private volatile BucketProxy view;

        private Delayed(String key, Supplier<BucketConfiguration> configuration, int syncTokens, Duration syncInterval) {
            this.key = key;
            this.configuration = configuration;
            this.parameters = new DelayParameters(syncTokens, syncInterval);
            this.view = newView();
        }

        /** Takes one token: the probe says whether it was there, and if not how long until it is. */
        public ConsumptionProbe take() {
            BucketProxy current = view;
            try {
                return current.tryConsumeAndReturnRemaining(1);
            } catch (RuntimeException e) {
                if (!isMissingBucket(e)) {
                    throw e;
                }
                // the row was swept while this view was idle: make it again, under a new view
                synchronized (this) {
                    if (view == current) {
                        view = newView();
                    }
                }
                return view.tryConsumeAndReturnRemaining(1);
            }
        }

        /**
         * Bucket4j merges concurrent requests to a bucket into one batch, and a batch that finds
         * no row fails as a whole instead of creating it; so the row is made before the first.
         */
        private BucketProxy newView() {
            exact(key, configuration).getAvailableTokens();
            // the local view refills on the same clock as the shared bucket
            DelayOptimization delaying = new DelayOptimization(parameters, NopeOptimizationListener.INSTANCE, clock);
            return store.builder().withOptimization(delaying).build(key, configuration);
        }
    }

    /** A bucket of {@code burst} tokens, starting full, that gains {@code perSecond} tokens a second. */
    public static BucketConfiguration perSecond(double perSecond, int burst) {
        Duration perToken = Duration.ofNanos(Math.max(1, Math.round(1e9 / perSecond)));
        return BucketConfiguration.builder()
                .addLimit(limit -> limit.capacity(burst).refillGreedy(1, perToken))
                .build();
    }

    /** A wait as a {@code Retry-After} can say it: whole seconds, rounded up, at least one. */
    public static Duration retryAfter(long nanos) {
        return Duration.ofSeconds(Math.max(1, (nanos + 999_999_999L) / 1_000_000_000L));
    }

    private static boolean isMissingBucket(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof BucketNotFoundException) {
                return true;
            }
        }
        return false;
    }

    /**
     * The pool's connections as Bucket4j gets them: rolling back a connection the pool has
     * already closed does nothing. Bucket4j rolls back after any failure and throws what the
     * rollback throws instead of the failure; the pool closes a connection as soon as it
     * breaks, so the rollback's "Connection is closed", which names no cause, replaced the
     * broken connection's own failure, which says the database cannot be reached
     * ({@link DatabaseOutage#isCause}), and a request limited during an outage was answered
     * 500 instead of 503. A closed connection has no transaction left to roll back.
     */
    static DataSource rollbackOfClosedIsNothing(DataSource pool) {
        return new DelegatingDataSource(pool) {
            @Override
            public Connection getConnection() throws SQLException {
                Connection connection = super.getConnection();
                return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
                        new Class<?>[]{Connection.class}, (proxy, method, arguments) -> {
                            if (method.getName().equals("rollback") && method.getParameterCount() == 0
                                    && connection.isClosed()) {
                                return null;
                            }
                            try {
                                return method.invoke(connection, arguments);
                            } catch (InvocationTargetException e) {
                                throw e.getCause();
                            }
                        });
            }
        };
    }

    /** Deletes the rows of buckets that have been full for a while, a bounded number per run. */
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
