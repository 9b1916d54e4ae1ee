package io.kasa.server.database;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import io.kasa.server.shared.DatabaseOutage;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

import javax.sql.DataSource;
import java.io.IOException;
import java.sql.SQLException;

/**
 * The data source: the configured PostgreSQL, or the embedded one. Flyway migrates it at
 * start through Spring Boot's own Flyway support. The pool gives up opening a connection
 * after the configured timeout and checks idle connections before handing them out, so a
 * database that went away is noticed within that time ({@link PooledConnections}) and one
 * that came back is used again without a restart; transactions on a connection that broke
 * end without a rollback ({@link DatabaseTransactions}). Every connection, pooled or
 * direct, carries the connect, login and socket timeouts of {@link DatabaseSettings}, so a
 * database that stops answering is treated like one that stopped.
 */
@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {

    @Bean(destroyMethod = "close")
    DatabaseLocation databaseLocation(DatabaseSettings settings, @Value("${kasa.data-dir:kasa-data}") String dataDir)
            throws IOException {
        return DatabaseLocation.of(settings, dataDir);
    }

    @Bean(destroyMethod = "close")
    PooledConnections dataSource(DatabaseSettings settings, DatabaseLocation location) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("kasa");
        config.setMaximumPoolSize(settings.maxPoolSize());
        config.setConnectionTimeout(settings.connectionTimeout().toMillis());
        config.setValidationTimeout(settings.validationTimeout().toMillis());
        config.setJdbcUrl(location.url());
        config.setUsername(location.username());
        config.setPassword(location.password());
        config.setDataSourceProperties(settings.connectionProperties());
        config.setInitializationFailTimeout(1);
        return new PooledConnections(startPool(config, location, settings), settings.poolWait(), settings.maxQueue(),
                settings.maxQueueWait());
    }

    /**
     * The pool, having opened its first connection: one try, bounded by the connection
     * timeout (the driver's connect and login timeouts). A configured database that cannot be
     * used is refused here in the operator's terms ({@link DatabaseLocation#cannotConnect}),
     * so the server exits within seconds of its start, saying which setting to fix.
     */
    private static HikariDataSource startPool(HikariConfig config, DatabaseLocation location, DatabaseSettings settings) {
        try {
            return new HikariDataSource(config);
        } catch (HikariPool.PoolInitializationException failed) {
            if (location.embedded() == null) {
                for (Throwable cause = failed.getCause(); cause != null; cause = cause.getCause()) {
                    if (cause instanceof SQLException refused) {
                        throw location.cannotConnect(refused, settings.connectionTimeout());
                    }
                }
            }
            throw failed;
        }
    }

    @Bean
    DatabaseTransactions transactionManager(DataSource dataSource) {
        return new DatabaseTransactions(dataSource);
    }

    /** In place of Spring Boot's own, so every {@code JdbcClient} statement's text is made once. */
    @Bean
    NamedParameterJdbcTemplate namedParameterStatements(JdbcTemplate jdbc) {
        return new NamedParameterStatements(jdbc);
    }

    @Bean
    DatabaseOutage databaseOutage(DatabaseSettings settings) {
        return new DatabaseOutage(settings.retryAfter(), settings.connectionTimeout());
    }

    @Bean
    DirectConnections directConnections(DatabaseLocation location, DatabaseSettings settings) {
        return new DirectConnections(location, settings.connectionProperties());
    }

    @Bean
    EmbeddedDatabaseWatch embeddedDatabaseWatch(DatabaseLocation location, DatabaseSettings settings,
                                                ApplicationEventPublisher events) {
        return new EmbeddedDatabaseWatch(location.embedded(), settings.embeddedLostAfter(), events);
    }
}
