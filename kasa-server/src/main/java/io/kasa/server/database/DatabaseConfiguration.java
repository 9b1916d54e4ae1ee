package io.kasa.server.database;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import javax.sql.DataSource;
import java.io.IOException;

/**
 * The data source: the configured PostgreSQL, or the embedded one. Flyway migrates it at
 * start through Spring Boot's own Flyway support.
 */
@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {

    @Bean(destroyMethod = "close")
    DatabaseLocation databaseLocation(DatabaseSettings settings, @Value("${kasa.data-dir:kasa-data}") String dataDir)
            throws IOException {
        return DatabaseLocation.of(settings, dataDir);
    }

    @Bean(destroyMethod = "close")
    HikariDataSource dataSource(DatabaseSettings settings, DatabaseLocation location) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("kasa");
        config.setMaximumPoolSize(settings.maxPoolSize());
        config.setJdbcUrl(location.url());
        config.setUsername(location.username());
        config.setPassword(location.password());
        return new HikariDataSource(config);
    }

    @Bean
    DirectConnections directConnections(DatabaseLocation location) {
        return new DirectConnections(location);
    }
}
