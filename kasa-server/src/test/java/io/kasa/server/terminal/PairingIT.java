package io.kasa.server.terminal;

import io.kasa.client.ClientMessages;
import io.kasa.client.KasaException;
import io.kasa.client.PairRequest;
import io.kasa.client.PairStatus;
import io.kasa.client.TerminalRef;
import io.kasa.client.TerminalRegistration;
import io.kasa.server.Devices;
import io.kasa.server.KasaServerIT;
import io.kasa.terminal.PairingException;
import io.kasa.terminal.TerminalAgent;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Sync pairing end to end: seed 000, the code's rules, and the device's side. */
class PairingIT extends KasaServerIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Seed 000's sample request, sent as the document gives it, comment line included. */
    @Test
    void seedSampleBodyIssuesASixDigitCodeForTheTaggedTerminal() throws Exception {
        var merchant = newMerchant("seed 000");
        UUID terminalId = merchant.client().terminals()
                .register(TerminalRegistration.of("Dükkan 1", "SN-SEED").withTagCode("dükkan_1"));
        String seedBody = """
                {
                // "TerminalId": "38e895c3-1a9a-4b73-8816-8557d1d031d6"
                "TerminalTagCode": "dükkan_1"
                }""";

        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(baseUri.resolve("/api/pair/sync/request"))
                        .header("apiclientprivate", merchant.created().privateKey().client())
                        .header("apikeyprivate", merchant.created().privateKey().secret())
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(seedBody)).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.propertyNames()).containsExactlyInAnyOrder(
                "Result", "ErrorCode", "Succeeded", "Failed", "Message", "ClientMessage");
        assertThat(body.get("Succeeded").asBoolean()).isTrue();
        assertThat(body.get("Failed").asBoolean()).isFalse();
        assertThat(body.get("ErrorCode").asInt()).isZero();
        JsonNode result = body.get("Result");
        assertThat(result.propertyNames()).containsExactlyInAnyOrder("PairRequestId", "TerminalId", "PairCode");
        assertThat(result.get("TerminalId").asString()).isEqualTo(terminalId.toString());
        assertThat(result.get("PairCode").asString()).matches("[0-9]{6}");
        assertThat(UUID.fromString(result.get("PairRequestId").asString())).isNotNull();
    }

    @Test
    void bothOrNeitherTerminalIdAndTagCodeAreRefused() {
        var merchant = newMerchant("one of two");
        UUID terminalId = merchant.client().terminals()
                .register(TerminalRegistration.of("Till", "SN-1").withTagCode("till"));

        assertThatThrownBy(() -> merchant.client().call("POST", "/api/pair/sync/request",
                Map.of("TerminalId", terminalId.toString(), "TerminalTagCode", "till"), JsonNode.class))
                .isInstanceOfSatisfying(KasaException.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(400);
                    assertThat(e.clientMessage()).isEqualTo(ClientMessages.SYSTEM_VALIDATION_ERROR);
                    assertThat(e.message()).contains("TerminalId").contains("TerminalTagCode");
                });
        assertThatThrownBy(() -> merchant.client().call("POST", "/api/pair/sync/request", Map.of(), JsonNode.class))
                .isInstanceOfSatisfying(KasaException.class, e -> assertThat(e.httpStatus()).isEqualTo(400));
        assertThatThrownBy(() -> merchant.client().call("POST", "/api/pair/sync/request",
                Map.of("TerminalId", "", "TerminalTagCode", " "), JsonNode.class))
                .isInstanceOfSatisfying(KasaException.class, e -> assertThat(e.httpStatus()).isEqualTo(400));
        assertThat(jdbc.sql("select count(*) from pair_request where terminal_id = :t").param("t", terminalId)
                .query(Long.class).single()).isZero();
    }

    @Test
    void unknownTerminalsAndTagsAreNotFound() {
        var merchant = newMerchant("unknown");
        assertThatThrownBy(() -> merchant.client().pairing().request(TerminalRef.id(UUID.randomUUID())))
                .isInstanceOfSatisfying(KasaException.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(404);
                    assertThat(e.clientMessage()).isEqualTo(ClientMessages.TERMINAL_NOT_FOUND);
                });
        assertThatThrownBy(() -> merchant.client().pairing().request(TerminalRef.tag("nope")))
                .isInstanceOfSatisfying(KasaException.class, e -> assertThat(e.httpStatus()).isEqualTo(404));
        assertThatThrownBy(() -> merchant.client().pairing().request(TerminalRef.tag("x".repeat(26))))
                .isInstanceOfSatisfying(KasaException.class, e -> assertThat(e.httpStatus()).isEqualTo(400));
    }

    @Test
    void aCodeIsSingleUse() throws Exception {
        var merchant = newMerchant("single use");
        UUID terminalId = Devices.register(merchant.client(), "Till");
        PairRequest request = merchant.client().pairing().request(TerminalRef.id(terminalId));

        TerminalAgent first = Devices.agent(baseUri);
        first.pair(request.pairCode());
        TerminalAgent second = Devices.agent(baseUri);

        assertThatThrownBy(() -> second.pair(request.pairCode()))
                .isInstanceOfSatisfying(PairingException.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(422);
                    assertThat(e.clientMessage()).isEqualTo("Pair.Sync.CodeInvalid");
                });
        var status = merchant.client().pairing().status(request.pairRequestId());
        assertThat(status.status()).isEqualTo(PairStatus.COMPLETED);
        assertThat(status.terminalPairId()).isNotNull();
        assertThat(status.completedDate()).isNotNull();
    }

    @Test
    void aNewerRequestReplacesThePendingOne() throws Exception {
        var merchant = newMerchant("replace");
        UUID terminalId = Devices.register(merchant.client(), "Till");
        PairRequest older = merchant.client().pairing().request(TerminalRef.id(terminalId));
        PairRequest newer = merchant.client().pairing().request(TerminalRef.id(terminalId));

        assertThat(merchant.client().pairing().status(older.pairRequestId()).status()).isEqualTo(PairStatus.CANCELLED);
        assertThat(merchant.client().pairing().status(newer.pairRequestId()).status()).isEqualTo(PairStatus.PENDING);
        assertThatThrownBy(() -> Devices.agent(baseUri).pair(older.pairCode()))
                .isInstanceOf(PairingException.class);
        assertThat(Devices.agent(baseUri).pair(newer.pairCode()).terminalId()).isEqualTo(terminalId.toString());
    }

    @Test
    void aCancelledRequestsCodeStopsWorking() {
        var merchant = newMerchant("cancel");
        UUID terminalId = Devices.register(merchant.client(), "Till");
        PairRequest request = merchant.client().pairing().request(TerminalRef.id(terminalId));

        merchant.client().pairing().cancel(request.pairRequestId());

        assertThat(merchant.client().pairing().status(request.pairRequestId()).status()).isEqualTo(PairStatus.CANCELLED);
        assertThatThrownBy(() -> Devices.agent(baseUri).pair(request.pairCode())).isInstanceOf(PairingException.class);
        assertThatThrownBy(() -> merchant.client().pairing().cancel(request.pairRequestId()))
                .isInstanceOfSatisfying(KasaException.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(409);
                    assertThat(e.clientMessage()).isEqualTo("Pair.Sync.RequestNotPending");
                });
        assertThatThrownBy(() -> merchant.client().pairing().cancel(UUID.randomUUID()))
                .isInstanceOfSatisfying(KasaException.class, e -> assertThat(e.httpStatus()).isEqualTo(404));
    }

    @Test
    void anotherMerchantsPairRequestIsUnknown() {
        var owner = newMerchant("owner");
        var stranger = newMerchant("stranger");
        UUID terminalId = Devices.register(owner.client(), "Till");
        PairRequest request = owner.client().pairing().request(TerminalRef.id(terminalId));

        assertThatThrownBy(() -> stranger.client().pairing().status(request.pairRequestId()))
                .isInstanceOfSatisfying(KasaException.class, e -> assertThat(e.httpStatus()).isEqualTo(404));
        assertThatThrownBy(() -> stranger.client().pairing().cancel(request.pairRequestId()))
                .isInstanceOfSatisfying(KasaException.class, e -> assertThat(e.httpStatus()).isEqualTo(404));
        assertThatThrownBy(() -> stranger.client().pairing().request(TerminalRef.id(terminalId)))
                .isInstanceOfSatisfying(KasaException.class, e -> assertThat(e.httpStatus()).isEqualTo(404));
        assertThat(owner.client().pairing().status(request.pairRequestId()).status()).isEqualTo(PairStatus.PENDING);
    }

    @Test
    void unpairNeedsAPairingAndAcceptsTheTagCode() throws Exception {
        var merchant = newMerchant("unpair");
        UUID terminalId = merchant.client().terminals()
                .register(TerminalRegistration.of("Till", "SN-U").withTagCode("kasa-1"));
        assertThatThrownBy(() -> merchant.client().pairing().unpair(TerminalRef.tag("kasa-1")))
                .isInstanceOfSatisfying(KasaException.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(404);
                    assertThat(e.clientMessage()).isEqualTo(ClientMessages.TERMINAL_PAIR_NOT_FOUND);
                });
        var paired = Devices.paired(baseUri, merchant.client(), terminalId);
        String pairingId = paired.store().load().orElseThrow().terminalPairId();

        UUID unpaired = merchant.client().pairing().unpair(TerminalRef.tag("kasa-1"));

        assertThat(unpaired.toString()).isEqualTo(pairingId);
    }

    @Test
    void theDevicePairEndpointValidatesItsInputAndNeedsNoMerchantKeys() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        for (String body : new String[]{
                "{\"PairCode\":\"12345\",\"SerialNo\":\"S\"}",
                "{\"PairCode\":\"1234567\",\"SerialNo\":\"S\"}",
                "{\"PairCode\":\"12a456\",\"SerialNo\":\"S\"}",
                "{\"PairCode\":\"123456\"}",
                "{\"PairCode\":\"123456\",\"SerialNo\":\"" + "s".repeat(51) + "\"}",
                "{\"PairCode\":\"123456\",\"SerialNo\":\"S\",\"Model\":\"" + "m".repeat(51) + "\"}",
                "{\"PairCode\":\"123456\",\"SerialNo\":\"S\",\"AppVersion\":\"" + "v".repeat(26) + "\"}",
                "[]", "not json"}) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(baseUri.resolve("/api/device/pair"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(body).isEqualTo(400);
            assertThat(JSON.readTree(response.body()).get("ClientMessage").asString()).isEqualTo("System.ValidationError");
        }
    }

    @Test
    void theCommandLineAgentPairsAndKeepsItsTokenInItsStore() throws Exception {
        var merchant = newMerchant("cli");
        UUID terminalId = Devices.register(merchant.client(), "Till");
        PairRequest request = merchant.client().pairing().request(TerminalRef.id(terminalId));
        Path store = Files.createTempDirectory("kasa-terminal-");
        Path jar = Path.of("..", "kasa-terminal", "target", "kasa-terminal-0.1.0.jar").toAbsolutePath().normalize();
        assertThat(jar).exists();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();

        Process pair = new ProcessBuilder(java, "-jar", jar.toString(), "pair", "--server", baseUri.toString(),
                "--code", request.pairCode(), "--store", store.toString()).redirectErrorStream(true).start();
        String output = new String(pair.getInputStream().readAllBytes());
        assertThat(pair.waitFor()).as(output).isZero();
        assertThat(output).contains(terminalId.toString());
        assertThat(store.resolve("device.json")).exists();

        Process run = new ProcessBuilder(java, "-jar", jar.toString(), "run", "--store", store.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            assertThat(Devices.eventually(Duration.ofSeconds(20), () -> merchant.client().terminals()
                    .connectivity(TerminalRef.id(terminalId)).isSocketConnected())).isTrue();
        } finally {
            run.destroy();
            run.waitFor();
        }
        assertThat(Devices.eventually(Duration.ofSeconds(5), () -> !merchant.client().terminals()
                .connectivity(TerminalRef.id(terminalId)).isSocketConnected())).isTrue();
    }

}
