package io.kasa.server;

import io.kasa.client.KasaClient;
import io.kasa.client.PairRequest;
import io.kasa.client.TerminalRef;
import io.kasa.client.TerminalRegistration;
import io.kasa.terminal.DeviceStore;
import io.kasa.terminal.TerminalAgent;

import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import java.util.function.BooleanSupplier;

/**
 * Fixtures for tests that act as a device: register a terminal, pair a terminal agent with
 * it through the real pair-code flow, and wait for conditions without fixed sleeps.
 */
public final class Devices {

    private Devices() {
    }

    public static UUID register(KasaClient client, String name) {
        return client.terminals().register(TerminalRegistration.of(name, "SN-" + UUID.randomUUID()));
    }

    public static TerminalAgent agent(URI baseUri) {
        return TerminalAgent.builder()
                .server(baseUri)
                .store(DeviceStore.inMemory())
                .serialNo("AGENT-" + UUID.randomUUID())
                .model("kasa-agent")
                .appVersion("test")
                .backoff(Duration.ofMillis(50), Duration.ofMillis(500))
                .build();
    }

    /** Pairs a new in-memory agent with the terminal through a fresh pair code. */
    public static TerminalAgent paired(URI baseUri, KasaClient client, UUID terminalId) {
        PairRequest request = client.pairing().request(TerminalRef.id(terminalId));
        TerminalAgent agent = agent(baseUri);
        try {
            agent.pair(request.pairCode());
        } catch (Exception e) {
            throw new AssertionError("pairing failed", e);
        }
        return agent;
    }

    /**
     * Pairs the terminal by hand, as a device of {@code serialNo} would, through a fresh pair
     * code; returns the device token, for a {@link RawDevice}.
     */
    public static String deviceToken(URI baseUri, KasaClient client, UUID terminalId, String serialNo)
            throws IOException, InterruptedException {
        PairRequest request = client.pairing().request(TerminalRef.id(terminalId));
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(baseUri.resolve("/api/device/pair"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"PairCode\":\"" + request.pairCode() + "\",\"SerialNo\":\"" + serialNo + "\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        return JsonMapper.builder().build().readTree(response.body()).get("Result").get("DeviceToken").asString();
    }

    /** Pairs and connects; fails the test if the agent is not live within 10 s. */
    public static TerminalAgent connected(URI baseUri, KasaClient client, UUID terminalId) {
        TerminalAgent agent = paired(baseUri, client, terminalId);
        agent.start();
        if (!agent.awaitConnected(Duration.ofSeconds(10))) {
            throw new AssertionError("agent did not connect: " + agent.state() + " " + agent.lastClose());
        }
        return agent;
    }

    /** Polls until the condition holds or the timeout passes; returns whether it held. */
    public static boolean eventually(Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (condition.getAsBoolean()) {
                return true;
            }
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }
}
