package io.kasa.bench;

import io.kasa.client.CreatedMerchant;
import io.kasa.client.KasaAdminClient;
import io.kasa.client.KasaClient;
import io.kasa.client.PairRequest;
import io.kasa.client.TerminalRef;
import io.kasa.client.TerminalRegistration;
import io.kasa.terminal.Behaviour;
import io.kasa.terminal.DeviceOrder;
import io.kasa.terminal.DeviceStore;
import io.kasa.terminal.TerminalAgent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A merchant set up through the real APIs for one scenario: created with the admin API, its
 * terminals registered with its private keys, each paired by a pair code that an in-memory
 * {@link TerminalAgent} types in, as a cashier would. The agents share the agent library's
 * HTTP client and timer; the merchant's calls go through a client of their own.
 */
final class Shop implements AutoCloseable {

    /** How many terminals are registered and paired at once. */
    static final int SETUP_WIDTH = 32;

    private final URI baseUri;
    private final String name;
    private final KasaClient client;
    private final Consumer<DeviceOrder> onOrder;
    private final List<Till> tills = Collections.synchronizedList(new ArrayList<>());

    private Shop(URI baseUri, String name, KasaClient client, Consumer<DeviceOrder> onOrder) {
        this.baseUri = baseUri;
        this.name = name;
        this.client = client;
        this.onOrder = onOrder;
    }

    /**
     * A new merchant named {@code name}; its calls time out after {@code requestTimeout}, and
     * every agent it pairs tells {@code onOrder} about each order it receives.
     */
    static Shop open(URI baseUri, String adminToken, String name, Duration requestTimeout,
                     Consumer<DeviceOrder> onOrder) {
        CreatedMerchant merchant = KasaAdminClient.create(baseUri, adminToken).createMerchant(name);
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .executor(Executors.newVirtualThreadPerTaskExecutor())
                .build();
        KasaClient client = KasaClient.builder()
                .baseUri(baseUri)
                .privateKeys(merchant.privateKey())
                .requestTimeout(requestTimeout)
                .httpClient(http)
                .retryWhenBusy(false)   // a refusal is counted as one, not hidden in a latency
                .maxRetries(0)          // and so is a failure: each sale is sent once
                .build();
        return new Shop(baseUri, name, client, onOrder);
    }

    KasaClient client() {
        return client;
    }

    /** The paired terminals, in the order they were added. */
    List<Till> tills() {
        synchronized (tills) {
            return List.copyOf(tills);
        }
    }

    /**
     * Registers {@code count} terminals and pairs an agent with each; the agents are not
     * connected yet. Throws when any terminal could not be set up.
     */
    List<Till> pair(int count, Behaviour behaviour) {
        AtomicInteger next = new AtomicInteger(tills.size());
        List<Integer> slots = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            slots.add(i);
        }
        List<Till> added = Collections.synchronizedList(new ArrayList<>());
        List<RuntimeException> failures = Parallel.forEach(slots, SETUP_WIDTH, slot -> {
            int number = next.getAndIncrement();
            String serial = name + "-" + number;
            UUID terminalId = client.terminals().register(TerminalRegistration.of("Bench till " + number, serial));
            PairRequest request = client.pairing().request(TerminalRef.id(terminalId));
            TerminalAgent agent = TerminalAgent.builder()
                    .server(baseUri)
                    .store(DeviceStore.inMemory())
                    .serialNo(serial)
                    .model("kasa-bench")
                    .appVersion("bench")
                    .behaviour(behaviour)
                    .build()
                    .onOrder(onOrder);
            try {
                agent.pair(request.pairCode());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while pairing", e);
            }
            Till till = new Till(terminalId, agent);
            added.add(till);
            tills.add(till);
        });
        if (!failures.isEmpty()) {
            throw new IllegalStateException(failures.size() + " of " + count + " terminals could not be set up; first: "
                    + failures.getFirst().getMessage(), failures.getFirst());
        }
        return List.copyOf(added);
    }

    /**
     * Starts the agents, {@code width} connecting at a time, each given {@code timeout} to be
     * live; returns how many are connected at the end.
     */
    static int connect(List<Till> tills, int width, Duration timeout) {
        AtomicInteger connected = new AtomicInteger();
        Parallel.forEach(tills, width, till -> {
            till.agent().start();
            if (till.agent().awaitConnected(timeout)) {
                connected.incrementAndGet();
            }
        });
        return connected.get();
    }

    /** Pairs and connects {@code count} terminals; throws when any is not live within 30 s. */
    List<Till> open(int count, Behaviour behaviour) {
        List<Till> added = pair(count, behaviour);
        int connected = connect(added, SETUP_WIDTH, Duration.ofSeconds(30));
        if (connected < added.size()) {
            throw new IllegalStateException("only " + connected + " of " + added.size() + " terminals connected");
        }
        return added;
    }

    /** Stops every agent (clean close), many at a time. */
    @Override
    public void close() {
        Parallel.forEach(tills(), 256, till -> till.agent().stop());
    }
}
