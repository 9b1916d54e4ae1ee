package io.kasa.client;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Which calls are sent again after which failures ({@link Retries}), against a scripted local
 * HTTP server; and a raw socket that drops the connection after reading a request, as a
 * server that fails mid-call does. Backoff is shortened so that no test waits long; none
 * measures time.
 */
class RetriesWireTests {

    private static final UUID PAYMENT = UUID.fromString("1eb856a8-1d41-49ab-8994-ecee2880d62c");
    private static final String SALE = """
            {"PaymentRequestId":"1eb856a8-1d41-49ab-8994-ecee2880d62c",
             "PaymentRequestActivityId":"2015c508-4029-4f6b-b7e2-4bf34a213c41",
             "PaymentRequestActivityTypeId":1,"PaymentStatus":2,"PaymentId":7}
            """;
    private static final String SERVER_ERROR = """
            {"Result":null,"ErrorCode":1000,"Succeeded":false,"Failed":true,"Message":"boom","ClientMessage":"System.ServerError"}
            """;
    private static final String RATE_LIMIT_EXCEEDED = """
            {"Result":null,"ErrorCode":1011,"Succeeded":false,"Failed":true,"Message":"slow down","ClientMessage":"System.RateLimitExceeded"}
            """;
    private static final String RATE_LIMITED = """
            {"Result":null,"ErrorCode":1003,"Succeeded":false,"Failed":true,"Message":"wrong codes","ClientMessage":"System.RateLimited"}
            """;
    private static final String DATABASE_UNAVAILABLE = """
            {"Result":null,"ErrorCode":1010,"Succeeded":false,"Failed":true,"Message":"db","ClientMessage":"System.DatabaseUnavailable"}
            """;

    private ScriptedServer server;
    private KasaClient client;

    @BeforeEach
    void start() throws IOException {
        server = new ScriptedServer();
        client = quick(server.uri()).build();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static KasaClient.Builder quick(URI base) {
        return KasaClient.builder().baseUri(base).privateKeys("priv-client", "priv-secret")
                .requestTimeout(Duration.ofSeconds(5))
                .retryBackoff(Duration.ofMillis(10), Duration.ofMillis(50));
    }

    private static SaleOrder order(String code) {
        return SaleOrder.builder().terminalTag("kasa_1").merchantUniqueCode(code).amount(new BigDecimal("10.00"))
                .currency(Currency.TRY)
                .product(Product.builder().name("Çay").amount(new BigDecimal("10.00"))
                        .taxGroup(TaxGroup.VAT_10).unit(UnitCode.PIECE).build())
                .build();
    }

    @Test
    void aSaleIsSentAgainWithTheSameBodyAfterAServerError() {
        server.answer(500, SERVER_ERROR).result(SALE);

        SaleResult sale = client.payments().asyncSale(order("ord-r1"));

        assertThat(sale.paymentRequestId()).isEqualTo(PAYMENT);
        assertThat(server.received()).hasSize(2);
        assertThat(server.received().get(1).text()).as("the same MerchantUniqueCode and body")
                .isEqualTo(server.received().get(0).text());
    }

    @Test
    void retriesStopAtMaxRetriesAndTheLastAnswerIsThrown() {
        server.answer(503, DATABASE_UNAVAILABLE).answer(503, DATABASE_UNAVAILABLE).answer(503, DATABASE_UNAVAILABLE)
                .answer(503, DATABASE_UNAVAILABLE);

        KasaException refused = catchThrowableOfType(KasaException.class, () -> client.payments().inquiry(PAYMENT));

        assertThat(refused).isInstanceOf(UnavailableException.class);
        assertThat(server.received()).as("the first try and two retries").hasSize(3);
    }

    @Test
    void callsThatCreateSomethingAreSentOnceAfterAServerError() {
        server.answer(500, SERVER_ERROR);

        KasaException refused = catchThrowableOfType(KasaException.class,
                () -> client.tags().add(UUID.randomUUID(), "Kasa", "kasa_1"));

        assertThat(refused).isInstanceOf(ServerException.class);
        assertThat(server.received()).hasSize(1);
    }

    @Test
    void aRateLimitThatDidNothingIsRetriedForAnyCallAWrongCodePenaltyIsNot() {
        server.answer(429, RATE_LIMIT_EXCEEDED, "Retry-After", "0").result("{\"TerminalTagId\":\"" + PAYMENT + "\"}")
                .answer(429, RATE_LIMITED, "Retry-After", "0");

        UUID tag = client.tags().add(UUID.randomUUID(), "Kasa", "kasa_1");
        KasaException penalty = catchThrowableOfType(KasaException.class, () -> client.terminals().list(0, 10));

        assertThat(tag).isEqualTo(PAYMENT);
        assertThat(penalty).isInstanceOf(RateLimitException.class);
        assertThat(penalty.is(ClientMessages.SYSTEM_RATE_LIMITED)).isTrue();
        assertThat(server.received()).hasSize(3);
    }

    @Test
    void aRetryAfterLongerThanTheLongestDelayIsLeftToTheCaller() {
        server.answer(503, DATABASE_UNAVAILABLE, "Retry-After", "30");

        KasaException refused = catchThrowableOfType(KasaException.class, () -> client.payments().inquiry(PAYMENT));

        assertThat(refused.retryAfter()).contains(Duration.ofSeconds(30));
        assertThat(server.received()).hasSize(1);
    }

    @Test
    void requestOptionsApplyToTheCallsOfTheClientTheyMake() {
        server.answer(500, SERVER_ERROR).answer(500, SERVER_ERROR);

        KasaClient once = client.with(RequestOptions.builder().maxRetries(0).locale("tr").build());
        catchThrowableOfType(KasaException.class, () -> once.payments().inquiry(PAYMENT));
        client.payments().inquiry(PAYMENT);

        assertThat(server.received()).as("once, then the client's own two retries until a success")
                .extracting(sent -> sent.header("locale")).containsExactly("tr", null, null);
    }

    @Test
    void aPerCallTimeoutReplacesTheClientsOne() {
        KasaClient noRetries = quick(server.uri()).maxRetries(0).build();
        server.delayedResult(Duration.ofMillis(1500), SALE).delayedResult(Duration.ofMillis(1500), SALE);

        KasaException late = catchThrowableOfType(KasaException.class,
                () -> noRetries.with(RequestOptions.builder().timeout(Duration.ofMillis(200)).build())
                        .payments().inquiry(PAYMENT));
        Inquiry patient = noRetries.payments().inquiry(PAYMENT);

        assertThat(late).isInstanceOfSatisfying(NetworkException.class, failure -> assertThat(failure.isTimeout()).isTrue());
        assertThat(patient.paymentRequestId()).isEqualTo(PAYMENT);
    }

    @Test
    void optionsAndSettingsRefuseNonsense() {
        assertThatIllegalArgumentException().isThrownBy(() -> RequestOptions.builder().maxRetries(-1).build());
        assertThatIllegalArgumentException().isThrownBy(() -> RequestOptions.builder().timeout(Duration.ZERO).build());
        assertThatIllegalArgumentException().isThrownBy(() -> KasaClient.builder().maxRetries(-1));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> KasaClient.builder().retryBackoff(Duration.ofSeconds(2), Duration.ofSeconds(1)));
    }

    @Test
    void backoffDoublesUpToTheLongestDelayLessAQuarterAtMost() {
        Retries retries = Retries.DEFAULT;

        for (int retry = 0; retry < 70; retry++) {
            long full = Math.min(5000, 500L << Math.min(retry, 20));
            assertThat(retries.backoff(retry).toMillis()).as("retry " + retry)
                    .isBetween(full * 3 / 4 - 1, full);
        }
    }

    /** A connection reset after the request was sent: the sale may have been recorded, so only a safe call goes again. */
    @Test
    void aResetConnectionIsRetriedForSalesOnly() throws Exception {
        try (DroppingServer dropping = new DroppingServer(SALE)) {
            KasaClient overDropping = quick(dropping.uri()).build();

            SaleResult sale = overDropping.payments().asyncSale(order("ord-r2"));
            KasaException lost = catchThrowableOfType(KasaException.class,
                    () -> overDropping.tags().add(UUID.randomUUID(), "Kasa", "kasa_1"));

            assertThat(sale.paymentRequestId()).isEqualTo(PAYMENT);
            assertThat(lost).isInstanceOfSatisfying(NetworkException.class,
                    failure -> assertThat(failure.requestSent()).isTrue());
            assertThat(dropping.requests()).as("sale dropped, sale answered, tag dropped")
                    .extracting(request -> request.substring(0, request.indexOf(' ', 5)))
                    .containsExactly("POST /api/payment/async/sale", "POST /api/payment/async/sale", "POST /api/terminal/tag");
        }
    }

    /** Reads each request whole, then drops every other connection without a byte of answer. */
    private static final class DroppingServer implements AutoCloseable {

        private final ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        private final List<String> requests = new ArrayList<>();
        private final Thread acceptor;

        DroppingServer(String result) throws IOException {
            acceptor = Thread.ofVirtual().start(() -> serve(result));
        }

        URI uri() {
            return URI.create("http://127.0.0.1:" + socket.getLocalPort());
        }

        synchronized List<String> requests() {
            return List.copyOf(requests);
        }

        private void serve(String result) {
            int count = 0;
            while (!socket.isClosed()) {
                try (Socket connection = socket.accept()) {
                    String request = readRequest(connection.getInputStream());
                    synchronized (this) {
                        requests.add(request);
                    }
                    if (count++ % 2 == 1) {
                        byte[] body = ("{\"Result\":" + result + ",\"ErrorCode\":0,\"Succeeded\":true,\"Failed\":false}")
                                .getBytes(StandardCharsets.UTF_8);
                        OutputStream out = connection.getOutputStream();
                        out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n"
                                + "Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                        out.write(body);
                        out.flush();
                    }
                } catch (IOException closed) {
                    return;
                }
            }
        }

        private static String readRequest(InputStream in) throws IOException {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                int next = in.read();
                if (next < 0) {
                    break;
                }
                head.write(next);
            }
            String text = head.toString(StandardCharsets.ISO_8859_1);
            int length = text.lines().filter(line -> line.toLowerCase().startsWith("content-length:"))
                    .map(line -> Integer.parseInt(line.substring(15).trim())).findFirst().orElse(0);
            in.readNBytes(length);
            return text;
        }

        @Override
        public void close() throws Exception {
            socket.close();
            acceptor.join();
        }
    }
}
