package io.kasa.client;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JavaType;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The merchant-facing Kasa API: the Physical family ({@code /api/**}, private key pair) and,
 * for later endpoints, the marketplace family ({@code /api/paywall/**}, public key pair).
 *
 * <p>Every call either returns the envelope's typed {@code Result} or throws a
 * {@link KasaException} subclass that says what went wrong ({@link InvalidRequestException},
 * {@link NotFoundException}, {@link NetworkException}, …). Requests are UTF-8 JSON with
 * PascalCase names. Each request carries the key pair of its path's family (when configured)
 * and the {@code locale} header (when configured). The client generates no
 * {@code X-Request-Id}; the server's one is in every {@link KasaException}.
 *
 * <p>Failed calls are sent again by themselves when that cannot do anything twice
 * ({@link Builder#maxRetries(int)}, 2 unless set): any call refused with 503
 * {@code System.Busy} or 429 {@code System.RateLimitExceeded}, or whose connection could not
 * be opened (the server did nothing); and, after a 5xx answer, a reset connection or a
 * timeout, only the calls that are safe to repeat: reads (GETs, and the POSTs that list or
 * check), sales (by their {@code MerchantUniqueCode}) and cancels (by the payment). Creating,
 * changing and deleting anything else is sent once. Between tries the client waits with
 * exponential backoff and jitter ({@link Builder#retryBackoff(Duration, Duration)}), or the
 * answer's {@code Retry-After}.
 *
 * <p>Instances are immutable and thread-safe; build one per merchant and reuse it.
 * {@link #with(RequestOptions)} gives a client that differs in timeout, locale or retries for
 * some calls.
 */
public final class KasaClient {

    private final Transport transport;
    private final ApiKeys privateKeys;
    private final ApiKeys publicKeys;
    private final String locale;

    private final Terminals terminals = new Terminals(this);
    private final TerminalTags tags = new TerminalTags(this);
    private final Connections connections = new Connections(this);
    private final Providers providers = new Providers(this);
    private final Pairing pairing = new Pairing(this);
    private final AsyncPairing asyncPairing = new AsyncPairing(this);
    private final Payments payments = new Payments(this);
    private final Callbacks callbacks = new Callbacks(this);
    private final Members members = new Members(this);

    private KasaClient(Transport transport, ApiKeys privateKeys, ApiKeys publicKeys, String locale) {
        this.transport = transport;
        this.privateKeys = privateKeys;
        this.publicKeys = publicKeys;
        this.locale = locale;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * The same client (keys, HTTP client, timeout) sending another {@code locale} header;
     * null sends none.
     */
    public KasaClient withLocale(String locale) {
        return new KasaClient(transport, privateKeys, publicKeys, locale);
    }

    /**
     * The same client with {@code options} in place of its own settings where they are set:
     * {@code client.with(RequestOptions.builder().timeout(Duration.ofSeconds(5)).build()).payments().inquiry(id)}.
     * Cheap (nothing is copied but the settings) and safe to use from any thread.
     */
    public KasaClient with(RequestOptions options) {
        Objects.requireNonNull(options, "options");
        Duration timeout = options.timeout() != null ? options.timeout() : transport.requestTimeout();
        Retries retries = options.maxRetries() != null
                ? transport.retries().withMaxRetries(options.maxRetries())
                : transport.retries();
        String language = options.locale() != null ? options.locale() : locale;
        return new KasaClient(transport.with(timeout, retries), privateKeys, publicKeys, language);
    }

    /** Terminals: register, list, connectivity, provider sync. */
    public Terminals terminals() {
        return terminals;
    }

    /** Terminal tags: merchant-chosen codes that stand in for a terminal id. */
    public TerminalTags tags() {
        return tags;
    }

    /** Connections to terminal providers. */
    public Connections connections() {
        return connections;
    }

    /** The provider, brand and region catalog. */
    public Providers providers() {
        return providers;
    }

    /** Pair codes for terminals, and unpairing. */
    public Pairing pairing() {
        return pairing;
    }

    /** Async (two-step) pair codes: the device claims the code, the merchant confirms. */
    public AsyncPairing asyncPairing() {
        return asyncPairing;
    }

    /** Payments: sales, cancels, rollbacks, inquiry and lists. */
    public Payments payments() {
        return payments;
    }

    /** Marketplace settings, earnings reports and the manual payout trigger (public pair). */
    public Marketplace marketplace() {
        return new Marketplace(this);
    }

    /** The callback delivery log of payments, and re-sending; to check a received callback use {@link CallbackVerifier}. */
    public Callbacks callbacks() {
        return callbacks;
    }

    /** Marketplace members (Paywall's Member API, public pair): create, update, delete, get, list. */
    public Members members() {
        return members;
    }

    /**
     * Calls an endpoint this client has no typed method for. {@code path} starts with
     * {@code /} and may carry a query; it picks the keys and the envelope ({@code /api/paywall/**}
     * marketplace, anything else Physical). {@code body} is written as JSON, or nothing is
     * sent when it is null. Returns the bound {@code Result} (or {@code Body}); use
     * {@code JsonNode.class} to look at it raw.
     */
    public <T> T call(String method, String path, Object body, Class<T> resultType) {
        return send(method, path, body, KasaJson.type(resultType), false);
    }

    /** As {@link #call(String, String, Object, Class)}, for generic results such as {@code Page<Terminal>}. */
    public <T> T call(String method, String path, Object body, TypeReference<T> resultType) {
        return send(method, path, body, KasaJson.MAPPER.constructType(resultType), false);
    }

    /**
     * Sends with the keys of the path's family and unwraps that family's envelope. When
     * {@code required}, a success without a payload is an {@link KasaException#UNREADABLE}
     * answer rather than null; typed methods rely on that.
     */
    <T> T send(String method, String path, Object body, JavaType resultType, boolean required) {
        return send(method, path, body, resultType, required, Retries.Safety.of(method));
    }

    /** As {@link #send(String, String, Object, JavaType, boolean)}, for a call whose safety to repeat is not its method's. */
    <T> T send(String method, String path, Object body, JavaType resultType, boolean required,
               Retries.Safety safety) {
        KeyFamily family = KeyFamily.of(path);
        HttpReply reply = transport.send(method, path, body, headers(family), transport.requestTimeout(), safety);
        return unwrap(family, reply, resultType, required);
    }

    /**
     * POSTs to an endpoint that holds its answer (sync sale, sync cancel): adds
     * {@code extraHeaders} to the family's ones and lets each try take at least
     * {@code minimumTimeout} (or the configured timeout, if longer). Both calls are safe to repeat.
     */
    <T> T postHeld(String path, Object body, Class<T> resultType, Map<String, String> extraHeaders,
                   Duration minimumTimeout) {
        KeyFamily family = KeyFamily.of(path);
        Map<String, String> headers = headers(family);
        headers.putAll(extraHeaders);
        HttpReply reply = transport.send("POST", path, body, headers, transport.timeoutOfAtLeast(minimumTimeout),
                Retries.Safety.REPEATABLE);
        return unwrap(family, reply, KasaJson.type(resultType), true);
    }

    private static <T> T unwrap(KeyFamily family, HttpReply reply, JavaType resultType, boolean required) {
        return family == KeyFamily.MARKETPLACE
                ? MarketplaceEnvelope.unwrap(reply, resultType, required)
                : PhysicalEnvelope.unwrap(reply, resultType, required);
    }

    /** GET with inputs in headers, as the marketplace family takes them. */
    <T> T getWithHeaders(String path, Map<String, String> inputs, JavaType resultType) {
        KeyFamily family = KeyFamily.of(path);
        Map<String, String> headers = headers(family);
        headers.putAll(inputs);
        return unwrap(family, transport.send("GET", path, null, headers), resultType, true);
    }

    /** As {@link #getWithHeaders}, for an answer whose {@code Body} may be null (then null). */
    <T> T getOptional(String path, Map<String, String> inputs, Class<T> resultType) {
        KeyFamily family = KeyFamily.of(path);
        Map<String, String> headers = headers(family);
        headers.putAll(inputs);
        return unwrap(family, transport.send("GET", path, null, headers), KasaJson.type(resultType), false);
    }

    <T> T get(String path, Class<T> resultType) {
        return send("GET", path, null, KasaJson.type(resultType), true);
    }

    /** GET of a Physical endpoint whose success is its result without the envelope (the provider lists). */
    <T> T getBare(String path, Class<T> resultType) {
        HttpReply reply = transport.send("GET", path, null, headers(KeyFamily.of(path)));
        return PhysicalEnvelope.unwrapBare(reply, KasaJson.type(resultType));
    }

    /** GET with inputs as headers, as the marketplace family takes them ({@code memberid}, {@code start}, …). */
    <T> T get(String path, Map<String, String> inputHeaders, Class<T> resultType) {
        return getWithHeaders(path, inputHeaders, KasaJson.type(resultType));
    }

    /** GET of an endpoint whose {@code Result} is a JSON array; the list is unmodifiable. */
    <T> List<T> getList(String path, Class<T> itemType) {
        List<T> items = send("GET", path, null, KasaJson.listOf(itemType), true);
        return Collections.unmodifiableList(items);
    }

    /**
     * POSTs to a marketplace endpoint that decides item by item: its {@code Body} is the
     * answer both when some items succeeded and when none did ({@code ErrorCode} 1, which
     * Paywall answers with the same body). Any other refusal is a {@link KasaException}.
     */
    <T> T postItemised(String path, Object body, Class<T> resultType) {
        HttpReply reply = transport.send("POST", path, body, headers(KeyFamily.of(path)));
        return MarketplaceEnvelope.unwrapItemised(reply, KasaJson.type(resultType));
    }

    <T> T post(String path, Object body, Class<T> resultType) {
        return send("POST", path, body, KasaJson.type(resultType), true);
    }

    /** POST of a call that is safe to repeat ({@link Retries.Safety#REPEATABLE}): a read, a sale, a cancel. */
    <T> T postRepeatable(String path, Object body, Class<T> resultType) {
        return send("POST", path, body, KasaJson.type(resultType), true, Retries.Safety.REPEATABLE);
    }

    /** POST of a list: a read, so safe to repeat. */
    <T> Page<T> postForPage(String path, Object body, Class<T> itemType) {
        return send("POST", path, body, KasaJson.pageOf(itemType), true, Retries.Safety.REPEATABLE);
    }

    <T> T put(String path, Object body, Class<T> resultType) {
        return send("PUT", path, body, KasaJson.type(resultType), true);
    }

    <T> T delete(String path, Object body, Class<T> resultType) {
        return send("DELETE", path, body, KasaJson.type(resultType), true);
    }

    Map<String, String> headers(KeyFamily family) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (family == KeyFamily.PHYSICAL && privateKeys != null) {
            headers.put("apiclientprivate", privateKeys.client());
            headers.put("apikeyprivate", privateKeys.secret());
        }
        if (family == KeyFamily.MARKETPLACE && publicKeys != null) {
            headers.put("apiclientpublic", publicKeys.client());
            headers.put("apikeypublic", publicKeys.secret());
        }
        if (locale != null) {
            headers.put("locale", locale);
        }
        return headers;
    }

    @Override
    public String toString() {
        return "KasaClient[" + transport.uri("") + ", locale=" + locale + "]";
    }

    /**
     * Collects the settings of a {@link KasaClient}. Only {@link #baseUri(URI)} is required; a
     * family whose keys are not set is called without keys (and the server answers 401).
     * Not thread-safe; the client it builds is.
     */
    public static final class Builder {

        private URI baseUri;
        private ApiKeys privateKeys;
        private ApiKeys publicKeys;
        private String locale;
        private Duration requestTimeout = Duration.ofSeconds(30);
        private HttpClient httpClient;
        private Retries retries = Retries.DEFAULT;

        private Builder() {
        }

        /** Where Kasa listens, e.g. {@code http://127.0.0.1:8080}; a path prefix is kept. */
        public Builder baseUri(URI baseUri) {
            this.baseUri = Objects.requireNonNull(baseUri, "baseUri");
            return this;
        }

        /** The private pair for the Physical family: {@code apiclientprivate}, {@code apikeyprivate}. */
        public Builder privateKeys(String apiClientPrivate, String apiKeyPrivate) {
            this.privateKeys = new ApiKeys(apiClientPrivate, apiKeyPrivate);
            return this;
        }

        /** The private pair as issued by the operator API; the key must be of kind {@link KeyKind#PRIVATE}. */
        public Builder privateKeys(IssuedKey key) {
            requireKind(key, KeyKind.PRIVATE);
            return privateKeys(key.client(), key.secret());
        }

        /** The public pair for the marketplace family: {@code apiclientpublic}, {@code apikeypublic}. */
        public Builder publicKeys(String apiClientPublic, String apiKeyPublic) {
            this.publicKeys = new ApiKeys(apiClientPublic, apiKeyPublic);
            return this;
        }

        /** The public pair as issued by the operator API; the key must be of kind {@link KeyKind#PUBLIC}. */
        public Builder publicKeys(IssuedKey key) {
            requireKind(key, KeyKind.PUBLIC);
            return publicKeys(key.client(), key.secret());
        }

        /**
         * The {@code locale} header ({@code tr}, {@code en}, {@code tr-TR}, {@code en-US}) that
         * picks the language of error messages; null sends none, and the server answers in Turkish.
         */
        public Builder locale(String locale) {
            this.locale = locale;
            return this;
        }

        /**
         * How long one try of a call may take from sending to the end of the answer; 30 seconds
         * unless set. A retried call gets it again for each try; per call, see
         * {@link RequestOptions#timeout()}.
         */
        public Builder requestTimeout(Duration requestTimeout) {
            Objects.requireNonNull(requestTimeout, "requestTimeout");
            if (requestTimeout.isNegative() || requestTimeout.isZero()) {
                throw new IllegalArgumentException("requestTimeout must be positive: " + requestTimeout);
            }
            this.requestTimeout = requestTimeout;
            return this;
        }

        /**
         * Whether a call refused with 503 {@code System.Busy} (the server did nothing with it)
         * is sent again after its {@code Retry-After}, within the call's timeout (while a second
         * of it is left after the wait); on by default. Off, the refusal is thrown at once as an
         * {@link UnavailableException}, as a load generator that counts refusals wants.
         */
        public Builder retryWhenBusy(boolean retryWhenBusy) {
            this.retries = retries.withWhenBusy(retryWhenBusy);
            return this;
        }

        /**
         * How many times a failed call may be sent again, 2 unless set; 0 sends every call once
         * (Busy refusals aside, see {@link #retryWhenBusy(boolean)}). Which calls and failures
         * qualify is in the class comment; per call, see {@link RequestOptions#maxRetries()}.
         */
        public Builder maxRetries(int maxRetries) {
            this.retries = retries.withMaxRetries(maxRetries);
            return this;
        }

        /**
         * The wait before the first retry, doubled for each further one up to {@code maxDelay},
         * less up to a quarter at random; 0.5 and 5 seconds unless set. An answer's
         * {@code Retry-After} is waited instead when it is longer, and an answer asking for more
         * than {@code maxDelay} is not retried.
         */
        public Builder retryBackoff(Duration initialDelay, Duration maxDelay) {
            this.retries = retries.withBackoff(initialDelay, maxDelay);
            return this;
        }

        /** The HTTP client to share; by default a new HTTP/1.1 one with a 10 second connect timeout. */
        public Builder httpClient(HttpClient httpClient) {
            this.httpClient = httpClient;
            return this;
        }

        public KasaClient build() {
            requireHttp(baseUri);
            HttpClient http = httpClient != null ? httpClient : Transport.defaultHttpClient();
            return new KasaClient(new Transport(http, baseUri, requestTimeout, retries), privateKeys, publicKeys, locale);
        }

        private static void requireKind(IssuedKey key, KeyKind kind) {
            Objects.requireNonNull(key, "key");
            if (key.kind() != kind) {
                throw new IllegalArgumentException("expected a " + kind + " key, got " + key.kind());
            }
        }
    }

    static void requireHttp(URI baseUri) {
        if (baseUri == null) {
            throw new IllegalStateException("baseUri is required");
        }
        String scheme = baseUri.getScheme();
        if (!"http".equalsIgnoreCase(scheme) && !"https".equalsIgnoreCase(scheme)) {
            throw new IllegalArgumentException("baseUri must be http or https: " + baseUri);
        }
    }
}
