package io.kasa.server;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class KasaServer {

    private static final String CARRIERS = "jdk.virtualThreadScheduler.parallelism";
    /** At least this many carrier threads run the virtual threads, whatever the core count. */
    private static final int MIN_CARRIERS = 8;

    public static void main(String[] args) {
        ensureCarriers();
        SpringApplication.run(KasaServer.class, args);
    }

    /**
     * Virtual threads that load classes from the executable jar block their carrier while a
     * jar lock is held by another virtual thread; with one carrier per core, a 2-core node
     * starting under load (terminals reconnecting, requests arriving) could deadlock for good.
     * More carriers than cores leave room for the lock holder to run. Set before the first
     * virtual thread exists; an operator's own {@code -D} setting wins.
     */
    private static void ensureCarriers() {
        if (System.getProperty(CARRIERS) == null) {
            int carriers = Math.max(MIN_CARRIERS, Runtime.getRuntime().availableProcessors());
            System.setProperty(CARRIERS, Integer.toString(carriers));
        }
    }
}
