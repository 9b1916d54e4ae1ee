package io.kasa.server.shared;

import io.kasa.client.IssuedKey;
import io.kasa.client.PairRequest;
import io.kasa.client.TerminalRef;
import io.kasa.server.CallbackReceiver;
import io.kasa.server.Devices;
import io.kasa.server.KasaServerIT;
import io.kasa.server.RawDevice;
import io.kasa.server.RawHttp;
import io.kasa.server.Seeds;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The server's log never holds a credential or a customer's identity number (SPEC §11):
 * everything the server writes while a merchant's keys are issued, rotated and misused, the
 * dashboard is signed in to, a device pairs and connects, a sale with a customer goes out
 * and its callbacks fail, is captured and searched for every secret involved.
 */
@ExtendWith(OutputCaptureExtension.class)
class SecretsInLogsIT extends KasaServerIT {

    private static final String IDENTITY_NUMBER = "19283746510";

    @Test
    void noKeyTokenPairCodeOrIdentityNumberReachesTheLog(CapturedOutput output) throws Exception {
        RawHttp http = new RawHttp(baseUri);
        MerchantFixture merchant = newMerchant("Logs");
        IssuedKey privateKey = merchant.created().privateKey();
        IssuedKey rotated = admin.rotateKey(merchant.created().merchantId(), privateKey.keyId(), Duration.ofMinutes(5));
        List<String> secrets = new ArrayList<>(List.of(privateKey.secret(), merchant.created().publicKey().secret(),
                merchant.created().webhookKey().secret(), rotated.secret(), ADMIN_TOKEN, IDENTITY_NUMBER));

        http.post("/dashboard/api/session").json("{\"ApiClientPrivate\":\"" + privateKey.client() + "\",\"ApiKeyPrivate\":\""
                + privateKey.secret() + "\"}").send().result();
        http.post("/dashboard/api/session").json("{\"AdminToken\":\"" + ADMIN_TOKEN + "x\"}").send();
        http.post("/api/terminal/list").header("apiclientprivate", "kpr_unknown").header("apikeyprivate", privateKey.secret())
                .json("{}").send();
        http.get("/admin/merchants").header("Authorization", "Bearer " + ADMIN_TOKEN + "x").send();

        UUID terminalId = Devices.register(merchant.client(), "Logged till");
        PairRequest pairRequest = merchant.client().pairing().request(TerminalRef.id(terminalId));
        String token = http.post("/api/device/pair").json("{\"PairCode\":\"" + pairRequest.pairCode()
                + "\",\"SerialNo\":\"LOG-1\"}").send().result().get("DeviceToken").stringValue();
        secrets.add(token);
        URI live = URI.create("ws://127.0.0.1:" + port + "/api/device/live");
        RawDevice device = RawDevice.authenticated(live, token);
        RawDevice.connect(live).send("{\"type\":\"hello\",\"token\":\"" + token + "x\"}");

        try (CallbackReceiver failing = CallbackReceiver.start()) {
            failing.then(CallbackReceiver.Reply.status(500), CallbackReceiver.Reply.status(500));
            String sale = Seeds.asyncSale(terminalId, "logs-" + UUID.randomUUID(), failing.uri("/hook"))
                    .replace("11111111110", IDENTITY_NUMBER);
            merchant.client().payments().asyncSaleJson(sale);
            device.next("order");
            Devices.eventually(Duration.ofSeconds(5), () -> failing.received().size() >= 2);
        }
        device.close();

        String log = output.getAll();
        assertThat(log).as("the captured log").contains("Terminal " + terminalId + " connected");
        assertThat(log).doesNotContain(secrets.toArray(String[]::new));
        assertThat(Pattern.compile("(?<![0-9A-Za-z])" + pairRequest.pairCode() + "(?![0-9A-Za-z])").matcher(log).find())
                .as("the pair code in the log").isFalse();
    }
}
