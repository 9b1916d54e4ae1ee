package io.kasa.terminal;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;

/**
 * What a device keeps after pairing: where its Kasa server is, which terminal it is, and the
 * device token that authenticates its live connection.
 *
 * <p>The token is a credential: {@link #toString()} never shows it, and nothing in this module
 * logs it.
 *
 * @param server         the Kasa base URI ({@code http}, {@code https}, {@code ws} or {@code wss},
 *                       optionally with a path prefix, without query or fragment)
 * @param terminalId     Kasa's id of the terminal
 * @param terminalPairId Kasa's id of this pairing
 * @param deviceToken    the device token; valid until the terminal is unpaired or paired again
 * @param livePath       the path of the live connection under {@code server}, as answered by the
 *                       pairing call ({@value #DEFAULT_LIVE_PATH} when absent)
 */
public record Pairing(URI server, String terminalId, String terminalPairId, String deviceToken, String livePath) {

    public static final String DEFAULT_LIVE_PATH = "/api/device/live";

    public Pairing {
        checkServer(server);
        requireText(terminalId, "terminalId");
        requireText(terminalPairId, "terminalPairId");
        requireText(deviceToken, "deviceToken");
        if (livePath == null || livePath.isBlank()) {
            livePath = DEFAULT_LIVE_PATH;
        } else if (!livePath.startsWith("/")) {
            throw new IllegalArgumentException("livePath must start with '/': " + livePath);
        }
    }

    /** The WebSocket address of the live connection: {@code server} with a ws/wss scheme, plus {@code livePath}. */
    public URI liveUri() {
        String scheme = server.getScheme().toLowerCase(Locale.ROOT);
        String liveScheme = switch (scheme) {
            case "http", "ws" -> "ws";
            case "https", "wss" -> "wss";
            default -> throw new IllegalStateException("unsupported scheme " + scheme);
        };
        String rest = withoutTrailingSlash(server.toString()).substring(scheme.length());
        return URI.create(liveScheme + rest + livePath);
    }

    /** True when {@code other} holds the same credential for the same pairing. */
    public boolean sameCredential(Pairing other) {
        return other != null
                && terminalPairId.equals(other.terminalPairId)
                && deviceToken.equals(other.deviceToken);
    }

    @Override
    public String toString() {
        return "Pairing[server=" + server + ", terminalId=" + terminalId + ", terminalPairId=" + terminalPairId
                + ", deviceToken=***, livePath=" + livePath + "]";
    }

    /**
     * {@code path} appended to the base URI's own path, so that a server mounted under a prefix
     * ({@code https://pos.example/kasa}) is addressed as the protocol writes it: {@code {base}/api/...}.
     */
    static URI resolve(URI base, String path) {
        checkServer(base);
        return URI.create(withoutTrailingSlash(base.toString()) + path);
    }

    static void checkServer(URI server) {
        Objects.requireNonNull(server, "server");
        String scheme = server.getScheme();
        if (scheme == null || !server.isAbsolute() || server.getHost() == null) {
            throw new IllegalArgumentException("server must be an absolute URI with a host: " + server);
        }
        switch (scheme.toLowerCase(Locale.ROOT)) {
            case "http", "https", "ws", "wss" -> { }
            default -> throw new IllegalArgumentException("server must use http, https, ws or wss: " + server);
        }
        if (server.getRawQuery() != null || server.getRawFragment() != null) {
            throw new IllegalArgumentException("server must not have a query or fragment: " + server);
        }
    }

    private static String withoutTrailingSlash(String uri) {
        String result = uri;
        while (result.endsWith("/")) {
            result = result.substring(0, result.length() - 1);
        }
        return result;
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
    }
}
