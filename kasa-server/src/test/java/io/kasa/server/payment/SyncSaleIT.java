package io.kasa.server.payment;

import io.kasa.client.ClientMessages;
import io.kasa.client.PaymentActivity;
import io.kasa.client.SaleResult;
import io.kasa.server.Devices;
import io.kasa.server.KasaServerIT;
import io.kasa.server.Seeds;
import io.kasa.server.device.RecordingPushGateway;
import io.kasa.server.payment.PushGateway;
import io.kasa.terminal.Behaviour;
import io.kasa.terminal.TerminalAgent;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.sun.management.HotSpotDiagnosticMXBean;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.kasa.server.Devices.eventually;
import static io.kasa.server.Refused.refused;
import static org.assertj.core.api.Assertions.assertThat;

/** Sync sales: held until the outcome or the wait limit; offline terminals, push, and thousands held at once. */
class SyncSaleIT extends KasaServerIT {

    @Autowired
    PushGateway push;

    @Autowired
    StatusWaits waits;

    @Test
    void theAnswerWaitsForTheDevicesDecline() {
        Shop shop = shop("sync decline", Behaviour.declineAfter(Duration.ofMillis(200)));
        SaleResult result = shop.client().payments().syncSaleJson(Seeds.syncSale(shop.terminalId(), UUID.randomUUID().toString()));
        assertThat(result.paymentStatus()).isEqualTo(5);
    }

    @Test
    void theWaitLimitAnswersTheStatusOfThatMoment() {
        Shop shop = shop("sync wait", Behaviour.neverAnswer());
        long started = System.nanoTime();

        SaleResult result = shop.client().payments().syncSaleJson(
                Seeds.syncSale(shop.terminalId(), UUID.randomUUID().toString()), Duration.ofSeconds(1));

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(900));
        assertThat(result.paymentStatus()).as("answered at the wait limit without an outcome (taken, or about to be)")
                .isIn(2, 10, 11);
    }

    /**
     * The held request is answered asynchronously: the container ends such a request after 30 s
     * unless told otherwise, and the sale's own wait, not that, must end this one.
     */
    @Test
    void aWaitLongerThanTheContainersAsyncTimeoutStillAnswersTheStatusOfThatMoment() {
        Shop shop = shop("sync long wait", Behaviour.neverAnswer());
        long started = System.nanoTime();

        SaleResult result = shop.client().payments().syncSaleJson(
                Seeds.syncSale(shop.terminalId(), UUID.randomUUID().toString()), Duration.ofSeconds(35));

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(34_900));
        assertThat(result.paymentStatus()).as("answered at the wait limit without an outcome").isIn(2, 10, 11);
    }

    @Test
    void aRetryOfAHeldSaleIsHeldTooAndBothAnswerTheOutcomeOfTheOnePayment() throws Exception {
        var merchant = newMerchant("sync retry");
        UUID terminalId = Devices.register(merchant.client(), "Till");
        TerminalAgent agent = track(Devices.paired(baseUri, merchant.client(), terminalId));
        agent.behave(Behaviour.manual());
        agent.start();
        assertThat(eventually(Duration.ofSeconds(20), agent::isConnected)).isTrue();
        String body = Seeds.syncSale(terminalId, UUID.randomUUID().toString());

        try (ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<SaleResult> first = callers.submit(() -> merchant.client().payments().syncSaleJson(body, Duration.ofSeconds(60)));
            assertThat(eventually(Duration.ofSeconds(20), () -> agent.pendingOrders().size() == 1)).isTrue();
            Future<SaleResult> retry = callers.submit(() -> merchant.client().payments().syncSaleJson(body, Duration.ofSeconds(60)));
            assertThat(eventually(Duration.ofSeconds(20), () -> waits.waiting() >= 2))
                    .as("the retry waits beside the first").isTrue();
            assertThat(first.isDone()).isFalse();
            assertThat(retry.isDone()).isFalse();

            agent.pendingOrders().forEach(order -> agent.approve(order.orderId()));

            assertThat(first.get().paymentStatus()).isEqualTo(4);
            assertThat(retry.get()).as("the retry answers as the first, once the outcome is known").isEqualTo(first.get());
        }
        assertThat(agent.receivedOrderIds()).as("one order for both requests").hasSize(1);
        assertThat(merchant.client().payments().list(io.kasa.client.PaymentQuery.page(0, 10)).items()).hasSize(1);
    }

    @Test
    void anOfflineTerminalWithoutPushIsRefusedAtOnceAndTheSaleEndsCouldNotSend() {
        var merchant = newMerchant("sync offline");
        UUID terminalId = Devices.register(merchant.client(), "Till");
        track(Devices.paired(baseUri, merchant.client(), terminalId));
        String code = UUID.randomUUID().toString();

        var refusal = refused(ClientMessages.PAYMENT_ASYNC_CLOUD_NOT_SEND_TO_DEVICE,
                () -> merchant.client().payments().syncSaleJson(Seeds.syncSale(terminalId, code), Duration.ofSeconds(30)));

        var payment = merchant.client().payments().list(io.kasa.client.PaymentQuery.page(0, 1).withMerchantUniqueCode(code)).items();
        assertThat(payment).singleElement().satisfies(item -> {
            assertThat(item.paymentStatusId()).isEqualTo(3);
            assertThat(refusal.paymentRequestId()).as("the refusal names the payment it recorded").contains(item.id());
        });
    }

    @Test
    void anOfflineTerminalIsPushedAndTheWaitContinuesUntilTheDeviceConnectsAndApproves() throws Exception {
        RecordingPushGateway recording = (RecordingPushGateway) push;
        var merchant = newMerchant("sync push");
        UUID terminalId = Devices.register(merchant.client(), "Till");
        TerminalAgent agent = track(Devices.paired(baseUri, merchant.client(), terminalId));
        agent.behave(Behaviour.approve());
        String body = Seeds.syncSale(terminalId, UUID.randomUUID().toString())
                .replace("\"SendNotificationDeviceDisconnected\": false", "\"SendNotificationDeviceDisconnected\": true");

        try (ExecutorService caller = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<SaleResult> held = caller.submit(() -> merchant.client().payments().syncSaleJson(body, Duration.ofSeconds(30)));
            assertThat(eventually(Duration.ofSeconds(10), () -> recording.sent().stream()
                    .anyMatch(notification -> notification.terminalId().equals(terminalId)))).isTrue();
            UUID paymentId = recording.sent().stream().filter(n -> n.terminalId().equals(terminalId)).findFirst()
                    .orElseThrow().paymentRequestId();
            assertThat(eventually(Duration.ofSeconds(5), () ->
                    merchant.client().payments().inquiry(paymentId).paymentStatusId() == 9))
                    .as("the push is recorded as sent right after the gateway accepts it").isTrue();
            assertThat(held.isDone()).isFalse();

            agent.start();

            SaleResult result = held.get();
            assertThat(result.paymentStatus()).isEqualTo(4);
            assertThat(merchant.client().payments().activities(paymentId, 0, 20).items().stream()
                    .map(PaymentActivity::paymentStatusId)).containsExactly(1, 9, 10, 2, 11, 4);
        }
    }

    @Test
    void aRefusedPushIsRecordedAsPushFailedAndTheDeviceCanStillAnswer() throws Exception {
        RecordingPushGateway recording = (RecordingPushGateway) push;
        var merchant = newMerchant("push refused");
        UUID terminalId = Devices.register(merchant.client(), "Till");
        TerminalAgent agent = track(Devices.paired(baseUri, merchant.client(), terminalId));
        agent.behave(Behaviour.approve());
        String code = UUID.randomUUID().toString();
        String body = Seeds.syncSale(terminalId, code)
                .replace("\"SendNotificationDeviceDisconnected\": false", "\"SendNotificationDeviceDisconnected\": true");
        recording.refuse(true);
        try (ExecutorService caller = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<SaleResult> held = caller.submit(() -> merchant.client().payments().syncSaleJson(body, Duration.ofSeconds(30)));
            assertThat(eventually(Duration.ofSeconds(10), () -> merchant.client().payments()
                    .list(io.kasa.client.PaymentQuery.page(0, 1).withMerchantUniqueCode(code)).items().stream()
                    .anyMatch(item -> item.paymentStatusId() == 7))).isTrue();
            recording.refuse(false);

            agent.start();

            assertThat(held.get().paymentStatus()).isEqualTo(4);
        } finally {
            recording.refuse(false);
        }
    }

    @Test
    void twoThousandSyncSalesAreHeldAtOnceWithoutPlatformThreadsAndAllComplete() throws Exception {
        int terminals = 20;
        int perTerminal = 100;
        var merchant = newMerchant("held");
        List<UUID> terminalIds = new ArrayList<>();
        List<TerminalAgent> agents = new ArrayList<>();
        for (int i = 0; i < terminals; i++) {
            UUID terminalId = Devices.register(merchant.client(), "Till " + i);
            TerminalAgent agent = track(Devices.paired(baseUri, merchant.client(), terminalId));
            agent.behave(Behaviour.manual());
            agent.start();
            terminalIds.add(terminalId);
            agents.add(agent);
        }
        assertThat(eventually(Duration.ofSeconds(20), () -> agents.stream().allMatch(TerminalAgent::isConnected))).isTrue();

        int platformThreadsBefore = ManagementFactory.getThreadMXBean().getThreadCount();
        List<Future<SaleResult>> held = new ArrayList<>();
        try (ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
            for (UUID terminalId : terminalIds) {
                for (int i = 0; i < perTerminal; i++) {
                    String body = Seeds.syncSale(terminalId, UUID.randomUUID().toString());
                    held.add(callers.submit(() -> merchant.client().payments().syncSaleJson(body, Duration.ofSeconds(110))));
                }
            }
            assertThat(eventually(Duration.ofSeconds(100), () -> agents.stream()
                    .mapToInt(agent -> agent.pendingOrders().size()).sum() == terminals * perTerminal))
                    .as("every order reached its terminal while its request is held").isTrue();
            assertThat(held).noneMatch(Future::isDone);
            int platformThreadsHolding = ManagementFactory.getThreadMXBean().getThreadCount();
            assertThat(platformThreadsHolding - platformThreadsBefore)
                    .as("2,000 held requests cost no platform thread each").isLessThan(200);
            assertThat(threadsRunning("io.kasa.server.payment.web.PaymentController.syncSale"))
                    .as("nor a virtual thread: a held sale waits without one").isZero();

            for (TerminalAgent agent : agents) {
                agent.pendingOrders().forEach(order -> agent.approve(order.orderId()));
            }
            for (Future<SaleResult> request : held) {
                assertThat(request.get().paymentStatus()).isEqualTo(4);
            }
        }
    }

    /** Threads of this JVM, virtual ones too, with {@code frame} on their stack (a thread dump, as {@code jcmd Thread.dump_to_file} writes it). */
    private static long threadsRunning(String frame) throws IOException {
        Path dump = Files.createTempDirectory("threads").resolve("threads.json");
        try {
            ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
                    .dumpThreads(dump.toString(), HotSpotDiagnosticMXBean.ThreadDumpFormat.JSON);
            JsonNode containers = JsonMapper.shared().readTree(dump.toFile()).path("threadDump").path("threadContainers");
            assertThat(containers.isEmpty()).as("the thread dump lists its threads").isFalse();
            long running = 0;
            for (JsonNode container : containers) {
                for (JsonNode thread : container.path("threads")) {
                    for (JsonNode element : thread.path("stack")) {
                        if (element.asString().contains(frame)) {
                            running++;
                            break;
                        }
                    }
                }
            }
            return running;
        } finally {
            Files.deleteIfExists(dump);
            Files.deleteIfExists(dump.getParent());
        }
    }
}
