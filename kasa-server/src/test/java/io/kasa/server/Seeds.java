package io.kasa.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * The sample bodies of the seed documents, copied verbatim (comment lines included) into
 * {@code src/test/resources/seeds}. Only the terminal id and the {@code {{$guid}}}
 * placeholder are replaced, as a caller of those documents would.
 */
public final class Seeds {

    private Seeds() {
    }

    public static String text(String name) {
        try (InputStream in = Seeds.class.getResourceAsStream("/seeds/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no seed sample " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A receiver on loopback that accepts every callback, for tests that want the samples'
     * callbacks to go somewhere real without checking them.
     */
    public static final URI SINK = sink();

    /**
     * Seed 001's async sale for this terminal, with a fresh MerchantUniqueCode and no
     * callback: tests never call the sample's public address, and only tests about
     * callbacks ask for them.
     */
    public static String asyncSale(UUID terminalId, String merchantUniqueCode) {
        return asyncSale(terminalId, merchantUniqueCode, null);
    }

    /** As {@link #asyncSale(UUID, String)}, with callbacks to {@code callbackAddress} (none when null). */
    public static String asyncSale(UUID terminalId, String merchantUniqueCode, URI callbackAddress) {
        return text("001-async-sale.json")
                .replace("38e895c3-1a9a-4b73-8816-8557d1d031d6", terminalId.toString())
                .replace("{{$guid}}", merchantUniqueCode)
                .replace("https://webhook.site/276d912e-090e-461a-aad5-5f137ab03cf4", address(callbackAddress));
    }

    /** Seed 002's sync sale for this terminal, with a fresh MerchantUniqueCode and no callback. */
    public static String syncSale(UUID terminalId, String merchantUniqueCode) {
        return syncSale(terminalId, merchantUniqueCode, null);
    }

    public static String syncSale(UUID terminalId, String merchantUniqueCode, URI callbackAddress) {
        return text("002-sync-sale.json")
                .replace("8ff33705-57c7-42dc-8341-a0053e7f3009", terminalId.toString())
                .replace("{{$guid}}", merchantUniqueCode)
                .replace("https://webhook.site/4768e8e7-12c9-4c3f-949c-c7a616e72acf", address(callbackAddress));
    }

    private static String address(URI callbackAddress) {
        return callbackAddress == null ? "" : callbackAddress.toString();
    }

    private static URI sink() {
        try {
            return CallbackReceiver.start().uri("/sink");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
