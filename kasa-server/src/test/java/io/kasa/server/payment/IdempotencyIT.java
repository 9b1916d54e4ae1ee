package io.kasa.server.payment;

import io.kasa.client.ClientMessages;
import io.kasa.client.SaleResult;
import io.kasa.server.KasaServerIT;
import io.kasa.server.Seeds;
import io.kasa.terminal.Behaviour;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.kasa.server.Refused.refused;
import static org.assertj.core.api.Assertions.assertThat;

/** MerchantUniqueCode as the idempotency key of a sale, under concurrency. */
class IdempotencyIT extends KasaServerIT {

    @Test
    void fiftyConcurrentIdenticalSalesMakeOnePaymentOneDeviceOrderAndFiftyIdenticalAnswers() throws Exception {
        Shop shop = shop("idempotent", Behaviour.ignore());
        String code = UUID.randomUUID().toString();
        String body = Seeds.asyncSale(shop.terminalId(), code);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<SaleResult>> answers = new ArrayList<>();

        try (ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 50; i++) {
                answers.add(callers.submit(() -> {
                    start.await();
                    return shop.client().payments().asyncSaleJson(body);
                }));
            }
            start.countDown();
            List<SaleResult> results = new ArrayList<>();
            for (Future<SaleResult> answer : answers) {
                results.add(answer.get());
            }
            assertThat(results).allSatisfy(result -> assertThat(result).isEqualTo(results.getFirst()));
            assertThat(results.getFirst().paymentStatus()).isEqualTo(2);
        }
        assertThat(jdbc.sql("select count(*) from payment where merchant_unique_code = :code").param("code", code)
                .query(Long.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from payment_order o join payment p on p.id = o.payment_id where p.merchant_unique_code = :code")
                .param("code", code).query(Long.class).single()).isEqualTo(1);
        Thread.sleep(Duration.ofMillis(300));
        assertThat(shop.agent().receivedOrderIds()).hasSize(1);
    }

    @Test
    void theSameCodeWithAnotherBodyIsAConflict() {
        Shop shop = shop("conflict", Behaviour.ignore());
        String code = UUID.randomUUID().toString();
        SaleResult first = shop.client().payments().asyncSaleJson(Seeds.asyncSale(shop.terminalId(), code));
        String changed = Seeds.asyncSale(shop.terminalId(), code).replace("\"Kişisel Bakım\"", "\"Başka\"");

        var conflict = refused(ClientMessages.PAYMENT_ASYNC_MERCHANT_UNIQUE_CODE_ALREADY_EXISTS,
                () -> shop.client().payments().asyncSaleJson(changed));
        assertThat(conflict.httpStatus()).isEqualTo(409);

        SaleResult again = shop.client().payments().asyncSaleJson(Seeds.asyncSale(shop.terminalId(), code));
        assertThat(again.paymentRequestId()).isEqualTo(first.paymentRequestId());
        assertThat(shop.client().payments().inquiry(first.paymentRequestId()).displayCode()).isEqualTo("Kişisel Bakım");
    }

    @Test
    void theSameCodeMayBeUsedByAnotherMerchant() {
        Shop one = shop("one", Behaviour.ignore());
        Shop two = shop("two", Behaviour.ignore());
        String code = UUID.randomUUID().toString();
        SaleResult first = one.client().payments().asyncSaleJson(Seeds.asyncSale(one.terminalId(), code));
        SaleResult second = two.client().payments().asyncSaleJson(Seeds.asyncSale(two.terminalId(), code));
        assertThat(second.paymentRequestId()).isNotEqualTo(first.paymentRequestId());
    }
}
