package io.kasa.server.callback;

import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.util.Timeout;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * POSTs one callback and says how it went. Redirects are not followed, nothing is retried
 * here, and the whole try — connect, send, answer — gets {@code timeout}. Targets are
 * resolved through the {@link GuardedDnsResolver}.
 */
final class CallbackSender implements AutoCloseable {

    /** How one try ended: the status code when an answer came, else the error. */
    record Result(Integer statusCode, String error, long durationMs) {
        boolean succeeded() {
            return statusCode != null && statusCode >= 200 && statusCode < 300;
        }
    }

    private final CloseableHttpClient http;
    private final Duration timeout;
    /**
     * Cancels tries that reach their time limit. The try runs on its caller's thread; one
     * timer thread for all tries replaces a second thread per try that the caller waited on.
     */
    private final ScheduledThreadPoolExecutor deadlines;

    CallbackSender(TargetPolicy policy, Duration timeout, int concurrency) {
        this.timeout = timeout;
        this.deadlines = new ScheduledThreadPoolExecutor(1, Thread.ofPlatform().name("kasa-callback-deadlines").daemon().factory());
        this.deadlines.setRemoveOnCancelPolicy(true);
        Timeout limit = Timeout.of(timeout);
        this.http = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDnsResolver(new GuardedDnsResolver(policy, timeout))
                        .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(limit).setSocketTimeout(limit).build())
                        .setMaxConnTotal(concurrency)
                        .setMaxConnPerRoute(Math.max(2, concurrency / 4))
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(limit).setConnectionRequestTimeout(limit).build())
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .setUserAgent("Kasa-Callback/1")
                .build();
    }

    Result post(URI target, String body, Map<String, String> headers) {
        long started = System.nanoTime();
        HttpPost post = new HttpPost(target);
        headers.forEach(post::setHeader);
        post.setEntity(new StringEntity(body, ContentType.APPLICATION_JSON.withCharset("UTF-8")));
        // The client's own timeouts bound each connect and each read; the deadline bounds the
        // whole try, which an answer trickling in byte by byte would otherwise stretch.
        ScheduledFuture<?> deadline = deadlines.schedule(post::cancel, timeout.toMillis(), TimeUnit.MILLISECONDS);
        try {
            int status = http.execute(post, response -> {
                EntityUtils.consume(response.getEntity());
                return response.getCode();
            });
            return new Result(status, status >= 200 && status < 300 ? null : "answered " + status, elapsed(started));
        } catch (IOException | RuntimeException e) {
            // The socket's own read timeout is the same limit, and may fire first.
            String error = Thread.currentThread().isInterrupted() ? "interrupted"
                    : post.isCancelled() || e instanceof SocketTimeoutException ? noAnswer()
                    : e instanceof GuardedDnsResolver.RefusedTarget ? e.getMessage() : describe(e);
            return new Result(null, error, elapsed(started));
        } finally {
            deadline.cancel(false);
        }
    }

    private String noAnswer() {
        return "no answer within " + timeout.toSeconds() + " s";
    }

    private static String describe(Throwable cause) {
        String message = cause.getMessage();
        String text = cause.getClass().getSimpleName() + (message == null ? "" : ": " + message);
        return text.length() > 500 ? text.substring(0, 500) : text;
    }

    private static long elapsed(long started) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    }

    @Override
    public void close() throws IOException {
        deadlines.shutdownNow();
        http.close();
    }
}
