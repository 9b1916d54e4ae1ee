package io.kasa.server.hostile;

import io.kasa.client.PaymentStatus;
import io.kasa.server.RawDevice;
import io.kasa.server.Seeds;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile input at every endpoint of the running server (SPEC §12: every malformed,
 * oversized, mistyped or hostile input answers an envelope with a 4xx status and changes
 * nothing). For each endpoint the handler mapping lists, a valid request of merchant A is
 * spoilt in one place at a time — credentials, path variables, headers, query parameters,
 * every field of the body at any depth, the body as a whole, its content type, the method,
 * the path — with values that are wrong whatever the field means. Every such request must be
 * refused in the envelope, and A's and B's data must not change at all. Then the same
 * requests of a third merchant get values that may or may not be valid (null, empty, zero,
 * control characters, emoji...), which need only be answered without a server error. The
 * server must be healthy afterwards and take a normal sale.
 *
 * <p>The same holds below the API: HTTP that is itself broken, written on raw sockets
 * ({@link RawRequests}), and frames on the device's live connection that break its protocol
 * ({@link DeviceFrames}).
 *
 * <p>Which hostile values each field gets, and the bytes of the random ones, are drawn from a
 * seed; {@code -Dkasa.fuzz.seed=<n>} replays a run, and other seeds explore further.
 */
class HostileInputIT extends WorldsIT {

    private static final long DEFAULT_SEED = 20_261_124L;
    private static final String DEVICE_SOURCE = "127.0.0.88";

    static LongStream seeds() {
        String seed = System.getProperty("kasa.fuzz.seed");
        return LongStream.of(seed == null || seed.isBlank() ? DEFAULT_SEED : Long.parseLong(seed.strip()));
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void everyEndpointRefusesHostileInputChangingNothingAndSurvivesOddInput(long seed) throws Exception {
        World a = world("Hostile A");
        World b = world("Hostile B");
        World c = world("Odd C");
        World.Session operator = operatorSession();
        ValidRequests validA = new ValidRequests(a, operator);
        ValidRequests validB = new ValidRequests(b, operator);
        ValidRequests validC = new ValidRequests(c, operator);
        List<Endpoint> endpoints = endpoints();
        Random random = new Random(seed);

        Probes spoilA = new Probes(validA, validB, endpoints, random);
        Map<Endpoint, Integer> perEndpoint = new LinkedHashMap<>();
        List<Probe> hostile = new ArrayList<>();
        for (Endpoint endpoint : endpoints) {
            List<Probe> probes = spoilA.hostile(endpoint);
            perEndpoint.put(endpoint, probes.size());
            hostile.addAll(probes);
        }
        Map<String, String> before = StateDigest.of(jdbc, List.of(a.merchantId(), b.merchantId()));

        Fuzzer fuzzer = new Fuzzer(baseUri, DEVICE_SOURCE);
        fuzzer.run(hostile);

        Map<String, String> after = StateDigest.of(jdbc, List.of(a.merchantId(), b.merchantId()));
        Probes spoilC = new Probes(validC, validB, endpoints, random);
        List<Probe> odd = new ArrayList<>();
        endpoints.forEach(endpoint -> odd.addAll(spoilC.odd(endpoint)));
        fuzzer.run(odd);

        String run = "seed " + seed + " (replay with -Dkasa.fuzz.seed=" + seed + "), " + fuzzer.sent()
                + " requests, statuses " + fuzzer.statuses();
        assertThat(perEndpoint).as("every endpoint is probed").allSatisfy((endpoint, count) ->
                assertThat(count).as(endpoint.key()).isGreaterThan(3));
        assertThat(fuzzer.problems()).as(run).withFailMessage(() -> report(run, fuzzer.problems())).isEmpty();
        assertThat(after).as("A's and B's data after the hostile requests; " + run).isEqualTo(before);
        assertServerStillWorks(a);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void deviceFramesThatBreakTheProtocolAreRefusedAndChangeNothing(long seed) throws Exception {
        World a = world("Frames A");
        URI live = URI.create("ws://127.0.0.1:" + port + "/api/device/live");
        RawDevice device = RawDevice.authenticated(live, a.deviceToken());
        var client = merchantClient(a);
        UUID sale = client.payments().asyncSaleJson(Seeds.asyncSale(a.spareTerminalId(), "frames-" + UUID.randomUUID()))
                .paymentRequestId();
        UUID order = UUID.fromString(device.next("order").get("orderId").asString());
        device.send("{\"type\":\"received\",\"orderId\":\"" + order + "\"}");
        awaitTrue("the device has the order", () -> client.payments().inquiry(sale).status() == PaymentStatus.SENT_TO_DEVICE);
        device.close();
        UUID othersOrder = jdbc.sql("select id from payment_order where payment_id = :id").param("id", a.paymentId())
                .query(UUID.class).single();
        Map<String, String> before = StateDigest.of(jdbc, List.of(a.merchantId()));

        DeviceFrames frames = new DeviceFrames(live, a.deviceToken());
        DeviceFrames.hostile(a.deviceToken(), order, othersOrder, new Random(seed)).forEach(frames::send);

        assertThat(frames.problems()).as("seed " + seed).withFailMessage(() -> report("seed " + seed, frames.problems()))
                .isEmpty();
        assertThat(StateDigest.of(jdbc, List.of(a.merchantId()))).as("A's data after the frames").isEqualTo(before);
        RawDevice back = RawDevice.authenticated(live, a.deviceToken());
        assertThat(back.next("order").get("orderId").asString()).isEqualTo(order.toString());
        back.send("{\"type\":\"taken\",\"orderId\":\"" + order + "\"}");
        assertThat(back.next("ack").get("of").asString()).isEqualTo("taken");
        back.send("{\"type\":\"outcome\",\"orderId\":\"" + order + "\",\"result\":\"approved\"}");
        assertThat(back.next("ack").get("of").asString()).isEqualTo("outcome");
        awaitTrue("the order ends as the device said", () -> client.payments().inquiry(sale).status() == PaymentStatus.SUCCESSFUL);
        back.close();
    }

    @Test
    void brokenHttpIsRefusedInTheEnvelopeAndLeavesTheServerAnswering() {
        MerchantFixture merchant = newMerchant("Raw HTTP");
        RawRequests requests = new RawRequests(port);

        RawRequests.hostile(merchant.created().privateKey().client(), merchant.created().privateKey().secret())
                .forEach(requests::send);

        assertThat(requests.problems()).withFailMessage(() -> report("raw requests", requests.problems())).isEmpty();
        assertThat(jdbc.sql("select count(*) from terminal where merchant_id = :id")
                .param("id", merchant.created().merchantId()).query(Long.class).single()).isZero();
        assertThat(http().get("/manage/health").send().status()).isEqualTo(200);
    }

    /** The first problems, one a line; a run that went wrong everywhere is summed up, not dumped. */
    static String report(String run, List<String> problems) {
        StringBuilder report = new StringBuilder(problems.size() + " problems; " + run);
        problems.stream().limit(80).forEach(problem -> report.append("\n  ").append(problem));
        if (problems.size() > 80) {
            report.append("\n  …");
        }
        return report.toString();
    }

    private void assertServerStillWorks(World world) {
        var health = http().get("/manage/health").send();
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().get("status").asString()).isEqualTo("UP");
        var client = merchantClient(world);
        UUID sale = client.payments().asyncSaleJson(Seeds.asyncSale(world.terminalId(), "after-" + UUID.randomUUID()))
                .paymentRequestId();
        awaitTrue("a normal sale still succeeds", () -> client.payments().inquiry(sale).status() == PaymentStatus.SUCCESSFUL);
    }
}
