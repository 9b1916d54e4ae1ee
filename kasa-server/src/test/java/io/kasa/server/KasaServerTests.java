package io.kasa.server;

import org.junit.jupiter.api.Test;

import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

class KasaServerTests {

    @Test
    void virtualThreadsGetAtLeastEightCarriersAndPlatformPollers() {
        Properties properties = new Properties();
        KasaServer.tuneVirtualThreads(properties, 2);
        assertThat(properties.getProperty("jdk.virtualThreadScheduler.parallelism")).isEqualTo("8");
        assertThat(properties.getProperty("jdk.pollerMode")).isEqualTo("1");

        Properties large = new Properties();
        KasaServer.tuneVirtualThreads(large, 32);
        assertThat(large.getProperty("jdk.virtualThreadScheduler.parallelism")).isEqualTo("32");
    }

    @Test
    void anOperatorsOwnSettingsWin() {
        Properties properties = new Properties();
        properties.setProperty("jdk.virtualThreadScheduler.parallelism", "3");
        properties.setProperty("jdk.pollerMode", "2");
        KasaServer.tuneVirtualThreads(properties, 2);
        assertThat(properties.getProperty("jdk.virtualThreadScheduler.parallelism")).isEqualTo("3");
        assertThat(properties.getProperty("jdk.pollerMode")).isEqualTo("2");
    }
}
