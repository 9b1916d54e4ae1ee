package io.kasa.server.terminal;

import io.kasa.client.ClientMessages;
import io.kasa.client.CreatedMerchant;
import io.kasa.client.KasaAdminClient;
import io.kasa.client.KasaClient;
import io.kasa.client.PairAsyncRequest;
import io.kasa.client.PairAsyncRequestStatus;
import io.kasa.client.PairAsyncStatus;
import io.kasa.client.PairRequest;
import io.kasa.client.PairRequestStatus;
import io.kasa.client.PairStatus;
import io.kasa.client.SaleResult;
import io.kasa.client.Terminal;
import io.kasa.client.TerminalRef;
import io.kasa.client.TerminalRegistration;
import io.kasa.server.Devices;
import io.kasa.server.KasaServerIT;
import io.kasa.server.MutableClock;
import io.kasa.server.Seeds;
import io.kasa.terminal.AwaitingConfirmation;
import io.kasa.terminal.Behaviour;
import io.kasa.terminal.DeviceStore;
import io.kasa.terminal.PairResult;
import io.kasa.terminal.PairingException;
import io.kasa.terminal.TerminalAgent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import static io.kasa.server.Refused.refused;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Async pairing (Paywall's two-step pairing) end to end, with the terminal agent as the device:
 * the device claims the code and waits, the merchant sees which device and confirms, and only
 * then is the terminal paired and its device served orders. On a server of its own whose clock
 * the test moves forward, so expiry needs no waiting.
 */
@Import(MutableClock.InServer.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "server.address=127.0.0.1",
        "kasa.admin-token=" + KasaServerIT.ADMIN_TOKEN,
        "kasa.demo.enabled=false"
})
class AsyncPairingIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration WAIT = Duration.ofSeconds(30);

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) throws IOException {
        String dir = Files.createTempDirectory("kasa-async-pairing-").toString();
        registry.add("kasa.data-dir", () -> dir);
    }

    @LocalServerPort
    int port;
    @Autowired
    MutableClock clock;

    URI baseUri;
    CreatedMerchant created;
    KasaClient merchant;
    private final List<TerminalAgent> agents = new ArrayList<>();

    @BeforeEach
    void merchant() {
        baseUri = URI.create("http://127.0.0.1:" + port);
        created = KasaAdminClient.create(baseUri, KasaServerIT.ADMIN_TOKEN).createMerchant("async pairing");
        merchant = client(created);
    }

    @AfterEach
    void stopAgents() {
        agents.forEach(TerminalAgent::close);
    }

    /**
     * The notes' sample body with a tag code; confirm before the device entered the code is
     * refused; the device waits, visible with its serial number and model; after the merchant's
     * confirmation it is paired, connects and receives orders; a second confirm is refused.
     */
    @Test
    void theDeviceClaimsTheCodeAndIsPairedOnlyWhenTheMerchantConfirms() throws Exception {
        UUID terminalId = merchant.terminals().register(TerminalRegistration.of("Dükkan 1", "SN-ASYNC").withTagCode("dükkan_1"));
        JsonNode issued = send("POST", "/api/pair/async/request", "{\"TerminalTagCode\": \"dükkan_1\"}");
        assertThat(issued.propertyNames()).containsExactlyInAnyOrder(
                "Result", "ErrorCode", "Succeeded", "Failed", "Message", "ClientMessage");
        assertThat(issued.get("Result").propertyNames()).containsExactlyInAnyOrder("PairAsyncRequestId", "PairCode");
        UUID requestId = UUID.fromString(issued.get("Result").get("PairAsyncRequestId").asString());
        String code = issued.get("Result").get("PairCode").asString();
        assertThat(code).matches("[0-9]{6}");

        refused(ClientMessages.PAIR_ASYNC_CONFIRM_NOT_COMPLETED, () -> merchant.asyncPairing().confirm(requestId));
        assertThat(merchant.asyncPairing().status(requestId).status()).isEqualTo(PairAsyncStatus.PENDING);

        TerminalAgent agent = agent("SN-CLAIMER");
        CountDownLatch told = new CountDownLatch(1);
        CompletableFuture<PairResult> pairing = pairInBackground(agent, code, waiting -> {
            assertThat(waiting.terminalId()).isEqualTo(terminalId.toString());
            told.countDown();
        });
        assertThat(told.await(WAIT.toSeconds(), TimeUnit.SECONDS)).as("the agent says it waits").isTrue();

        PairAsyncRequestStatus claimed = merchant.asyncPairing().status(requestId);
        assertThat(claimed.status()).isEqualTo(PairAsyncStatus.WAITING_FOR_CONFIRMATION);
        assertThat(claimed.serialNo()).isEqualTo("SN-CLAIMER");
        assertThat(claimed.model()).isEqualTo("kasa-agent");
        assertThat(claimed.appVersion()).isEqualTo("test");
        assertThat(claimed.claimedDate()).isNotNull();
        assertThat(claimed.terminalPairId()).isNull();
        assertThat(terminal(terminalId).isPaired()).isFalse();
        assertThat(pairing).isNotDone();

        UUID terminalPairId = merchant.asyncPairing().confirm(requestId);

        PairResult result = pairing.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(result.terminalPairId()).isEqualTo(terminalPairId.toString());
        assertThat(result.terminalId()).isEqualTo(terminalId.toString());
        assertThat(terminal(terminalId).isPaired()).isTrue();
        PairAsyncRequestStatus completed = merchant.asyncPairing().status(requestId);
        assertThat(completed.status()).isEqualTo(PairAsyncStatus.COMPLETED);
        assertThat(completed.terminalPairId()).isEqualTo(terminalPairId);

        agent.behave(Behaviour.approve());
        agent.start();
        assertThat(agent.awaitConnected(WAIT)).as("the confirmed device connects").isTrue();
        SaleResult sale = merchant.payments().syncSaleJson(Seeds.syncSale(terminalId, UUID.randomUUID().toString()));
        assertThat(sale.paymentStatus()).isEqualTo(4);

        refused(ClientMessages.PAIR_ASYNC_ALREADY_PAIRED, () -> merchant.asyncPairing().confirm(requestId));
        refused(ClientMessages.PAIR_ASYNC_ALREADY_PAIRED, () -> merchant.asyncPairing().delete(requestId));
    }

    /** A claim the merchant does not confirm in time expires: the confirm is refused and the device told. */
    @Test
    void aConfirmAfterExpiryIsRefusedAndTheWaitingDeviceLearnsIt() throws Exception {
        UUID terminalId = Devices.register(merchant, "Till");
        PairAsyncRequest unclaimed = merchant.asyncPairing().request(TerminalRef.id(terminalId));
        PairAsyncRequest request = merchant.asyncPairing().request(TerminalRef.id(terminalId));
        TerminalAgent agent = agent("SN-LATE");
        CountDownLatch told = new CountDownLatch(1);
        CompletableFuture<PairResult> pairing = pairInBackground(agent, request.pairCode(), waiting -> told.countDown());
        assertThat(told.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();

        clock.advance(Duration.ofMinutes(10).plusSeconds(1));

        refused(ClientMessages.PAIR_ASYNC_CONFIRM_FAILED, () -> merchant.asyncPairing().confirm(request.pairAsyncRequestId()));
        assertThat(merchant.asyncPairing().status(request.pairAsyncRequestId()).status()).isEqualTo(PairAsyncStatus.EXPIRED);
        assertThat(refusalOf(pairing).clientMessage()).isEqualTo(ClientMessages.PAIR_ASYNC_CODE_EXPIRED);
        assertThat(terminal(terminalId).isPaired()).isFalse();
        // The first request was replaced by the second, before either expired.
        refused(ClientMessages.PAIR_ASYNC_CONFIRM_FAILED,
                () -> merchant.asyncPairing().confirm(unclaimed.pairAsyncRequestId()));

        PairAsyncRequest neverClaimed = merchant.asyncPairing().request(TerminalRef.id(terminalId));
        clock.advance(Duration.ofMinutes(10).plusSeconds(1));
        refused(ClientMessages.PAIR_ASYNC_CONFIRM_FAILED,
                () -> merchant.asyncPairing().confirm(neverClaimed.pairAsyncRequestId()));
        PairingException late = catchPairing(() -> agent("SN-TOO-LATE").pair(neverClaimed.pairCode()));
        assertThat(late.clientMessage()).isEqualTo(ClientMessages.PAIR_SYNC_CODE_INVALID);
    }

    /** A deleted request cannot be confirmed, its code stops working, and a claiming device is told. */
    @Test
    void aDeletedRequestCannotBeConfirmed() throws Exception {
        UUID terminalId = Devices.register(merchant, "Till");
        PairAsyncRequest request = merchant.asyncPairing().request(TerminalRef.id(terminalId));
        TerminalAgent agent = agent("SN-DELETED");
        CountDownLatch told = new CountDownLatch(1);
        CompletableFuture<PairResult> pairing = pairInBackground(agent, request.pairCode(), waiting -> told.countDown());
        assertThat(told.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();

        JsonNode deleted = send("DELETE", "/api/pair/async/request/delete",
                "{\"PairAsyncRequestId\": \"" + request.pairAsyncRequestId() + "\"}");
        assertThat(deleted.get("Result").propertyNames()).containsExactly("PairRequestId");
        assertThat(deleted.get("Result").get("PairRequestId").asString()).isEqualTo(request.pairAsyncRequestId().toString());

        refused(ClientMessages.PAIR_ASYNC_CONFIRM_FAILED, () -> merchant.asyncPairing().confirm(request.pairAsyncRequestId()));
        refused(ClientMessages.PAIR_ASYNC_REQUEST_NOT_PENDING, () -> merchant.asyncPairing().delete(request.pairAsyncRequestId()));
        assertThat(merchant.asyncPairing().status(request.pairAsyncRequestId()).status()).isEqualTo(PairAsyncStatus.CANCELLED);
        assertThat(refusalOf(pairing).clientMessage()).isEqualTo(ClientMessages.PAIR_ASYNC_REQUEST_NOT_PENDING);
        assertThat(terminal(terminalId).isPaired()).isFalse();

        PairAsyncRequest unclaimed = merchant.asyncPairing().request(TerminalRef.id(terminalId));
        assertThat(merchant.asyncPairing().delete(unclaimed.pairAsyncRequestId())).isEqualTo(unclaimed.pairAsyncRequestId());
        assertThat(catchPairing(() -> agent("SN-AFTER-DELETE").pair(unclaimed.pairCode())).clientMessage())
                .isEqualTo(ClientMessages.PAIR_SYNC_CODE_INVALID);
    }

    /** Two devices enter the same code at once: exactly one claims it, and it is the one the merchant confirms. */
    @Test
    void aSecondDeviceRacingForTheSameCodeLoses() throws Exception {
        UUID terminalId = Devices.register(merchant, "Till");
        PairAsyncRequest request = merchant.asyncPairing().request(TerminalRef.id(terminalId));
        TerminalAgent first = agent("SN-RACE-1");
        TerminalAgent second = agent("SN-RACE-2");
        CountDownLatch told = new CountDownLatch(1);
        List<String> waitingSerials = new CopyOnWriteArrayList<>();
        CompletableFuture<PairResult> one = pairInBackground(first, request.pairCode(), waiting -> {
            waitingSerials.add("SN-RACE-1");
            told.countDown();
        });
        CompletableFuture<PairResult> two = pairInBackground(second, request.pairCode(), waiting -> {
            waitingSerials.add("SN-RACE-2");
            told.countDown();
        });
        assertThat(told.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        CompletableFuture<PairResult> loser = await().atMost(WAIT).until(
                () -> one.isDone() ? one : two.isDone() ? two : null, future -> future != null);
        assertThat(refusalOf(loser).clientMessage()).isEqualTo(ClientMessages.PAIR_SYNC_CODE_INVALID);
        assertThat(waitingSerials).hasSize(1);
        String winner = waitingSerials.getFirst();
        assertThat(merchant.asyncPairing().status(request.pairAsyncRequestId()).serialNo()).isEqualTo(winner);

        UUID terminalPairId = merchant.asyncPairing().confirm(request.pairAsyncRequestId());
        CompletableFuture<PairResult> won = loser == one ? two : one;
        assertThat(won.get(WAIT.toSeconds(), TimeUnit.SECONDS).terminalPairId()).isEqualTo(terminalPairId.toString());
    }

    /** Sync and async requests share the terminal's one open request: the newer replaces the older, either way. */
    @Test
    void syncAndAsyncRequestsForOneTerminalReplaceEachOther() throws Exception {
        UUID terminalId = Devices.register(merchant, "Till");

        PairRequest sync = merchant.pairing().request(TerminalRef.id(terminalId));
        PairAsyncRequest async = merchant.asyncPairing().request(TerminalRef.id(terminalId));
        assertThat(async.pairCode()).isNotEqualTo(sync.pairCode());
        assertThat(merchant.pairing().status(sync.pairRequestId()).status()).isEqualTo(PairStatus.CANCELLED);
        assertThat(catchPairing(() -> agent("SN-SYNC-OLD").pair(sync.pairCode())).clientMessage())
                .isEqualTo(ClientMessages.PAIR_SYNC_CODE_INVALID);

        TerminalAgent claimer = agent("SN-ASYNC-OLD");
        CountDownLatch told = new CountDownLatch(1);
        CompletableFuture<PairResult> claim = pairInBackground(claimer, async.pairCode(), waiting -> told.countDown());
        assertThat(told.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();

        PairRequest newer = merchant.pairing().request(TerminalRef.id(terminalId));
        assertThat(merchant.asyncPairing().status(async.pairAsyncRequestId()).status()).isEqualTo(PairAsyncStatus.CANCELLED);
        refused(ClientMessages.PAIR_ASYNC_CONFIRM_FAILED, () -> merchant.asyncPairing().confirm(async.pairAsyncRequestId()));
        assertThat(refusalOf(claim).clientMessage()).isEqualTo(ClientMessages.PAIR_ASYNC_REQUEST_NOT_PENDING);

        PairResult paired = agent("SN-SYNC-NEW").pair(newer.pairCode());
        PairRequestStatus done = merchant.pairing().status(newer.pairRequestId());
        assertThat(done.status()).isEqualTo(PairStatus.COMPLETED);
        assertThat(done.terminalPairId().toString()).isEqualTo(paired.terminalPairId());
        // The two kinds of request do not answer for each other's ids.
        refused(ClientMessages.PAIR_ASYNC_REQUEST_NOT_FOUND, () -> merchant.asyncPairing().status(newer.pairRequestId()));
        refused(ClientMessages.PAIR_SYNC_REQUEST_NOT_FOUND, () -> merchant.pairing().status(async.pairAsyncRequestId()));
    }

    /** Async unpair takes the tag code, as the notes show, and the terminal id, as sync unpair does. */
    @Test
    void unpairEndsTheConfirmedPairingByTagCodeOrTerminalId() throws Exception {
        UUID terminalId = merchant.terminals().register(TerminalRegistration.of("Kasa 2", "SN-UNPAIR").withTagCode("kasa_2"));
        TerminalAgent agent = confirmed(terminalId, "SN-UNPAIRED");
        agent.start();
        assertThat(agent.awaitConnected(WAIT)).isTrue();

        JsonNode unpaired = send("DELETE", "/api/pair/async/unpair", "{\"TerminalTagCode\": \"kasa_2\"}");
        assertThat(unpaired.get("Result").propertyNames()).containsExactly("TerminalPairId");
        assertThat(agent.awaitState(TerminalAgent.State.UNPAIRED, WAIT)).as("the device is cut off").isTrue();
        refused(ClientMessages.TERMINAL_PAIR_NOT_FOUND, () -> merchant.asyncPairing().unpair(TerminalRef.tag("kasa_2")));

        confirmed(terminalId, "SN-AGAIN");
        assertThat(merchant.asyncPairing().unpair(TerminalRef.id(terminalId))).isNotNull();
        assertThat(terminal(terminalId).isPaired()).isFalse();
    }

    /** Another merchant's request behaves as an unknown one; bad input names its field. */
    @Test
    void anotherMerchantsRequestIsUnknownAndBadInputIsRefused() throws Exception {
        UUID terminalId = Devices.register(merchant, "Till");
        PairAsyncRequest request = merchant.asyncPairing().request(TerminalRef.id(terminalId));
        KasaClient other = client(KasaAdminClient.create(baseUri, KasaServerIT.ADMIN_TOKEN).createMerchant("other"));

        refused(ClientMessages.PAIR_ASYNC_REQUEST_NOT_FOUND, () -> other.asyncPairing().status(request.pairAsyncRequestId()));
        refused(ClientMessages.PAIR_ASYNC_REQUEST_NOT_FOUND, () -> other.asyncPairing().confirm(request.pairAsyncRequestId()));
        refused(ClientMessages.PAIR_ASYNC_REQUEST_NOT_FOUND, () -> other.asyncPairing().delete(request.pairAsyncRequestId()));
        refused(ClientMessages.TERMINAL_NOT_FOUND, () -> other.asyncPairing().request(TerminalRef.id(terminalId)));
        refused(ClientMessages.PAIR_ASYNC_REQUEST_NOT_FOUND, () -> merchant.asyncPairing().confirm(UUID.randomUUID()));
        assertThat(merchant.asyncPairing().status(request.pairAsyncRequestId()).status()).isEqualTo(PairAsyncStatus.PENDING);

        for (String body : List.of("{}", "{\"PairAsyncRequestId\": \"not-a-guid\"}", "{\"PairAsyncRequestId\": null}")) {
            HttpResponse<String> response = raw("PUT", "/api/pair/async/confirm", body);
            assertThat(response.statusCode()).as(body).isEqualTo(400);
            JsonNode envelope = JSON.readTree(response.body());
            assertThat(envelope.get("ClientMessage").asString()).isEqualTo(ClientMessages.SYSTEM_VALIDATION_ERROR);
            assertThat(envelope.get("Message").asString()).as(body).contains("PairAsyncRequestId");
        }
        HttpResponse<String> both = raw("POST", "/api/pair/async/request",
                "{\"TerminalId\": \"" + terminalId + "\", \"TerminalTagCode\": \"x\"}");
        assertThat(both.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(both.body()).get("Message").asString()).contains("TerminalId").contains("TerminalTagCode");
        // Input is case-insensitive, as everywhere.
        JsonNode lower = send("PUT", "/api/pair/async/confirm", "{\"pairasyncrequestid\": \"" + request.pairAsyncRequestId() + "\"}",
                409);
        assertThat(lower.get("ClientMessage").asString()).isEqualTo(ClientMessages.PAIR_ASYNC_CONFIRM_NOT_COMPLETED);

        HttpResponse<String> unknownClaim = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        baseUri.resolve("/api/device/pair/status"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"DeviceToken\": \"kdt_unknown\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(unknownClaim.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(unknownClaim.body()).get("ClientMessage").asString())
                .isEqualTo(ClientMessages.PAIR_ASYNC_REQUEST_NOT_FOUND);
    }

    /** The command-line agent says that it waits for the confirmation, and stores the pairing once confirmed. */
    @Test
    void theCommandLineAgentSaysItWaitsForTheConfirmation() throws Exception {
        UUID terminalId = Devices.register(merchant, "Till");
        PairAsyncRequest request = merchant.asyncPairing().request(TerminalRef.id(terminalId));
        Path store = Files.createTempDirectory("kasa-terminal-async-");
        Path jar = Path.of("..", "kasa-terminal", "target", "kasa-terminal-0.1.0.jar").toAbsolutePath().normalize();
        assertThat(jar).exists();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path output = Files.createTempFile("kasa-terminal-async-", ".log");

        Process pair = new ProcessBuilder(java, "-jar", jar.toString(), "pair", "--server", baseUri.toString(),
                "--code", request.pairCode(), "--store", store.toString(), "--serial", "SN-CLI")
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        try {
            await().atMost(WAIT).until(() -> Files.readString(output, StandardCharsets.UTF_8)
                    .contains("Waiting for the merchant to confirm"));
            assertThat(pair.isAlive()).isTrue();
            assertThat(store.resolve("device.json")).doesNotExist();
            assertThat(merchant.asyncPairing().status(request.pairAsyncRequestId()).serialNo()).isEqualTo("SN-CLI");

            UUID terminalPairId = merchant.asyncPairing().confirm(request.pairAsyncRequestId());

            assertThat(pair.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
            String printed = Files.readString(output, StandardCharsets.UTF_8);
            assertThat(pair.exitValue()).as(printed).isZero();
            assertThat(printed).contains(terminalPairId.toString());
            assertThat(store.resolve("device.json")).exists();
        } finally {
            pair.destroy();
        }
    }

    private TerminalAgent confirmed(UUID terminalId, String serialNo) throws Exception {
        PairAsyncRequest request = merchant.asyncPairing().request(TerminalRef.id(terminalId));
        TerminalAgent agent = agent(serialNo);
        CompletableFuture<PairResult> pairing = pairInBackground(agent, request.pairCode(), waiting -> { });
        await().atMost(WAIT).until(() -> merchant.asyncPairing().status(request.pairAsyncRequestId()).status(),
                status -> status == PairAsyncStatus.WAITING_FOR_CONFIRMATION);
        merchant.asyncPairing().confirm(request.pairAsyncRequestId());
        pairing.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        return agent;
    }

    private TerminalAgent agent(String serialNo) {
        TerminalAgent agent = TerminalAgent.builder()
                .server(baseUri)
                .store(DeviceStore.inMemory())
                .serialNo(serialNo)
                .model("kasa-agent")
                .appVersion("test")
                .backoff(Duration.ofMillis(50), Duration.ofMillis(500))
                .confirmPollInterval(Duration.ofMillis(100))
                .build();
        agents.add(agent);
        return agent;
    }

    private static CompletableFuture<PairResult> pairInBackground(TerminalAgent agent, String code,
                                                                  Consumer<AwaitingConfirmation> waiting) {
        CompletableFuture<PairResult> result = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try {
                result.complete(agent.pair(code, waiting));
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }

    private static PairingException refusalOf(CompletableFuture<PairResult> pairing) throws Exception {
        try {
            PairResult result = pairing.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            throw new AssertionError("paired, though refused was expected: " + result);
        } catch (ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(PairingException.class);
            return (PairingException) e.getCause();
        }
    }

    private interface PairCall {
        PairResult call() throws Exception;
    }

    private static PairingException catchPairing(PairCall call) throws Exception {
        try {
            throw new AssertionError("paired, though refused was expected: " + call.call());
        } catch (PairingException e) {
            return e;
        }
    }

    private Terminal terminal(UUID terminalId) {
        return merchant.terminals().list(0, 100).items().stream()
                .filter(terminal -> terminal.id().equals(terminalId)).findFirst().orElseThrow();
    }

    private KasaClient client(CreatedMerchant merchant) {
        return KasaClient.builder().baseUri(baseUri).privateKeys(merchant.privateKey()).publicKeys(merchant.publicKey())
                .locale("en").build();
    }

    private JsonNode send(String method, String path, String body) throws Exception {
        return send(method, path, body, 200);
    }

    private JsonNode send(String method, String path, String body, int status) throws Exception {
        HttpResponse<String> response = raw(method, path, body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return JSON.readTree(response.body());
    }

    private HttpResponse<String> raw(String method, String path, String body) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(baseUri.resolve(path))
                        .header("apiclientprivate", created.privateKey().client())
                        .header("apikeyprivate", created.privateKey().secret())
                        .header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
