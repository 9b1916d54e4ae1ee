package io.kasa.server.dashboard;

import io.kasa.client.CreatedMerchant;
import io.kasa.client.IssuedKey;
import io.kasa.client.KasaAdminClient;
import io.kasa.server.KasaServerIT;
import io.kasa.server.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A merchant's dashboard session lives no longer than the key pair that opened it: revoked,
 * or rotated and past its grace, and the next dashboard call is refused and the session is
 * gone. On a server of its own whose clock the test moves, so a grace ends without waiting.
 */
@Import(MutableClock.InServer.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "server.address=127.0.0.1",
        "kasa.admin-token=" + KasaServerIT.ADMIN_TOKEN,
        "kasa.demo.enabled=false"
})
class SessionKeysIT {

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) throws IOException {
        String dir = Files.createTempDirectory("kasa-session-keys-").toString();
        registry.add("kasa.data-dir", () -> dir);
    }

    @LocalServerPort
    int port;
    @Autowired
    MutableClock clock;

    URI baseUri;
    KasaAdminClient admin;

    @BeforeEach
    void admin() {
        baseUri = URI.create("http://127.0.0.1:" + port);
        admin = KasaAdminClient.create(baseUri, KasaServerIT.ADMIN_TOKEN);
    }

    @Test
    void revokingTheKeyThatOpenedASessionEndsItAtTheNextCall() {
        CreatedMerchant merchant = admin.createMerchant("revoked session");
        DashboardSession session = signedIn(merchant.privateKey());
        assertThat(session.get("/dashboard/api/terminals").status()).isEqualTo(200);

        admin.revokeKey(merchant.merchantId(), merchant.privateKey().keyId());

        assertEnded(session);
    }

    @Test
    void aRotatedKeysSessionEndsWhenTheGraceEnds() {
        CreatedMerchant merchant = admin.createMerchant("rotated session");
        DashboardSession session = signedIn(merchant.privateKey());

        IssuedKey fresh = admin.rotateKey(merchant.merchantId(), merchant.privateKey().keyId(), Duration.ofMinutes(5));

        assertThat(session.get("/dashboard/api/terminals").status()).as("within the grace").isEqualTo(200);
        DashboardSession withNewKey = signedIn(fresh);
        clock.advance(Duration.ofMinutes(5).plusSeconds(1));
        assertEnded(session);
        assertThat(withNewKey.get("/dashboard/api/terminals").status()).as("the new key's session goes on").isEqualTo(200);
    }

    private DashboardSession signedIn(IssuedKey key) {
        DashboardSession session = new DashboardSession(baseUri);
        assertThat(session.signInMerchant(key.client(), key.secret()).status()).isEqualTo(200);
        return session;
    }

    /** Refused with the envelope, and the session is gone: a later call finds none either. */
    private static void assertEnded(DashboardSession session) {
        DashboardSession.Reply refused = session.get("/dashboard/api/terminals");
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.json().get("ClientMessage").asString()).isEqualTo("System.AuthError");
        assertThat(session.get("/dashboard/api/session").status()).isEqualTo(401);
        assertThat(session.post("/dashboard/api/terminals", "{\"Name\":\"Late\",\"SerialNo\":\"late-1\"}").status())
                .isEqualTo(401);
    }
}
