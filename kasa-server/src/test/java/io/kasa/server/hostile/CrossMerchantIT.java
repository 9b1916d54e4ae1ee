package io.kasa.server.hostile;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tenant isolation at every endpoint that takes an id (SPEC §3: another merchant's id
 * behaves exactly like an id that does not exist). For each merchant-scoped endpoint the
 * handler mapping lists, each place of merchant B's valid request that names a record —
 * terminal, tag, connection, payment, member, payout job, callback, pair request — is given
 * merchant A's id for it, and then an id nobody has. The two answers must be the same,
 * status and body, so B learns nothing of what A has; and neither A's nor B's data may
 * change.
 */
class CrossMerchantIT extends WorldsIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void anotherMerchantsIdsAnswerExactlyLikeIdsNobodyHas() throws Exception {
        World a = world("Owner A");
        World b = world("Prober B");
        World.Session operator = operatorSession();
        ValidRequests validA = new ValidRequests(a, operator);
        ValidRequests validB = new ValidRequests(b, operator);
        Probes asB = new Probes(validB, validA, endpoints(), new Random(1));
        Map<String, String> before = StateDigest.of(jdbc, List.of(a.merchantId(), b.merchantId()));

        Fuzzer fuzzer = new Fuzzer(baseUri, "127.0.0.89");
        List<String> probed = new ArrayList<>();
        for (Endpoint endpoint : endpoints()) {
            if (!endpoint.family().merchantScoped()) {
                continue;
            }
            for (Probes.IdSlot slot : asB.idSlots(endpoint)) {
                String theirs = Probes.value(validA, endpoint, slot);
                String nobodys = slot.name().endsWith("TagCode") ? "tag-" + UUID.randomUUID().toString().substring(0, 8)
                        : slot.integer() ? Long.toString(Long.MAX_VALUE - new Random().nextInt(1_000_000))
                        : UUID.randomUUID().toString();
                Optional<Fuzzer.Reply> foreign = fuzzer.exchange(asB.withId(endpoint, slot, theirs, "merchant A's"));
                Optional<Fuzzer.Reply> unknown = fuzzer.exchange(asB.withId(endpoint, slot, nobodys, "nobody's"));
                probed.add(endpoint + " " + slot);
                if (foreign.isPresent() && unknown.isPresent()) {
                    compare(fuzzer, endpoint + " " + slot, foreign.get(), unknown.get(), theirs, nobodys);
                }
            }
        }

        assertThat(probed).as("the places that take an id").hasSizeGreaterThan(30)
                .anyMatch(place -> place.contains("{paymentRequestId}"))
                .anyMatch(place -> place.contains("marketplace/jobs/{jobId}"))
                .anyMatch(place -> place.contains("header memberid"))
                .anyMatch(place -> place.contains("header paymentid"))
                .anyMatch(place -> place.contains("PUT /api/paywall/member field Id"))
                .anyMatch(place -> place.contains("field TerminalTagCode"));
        assertThat(fuzzer.problems()).withFailMessage(() -> HostileInputIT.report(probed.size() + " places", fuzzer.problems()))
                .isEmpty();
        assertThat(StateDigest.of(jdbc, List.of(a.merchantId(), b.merchantId()))).as("A's and B's data").isEqualTo(before);
    }

    /** The same status and the same body, once the id each request sent is set aside. */
    private static void compare(Fuzzer fuzzer, String place, Fuzzer.Reply foreign, Fuzzer.Reply unknown,
                                String theirs, String nobodys) {
        String what = place + ": A's id answered " + foreign.status() + " " + Probe.abbreviate(foreign.text())
                + ", nobody's " + unknown.status() + " " + Probe.abbreviate(unknown.text());
        if (foreign.status() >= 500 || unknown.status() >= 500) {
            fuzzer.problem(what + ": a server error");
        } else if (foreign.status() != unknown.status()) {
            fuzzer.problem(what + ": the statuses differ");
        } else if (!body(foreign, theirs).equals(body(unknown, nobodys))) {
            fuzzer.problem(what + ": the bodies differ");
        } else if (!foreign.text().equals(masked(foreign.text(), theirs))) {
            fuzzer.problem(what + ": the answer repeats A's id");
        }
    }

    private static JsonNode body(Fuzzer.Reply reply, String id) {
        return JSON.readTree(masked(reply.text(), id));
    }

    /**
     * The text with the id set aside. An integer id counts only as a whole number, so that
     * debt 4 is not found in error code 43; it is set aside as 0, which keeps the JSON whole.
     */
    private static String masked(String text, String id) {
        if (id.chars().allMatch(Character::isDigit)) {
            return text.replaceAll("(?<![0-9])" + id + "(?![0-9])", "0");
        }
        return text.replace(id, "<id>");
    }
}
