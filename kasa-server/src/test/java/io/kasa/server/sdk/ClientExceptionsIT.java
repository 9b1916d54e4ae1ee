package io.kasa.server.sdk;

import io.kasa.client.AuthenticationException;
import io.kasa.client.BusinessRuleException;
import io.kasa.client.ClientMessages;
import io.kasa.client.ConflictException;
import io.kasa.client.Currency;
import io.kasa.client.InvalidRequestException;
import io.kasa.client.KasaClient;
import io.kasa.client.KasaException;
import io.kasa.client.NetworkException;
import io.kasa.client.NotFoundException;
import io.kasa.client.PaymentStatus;
import io.kasa.client.Product;
import io.kasa.client.RateLimitException;
import io.kasa.client.RequestOptions;
import io.kasa.client.SaleOrder;
import io.kasa.client.SaleResult;
import io.kasa.client.TaxGroup;
import io.kasa.client.UnitCode;
import io.kasa.server.Devices;
import io.kasa.server.KasaServerIT;
import io.kasa.terminal.Behaviour;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Each {@link KasaException} subclass of the Java SDK, provoked from the real server (and, for
 * {@link NetworkException}, from a port nobody listens on): the SDK's mapping is only right if
 * the server's answers land where its Javadoc says. The busy and database-outage refusals are
 * provoked in {@code AdmissionIT} and {@code DatabaseOutageIT}, which own servers that can be
 * made to refuse.
 */
class ClientExceptionsIT extends KasaServerIT {

    private static SaleOrder.Builder sale(String code, String amount) {
        return SaleOrder.builder().merchantUniqueCode(code).amount(amount).currency(Currency.TRY)
                .product(Product.builder().name("Simit").amount(amount).taxGroup(TaxGroup.VAT_1).unit(UnitCode.PIECE).build());
    }

    @Test
    void wrongKeysAreAnAuthenticationException() {
        KasaClient stranger = KasaClient.builder().baseUri(baseUri).privateKeys("nobody", "nothing").locale("en").build();

        KasaException refused = catchThrowableOfType(KasaException.class, () -> stranger.terminals().list(0, 10));

        assertThat(refused).isInstanceOf(AuthenticationException.class);
        assertThat(refused.httpStatus()).isEqualTo(401);
        assertThat(refused.is(ClientMessages.SYSTEM_AUTH_ERROR)).isTrue();
        assertThat(refused.requestId()).isNotBlank();
    }

    @Test
    void aBrokenFieldIsAnInvalidRequestNamingIt() {
        KasaClient client = newMerchant("Invalid request").client();
        UUID terminal = Devices.register(client, "Till");
        SaleOrder noQuantity = sale("ord-invalid", "10.00").terminalId(terminal).build()
                .withProducts(Product.of("Simit", new BigDecimal("10.00"), 0, 1, 4));

        for (String locale : new String[] {"en", "tr"}) {
            KasaException refused = catchThrowableOfType(KasaException.class,
                    () -> client.withLocale(locale).payments().asyncSale(noQuantity));

            assertThat(refused).isInstanceOfSatisfying(InvalidRequestException.class,
                    invalid -> assertThat(invalid.field()).as(invalid.message()).contains("Products[0].Quantity"));
            assertThat(refused.httpStatus()).isEqualTo(400);
            assertThat(refused.requestId()).isNotBlank();
            assertThat(refused.paymentRequestId()).as("nothing was recorded").isEmpty();
        }
    }

    @Test
    void anUnknownPaymentIsNotFound() {
        KasaClient client = newMerchant("Not found").client();

        KasaException refused = catchThrowableOfType(KasaException.class,
                () -> client.payments().inquiry(UUID.randomUUID()));

        assertThat(refused).isInstanceOf(NotFoundException.class);
        assertThat(refused.is(ClientMessages.PAYMENT_REQUEST_REQUEST_NOT_FOUND)).isTrue();
        assertThat(refused.requestId()).isNotBlank();
    }

    @Test
    void aMerchantUniqueCodeTakenByAnotherBodyIsAConflict() {
        Shop shop = shop("Conflict", Behaviour.approve());
        SaleResult first = shop.client().payments().asyncSale(sale("ord-conflict", "10.00").terminalId(shop.terminalId()).build());

        SaleResult again = shop.client().payments().asyncSale(sale("ord-conflict", "10.00").terminalId(shop.terminalId()).build());
        KasaException refused = catchThrowableOfType(KasaException.class, () -> shop.client().payments()
                .asyncSale(sale("ord-conflict", "12.00").terminalId(shop.terminalId()).build()));

        assertThat(again.paymentRequestId()).as("the same body answers the first payment").isEqualTo(first.paymentRequestId());
        assertThat(refused).isInstanceOf(ConflictException.class);
        assertThat(refused.httpStatus()).isEqualTo(409);
        assertThat(refused.is(ClientMessages.PAYMENT_ASYNC_MERCHANT_UNIQUE_CODE_ALREADY_EXISTS)).isTrue();
    }

    /** The refusal that comes after the payment was recorded carries its ids. */
    @Test
    void anUnreachableTerminalIsABusinessRuleNamingThePayment() {
        MerchantFixture merchant = newMerchant("Business rule");
        UUID terminal = Devices.register(merchant.client(), "Offline till");
        track(Devices.paired(baseUri, merchant.client(), terminal));

        KasaException refused = catchThrowableOfType(KasaException.class, () -> merchant.client().payments()
                .syncSale(sale("ord-offline", "10.00").terminalId(terminal).sendNotificationDeviceDisconnected(false).build()));

        assertThat(refused).isInstanceOf(BusinessRuleException.class);
        assertThat(refused.httpStatus()).isEqualTo(422);
        assertThat(refused.is(ClientMessages.PAYMENT_ASYNC_CLOUD_NOT_SEND_TO_DEVICE)).isTrue();
        assertThat(refused.payment()).hasValueSatisfying(payment -> {
            assertThat(payment.status()).isEqualTo(PaymentStatus.COULD_NOT_SEND_TO_DEVICE);
            assertThat(payment.paymentId()).isPositive();
        });
        UUID payment = refused.paymentRequestId().orElseThrow();
        assertThat(merchant.client().payments().inquiry(payment).merchantUniqueCode()).isEqualTo("ord-offline");
    }

    /** Wrong pair codes from one source: each a business rule, then the source is a rate limit, never retried. */
    @Test
    void tooManyWrongPairCodesAreARateLimit() throws IOException {
        HttpClient fromOneSource = HttpClient.newBuilder().localAddress(InetAddress.getByName("127.0.0.141")).build();
        KasaClient device = KasaClient.builder().baseUri(baseUri).httpClient(fromOneSource).locale("en").build();

        KasaException last = null;
        for (int attempt = 0; attempt < 30 && !(last instanceof RateLimitException); attempt++) {
            String code = "%06d".formatted((271_828 + attempt * 104_729) % 1_000_000);
            last = catchThrowableOfType(KasaException.class, () -> device.call("POST", "/api/device/pair",
                    Map.of("PairCode", code, "SerialNo", "SN-SDK-LIMITS"), JsonNode.class));
            assertThat(last).isInstanceOfAny(BusinessRuleException.class, RateLimitException.class);
        }

        assertThat(last).isInstanceOf(RateLimitException.class);
        assertThat(last.is(ClientMessages.SYSTEM_RATE_LIMITED)).isTrue();
        assertThat(last.retryAfter()).hasValueSatisfying(wait -> assertThat(wait).isPositive());
    }

    @Test
    void aServerThatIsNotThereIsANetworkExceptionAfterTheRetries() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        KasaClient nowhere = KasaClient.builder().baseUri(URI.create("http://127.0.0.1:" + closedPort)).build();

        KasaException failed = catchThrowableOfType(KasaException.class,
                () -> nowhere.with(RequestOptions.builder().maxRetries(1).build()).terminals().list(0, 10));

        assertThat(failed).isInstanceOfSatisfying(NetworkException.class, network -> {
            assertThat(network.requestSent()).isFalse();
            assertThat(network.isTimeout()).isFalse();
        });
        assertThat(failed.httpStatus()).isEqualTo(KasaException.NO_RESPONSE);
        assertThat(failed.requestId()).isNull();
    }
}
