package io.kasa.bench;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What every scenario of one run works with: the server under test and what watches it, the
 * callback receiver and the router that matches orders and callbacks to sales, the database
 * for the commit ceiling (null when not known), and the run's settings.
 *
 * @param runId       names the run's directory and makes merchant unique codes unique
 * @param baseUri     the server
 * @param adminToken  its admin token
 * @param probe       its CPU and heap
 * @param database    its PostgreSQL; null when measuring a server whose database was not given
 * @param inbox       the merchants' callback receiver
 * @param router      matches terminals' orders and callbacks to sales
 * @param costs       reads what the server and its database spent, for the costs per sale
 * @param warmup      unmeasured load before measuring, at the least
 * @param warmupMax   the longest warm-up: it goes on past {@code warmup} while the server's JIT
 *                    compiler is busy, up to this
 * @param warmupRate  the warm-up's full rate when it is higher than the scenario's: the JIT
 *                    compiler settles sooner the more often the code runs
 * @param bridge      unmeasured load at each window's rate between the quiet reading of the
 *                    database's counters and the window (see {@link SaleLoad#run})
 * @param drain       the longest wait for callbacks after the last send
 * @param ceilings    whether to measure the ceilings
 * @param tags        numbers the sale runs, see {@link #nextTag()}
 */
record Rig(String runId, URI baseUri, String adminToken, ServerProbe probe, JdbcTarget database, CostMeter costs,
           CallbackInbox inbox, SaleRouter router, Duration warmup, Duration warmupMax, double warmupRate, Duration bridge, Duration drain,
           boolean ceilings, AtomicInteger tags) {

    /** A new merchant for a scenario; its agents report their orders to the router. */
    Shop shop(String scenario, Duration requestTimeout) {
        return Shop.open(baseUri, adminToken, "bench-" + runId + "-" + scenario, requestTimeout, router::dispatched);
    }

    /** A tag no other sale run of this process has. */
    String nextTag() {
        return "r" + tags.incrementAndGet();
    }
}
