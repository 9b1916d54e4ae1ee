package io.kasa.server.shared;

import org.junit.jupiter.api.Test;

import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class TokensTests {

    @Test
    void theHashIsSha256OfTheSecretsUtf8Bytes() {
        // printf 'secret' | sha256sum
        assertThat(HexFormat.of().formatHex(Tokens.hash("secret")))
                .isEqualTo("2bb80d537b1da3e38bd30361aa855686bde0eacd7162fef6a25fe97bf527a25b");
    }

    /** Every hash starts from one shared digest that is only copied: no hash may see another's bytes. */
    @Test
    void hashesTakenAtOnceOnManyThreadsEachStayTheirOwn() throws Exception {
        List<String> expected = IntStream.range(0, 64).mapToObj(i -> HexFormat.of().formatHex(Tokens.hash("secret" + i))).toList();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Boolean>> rounds = IntStream.range(0, 16).mapToObj(round -> threads.submit(() -> {
                for (int n = 0; n < 2_000; n++) {
                    int i = (n * 7 + round) % 64;
                    if (!HexFormat.of().formatHex(Tokens.hash("secret" + i)).equals(expected.get(i))) {
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
