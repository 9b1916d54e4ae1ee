package io.kasa.server;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

import java.util.Properties;

@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class KasaServer {

    private static final String CARRIERS = "jdk.virtualThreadScheduler.parallelism";
    /** At least this many carrier threads run the virtual threads, whatever the core count. */
    private static final int MIN_CARRIERS = 8;
    private static final String POLLER_MODE = "jdk.pollerMode";
    /** The JDK's platform poller threads ("1", {@code SYSTEM_THREADS}), not its virtual ones. */
    private static final String PLATFORM_POLLERS = "1";

    public static void main(String[] args) {
        tuneVirtualThreads(System.getProperties(), Runtime.getRuntime().availableProcessors());
        SpringApplication.run(KasaServer.class, args);
    }

    /**
     * Settings of the JDK's virtual threads, made before the first virtual thread exists; an
     * operator's own {@code -D} setting of either wins.
     * <ul>
     * <li>Carriers: virtual threads that load classes from the executable jar block their
     * carrier while a jar lock is held by another virtual thread; with one carrier per core, a
     * 2-core node starting under load (terminals reconnecting, requests arriving) could
     * deadlock for good. More carriers than cores leave room for the lock holder to run.</li>
     * <li>Pollers: a virtual thread's blocking read (every database answer, every callback's
     * answer) is woken by a poller. The JDK's default on Linux runs its pollers as virtual
     * threads behind a master poller, so each wake-up passes through one more thread; platform
     * pollers unpark the reader directly. Measured on 2 cores: 25 % fewer context switches and
     * 12 % less server CPU a sale at 50 sales/s, no loss at 300/s (docs/benchmarks.md).</li>
     * </ul>
     */
    static void tuneVirtualThreads(Properties properties, int cores) {
        properties.putIfAbsent(CARRIERS, Integer.toString(Math.max(MIN_CARRIERS, cores)));
        properties.putIfAbsent(POLLER_MODE, PLATFORM_POLLERS);
    }
}
