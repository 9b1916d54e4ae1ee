package io.kasa.server.callback;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class SignaturesTests {

    @Test
    void theHashWritesTheAmountWithTwoFractionDigits() {
        UUID id = UUID.fromString("1eb856a8-1d41-49ab-8994-ecee2880d62c");
        // printf 'k###1eb856a8-1d41-49ab-8994-ecee2880d62c###code###22.00' | sha256sum
        String expected = "35f07629c644728bd8bebd21270b7a9752d2e2568919c883d74728d18a9c45ac";
        assertThat(Signatures.hash("k", id, "code", new BigDecimal("22.00"))).isEqualTo(expected);
        assertThat(Signatures.hash("k", id, "code", new BigDecimal("22"))).isEqualTo(expected);
        assertThat(Signatures.hash("k", id, "code", new BigDecimal("1.5")))
                .isEqualTo(Signatures.hash("k", id, "code", new BigDecimal("1.50")));
    }

    @Test
    void theHeaderCarriesOneSignaturePerKeyNewestFirst() {
        String header = Signatures.header(List.of("new", "old"), 1_764_000_000L, "{}");
        assertThat(header).isEqualTo("t=1764000000,v1=" + Signatures.sign("new", 1_764_000_000L, "{}")
                + ",v1=" + Signatures.sign("old", 1_764_000_000L, "{}"));
        assertThat(Signatures.sign("new", 1L, "{}")).isNotEqualTo(Signatures.sign("new", 2L, "{}"));
    }

    @Test
    void theSignatureIsHmacSha256OfTheTimeAndTheBody() {
        // printf '1764000000.{}' | openssl dgst -sha256 -hmac new
        assertThat(Signatures.sign("new", 1_764_000_000L, "{}"))
                .isEqualTo("3ee5b1b93f9cfab51a5cfccb787d6df655473099cdb148d8f50573b1a151ad61");
    }

    /** Every signature starts from one shared, never-initialised MAC: no signing may see another's key or bytes. */
    @Test
    void signaturesMadeAtOnceOnManyThreadsEachStayTheirOwn() throws Exception {
        List<String> expected = IntStream.range(0, 64).mapToObj(i -> Signatures.sign("key" + i, i, "body" + i)).toList();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Boolean>> rounds = IntStream.range(0, 16).mapToObj(round -> threads.submit(() -> {
                for (int n = 0; n < 2_000; n++) {
                    int i = (n * 7 + round) % 64;
                    if (!Signatures.sign("key" + i, i, "body" + i).equals(expected.get(i))) {
                        return false;
                    }
                }
                return true;
            })).toList();
            for (Future<Boolean> round : rounds) {
                assertThat(round.get()).isTrue();
            }
        }
    }
}
