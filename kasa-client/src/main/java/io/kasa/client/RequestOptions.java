package io.kasa.client;

import java.time.Duration;

/**
 * Settings for some calls rather than all: apply them with {@link KasaClient#with(RequestOptions)},
 * which returns a client that differs only in them (cheap: it shares the HTTP client, keys and
 * everything else). A null setting keeps the client's own.
 *
 * <pre>{@code
 * RequestOptions patient = RequestOptions.builder().timeout(Duration.ofSeconds(5)).maxRetries(4).build();
 * Inquiry payment = kasa.with(patient).payments().inquiry(paymentRequestId);
 * }</pre>
 *
 * @param timeout    how long each try may take from sending to the end of the answer; held sync
 *                   calls still get at least their wait plus {@link Payments#ANSWER_MARGIN}
 * @param locale     the {@code locale} header: the language of error messages ({@code tr}, {@code en}, …)
 * @param maxRetries how many times a failed call may be sent again ({@link KasaClient.Builder#maxRetries(int)})
 */
public record RequestOptions(Duration timeout, String locale, Integer maxRetries) {

    /** Options that change nothing. */
    public static final RequestOptions NONE = new RequestOptions(null, null, null);

    public RequestOptions {
        if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        }
        if (maxRetries != null && maxRetries < 0) {
            throw new IllegalArgumentException("maxRetries must not be negative: " + maxRetries);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Collects {@link RequestOptions}; not thread-safe, the options it builds are. */
    public static final class Builder {

        private Duration timeout;
        private String locale;
        private Integer maxRetries;

        private Builder() {
        }

        /** How long each try may take; see {@link KasaClient.Builder#requestTimeout(Duration)}. */
        public Builder timeout(Duration timeout) {
            this.timeout = timeout;
            return this;
        }

        /** The {@code locale} header for these calls; see {@link KasaClient.Builder#locale(String)}. */
        public Builder locale(String locale) {
            this.locale = locale;
            return this;
        }

        /** How many times these calls may be sent again; 0 sends each once (Busy refusals aside). */
        public Builder maxRetries(int maxRetries) {
            this.maxRetries = maxRetries;
            return this;
        }

        public RequestOptions build() {
            return new RequestOptions(timeout, locale, maxRetries);
        }
    }
}
