package io.kasa.server.dashboard;

import io.kasa.client.CreatedMerchant;
import io.kasa.client.KasaAdminClient;
import io.kasa.client.KasaClient;
import io.kasa.client.SaleResult;
import io.kasa.client.TerminalRef;
import io.kasa.server.Devices;
import io.kasa.server.KasaServerIT;
import io.kasa.server.MutableClock;
import io.kasa.server.Seeds;
import io.kasa.terminal.Behaviour;
import io.kasa.terminal.TerminalAgent;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static io.kasa.server.Devices.eventually;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard's payment list, its CSV export and the overview's outcomes per hour and day,
 * with payments made at known local times: on a server of its own whose clock the test moves
 * (business time zone Europe/Istanbul, UTC+3), so days and hours begin where the test says.
 */
@Import(MutableClock.InServer.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "server.address=127.0.0.1",
        "kasa.admin-token=" + KasaServerIT.ADMIN_TOKEN,
        "kasa.demo.enabled=false"
})
class DashboardPaymentListIT {

    private static final ZoneId ZONE = ZoneId.of("Europe/Istanbul");

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) throws IOException {
        String dir = Files.createTempDirectory("kasa-dashboard-list-").toString();
        registry.add("kasa.data-dir", () -> dir);
    }

    @LocalServerPort
    int port;
    @Autowired
    MutableClock clock;

    URI baseUri;
    KasaClient merchant;
    UUID terminalId;
    TerminalAgent agent;
    DashboardSession session;
    io.kasa.client.IssuedKey key;

    @BeforeEach
    void shop() {
        baseUri = URI.create("http://127.0.0.1:" + port);
        CreatedMerchant created = KasaAdminClient.create(baseUri, KasaServerIT.ADMIN_TOKEN).createMerchant("list " + UUID.randomUUID());
        merchant = KasaClient.builder().baseUri(baseUri).privateKeys(created.privateKey()).publicKeys(created.publicKey())
                .locale("en").build();
        terminalId = Devices.register(merchant, "Till");
        agent = Devices.connected(baseUri, merchant, terminalId);
        agent.behave(Behaviour.approve());
        key = created.privateKey();
        signIn();
    }

    @AfterEach
    void stopAgent() {
        agent.close();
    }

    @Test
    void outcomesAreCountedAndSummedPerLocalHourAndDay() {
        LocalDate day = moveTo(LocalDate.ofInstant(clock.instant(), ZONE).plusDays(2).atTime(0, 30));
        SaleResult cancelled = sale(Behaviour.approve());
        merchant.payments().syncCancel(cancelled.paymentRequestId(), false, Duration.ofSeconds(20));
        sale(Behaviour.decline());
        sale(Behaviour.approve());
        jump(Duration.ofHours(2));
        sale(Behaviour.approve());
        sale(Behaviour.approve());
        jump(Duration.ofHours(23));
        agent.behave(Behaviour.ignore());
        merchant.payments().asyncSaleJson(Seeds.asyncSale(terminalId, UUID.randomUUID().toString()));

        JsonNode outcomes = signIn().get("/dashboard/api/overview/outcomes").result();

        JsonNode hours = outcomes.get("Hours");
        assertThat(hours).hasSize(24);
        assertThat(hours.get(0).get("Start").asString()).isEqualTo(day + "T02:00:00");
        assertThat(hours.get(23).get("Start").asString()).isEqualTo(day.plusDays(1) + "T01:00:00");
        assertThat(totals(hours.get(0))).containsExactly("Successful TRY 2 44.00");
        assertThat(totals(hours.get(23))).containsExactly("Pending TRY 1 22.00");
        for (int i = 1; i < 23; i++) {
            assertThat(totals(hours.get(i))).as(hours.get(i).get("Start").asString()).isEmpty();
        }
        JsonNode days = outcomes.get("Days");
        assertThat(days).hasSize(30);
        assertThat(days.get(29).get("Start").asString()).isEqualTo(day.plusDays(1) + "T00:00:00");
        assertThat(days.get(28).get("Start").asString()).isEqualTo(day + "T00:00:00");
        assertThat(totals(days.get(28))).containsExactly("Successful TRY 3 66.00", "Cancelled TRY 1 22.00",
                "Failed TRY 1 22.00");
        assertThat(totals(days.get(29))).containsExactly("Pending TRY 1 22.00");
        assertThat(totals(days.get(27))).isEmpty();
    }

    @Test
    void theDateFiltersTakeWholeLocalDaysAndIncludeBothEnds() throws IOException {
        LocalDate day = moveTo(LocalDate.ofInstant(clock.instant(), ZONE).plusDays(40).atTime(23, 58));
        SaleResult lastOfDay = sale(Behaviour.approve());
        jump(Duration.ofMinutes(3));
        SaleResult firstOfNext = sale(Behaviour.approve());
        signIn();

        assertThat(codes("startDate=" + day + "&endDate=" + day)).containsExactly(lastOfDay.paymentRequestId().toString());
        assertThat(codes("startDate=" + day.plusDays(1) + "&endDate=" + day.plusDays(1)))
                .containsExactly(firstOfNext.paymentRequestId().toString());
        assertThat(codes("startDate=" + day + "&endDate=" + day.plusDays(1))).hasSize(2);
        assertThat(codes("endDate=" + day.minusDays(1))).doesNotContain(lastOfDay.paymentRequestId().toString());
        assertThat(codes("startDate=" + day.plusDays(2))).isEmpty();

        List<CSVRecord> rows = csv("startDate=" + day + "&endDate=" + day.plusDays(1));
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).get("PaymentRequestId")).isEqualTo(firstOfNext.paymentRequestId().toString());
        assertThat(rows.get(0).get("CreatedDate")).startsWith(day.plusDays(1) + "T00:0").endsWith("+03:00");
        assertThat(rows.get(1).get("CreatedDate")).startsWith(day + "T23:5").endsWith("+03:00");
    }

    @Test
    void theCodeSearchFindsAPartTakenLiterallyAndTheExportHoldsEveryMatchDefused() throws IOException {
        signIn();
        String tag = UUID.randomUUID().toString().substring(0, 8);
        List<String> codes = List.of("ord_1%a-" + tag, "ordX1Za-" + tag, "=HYPERLINK(1)-" + tag, "a,b\"c-" + tag,
                "+1-" + tag, "@me-" + tag);
        for (String code : codes) {
            merchant.payments().syncSaleJson(Seeds.syncSale(terminalId, code.replace("\"", "\\\"")), Duration.ofSeconds(20));
        }

        assertThat(list("merchantUniqueCode=" + encode("_1%"))).containsExactly("ord_1%a-" + tag);
        assertThat(list("merchantUniqueCode=" + encode("d_1"))).containsExactly("ord_1%a-" + tag);
        assertThat(list("merchantUniqueCode=" + encode("ord"))).containsExactlyInAnyOrder("ord_1%a-" + tag, "ordX1Za-" + tag);
        assertThat(list("merchantUniqueCode=" + encode(tag))).hasSize(6);
        assertThat(list("merchantUniqueCode=" + encode("%"))).containsExactly("ord_1%a-" + tag);
        assertThat(list("merchantUniqueCode=" + encode("\\"))).isEmpty();

        DashboardSession.Reply export = session.get("/dashboard/api/payments/export?merchantUniqueCode=" + encode(tag));
        assertThat(export.status()).isEqualTo(200);
        assertThat(export.response().headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("text/csv"));
        assertThat(export.response().headers().firstValue("Content-Disposition")).hasValueSatisfying(disposition ->
                assertThat(disposition).startsWith("attachment").contains(".csv"));
        assertThat(export.body()).startsWith("PaymentRequestId,PaymentId,MerchantUniqueCode,").contains("\r\n");
        assertThat(export.body()).contains("\"a,b\"\"c-" + tag + "\"");
        List<CSVRecord> rows = csv("merchantUniqueCode=" + encode(tag));
        assertThat(rows).hasSize(6);
        List<String> exported = rows.stream().map(row -> row.get("MerchantUniqueCode")).toList();
        assertThat(exported).containsExactlyInAnyOrder("ord_1%a-" + tag, "ordX1Za-" + tag, "'=HYPERLINK(1)-" + tag,
                "a,b\"c-" + tag, "'+1-" + tag, "'@me-" + tag);
        for (CSVRecord row : rows) {
            assertThat(row.get("Amount")).isEqualTo("22.00");
            assertThat(row.get("Currency")).isEqualTo("TRY");
            assertThat(row.get("PaymentStatus")).isEqualTo("Successful");
            assertThat(row.get("TerminalId")).isEqualTo(terminalId.toString());
            assertThat(java.time.OffsetDateTime.parse(row.get("CreatedDate")).getOffset().getId()).isEqualTo("+03:00");
        }

        DashboardSession.Reply bad = session.get("/dashboard/api/payments/export?startDate=2024-05-02&endDate=2024-05-01");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("Message").asString()).contains("startDate");
        assertThat(new DashboardSession(baseUri).get("/dashboard/api/payments/export").status())
                .as("no session, no export").isEqualTo(401);
    }

    /** Moves the server's clock to the local time (a little after it), returns its day. */
    private LocalDate moveTo(LocalDateTime local) {
        jump(Duration.between(clock.instant(), local.atZone(ZONE).toInstant()));
        return local.toLocalDate();
    }

    /**
     * Moves the server's clock forward. Past the device's idle timeout the server drops the
     * agent's connection as silent; this waits for that and for the agent to be back, so the
     * next order meets a live connection.
     */
    private void jump(Duration by) {
        TerminalAgent.Close before = agent.lastClose().orElse(null);
        clock.advance(by);
        if (by.compareTo(Duration.ofSeconds(25)) > 0) {
            assertThat(eventually(Duration.ofSeconds(20), () -> agent.lastClose().orElse(null) != before))
                    .as("the server dropped the silent connection").isTrue();
            // The server forgot the old session before the agent heard of the close: connected now is the new one.
            assertThat(eventually(Duration.ofSeconds(20), () ->
                    merchant.terminals().connectivity(TerminalRef.id(terminalId)).isSocketConnected()))
                    .as("the agent is back").isTrue();
        }
    }

    /** A new dashboard session: a clock moved past the session's life would have ended the last one. */
    private DashboardSession signIn() {
        session = new DashboardSession(baseUri);
        assertThat(session.signInMerchant(key.client(), key.secret()).status()).isEqualTo(200);
        return session;
    }

    private SaleResult sale(Behaviour behaviour) {
        agent.behave(behaviour);
        return merchant.payments().syncSaleJson(Seeds.syncSale(terminalId, UUID.randomUUID().toString()),
                Duration.ofSeconds(20));
    }

    /** The period's outcomes as "Outcome Currency count amount", in the server's order. */
    private static List<String> totals(JsonNode period) {
        List<String> totals = new ArrayList<>();
        for (JsonNode total : period.get("Outcomes")) {
            totals.add(total.get("Outcome").asString() + " " + total.get("Currency").asString() + " "
                    + total.get("Count").asLong() + " " + total.get("Amount").decimalValue().setScale(2));
        }
        return totals;
    }

    private List<String> codes(String filters) {
        List<String> ids = new ArrayList<>();
        for (JsonNode item : session.get("/dashboard/api/payments?pageSize=100&" + filters).result().get("Items")) {
            ids.add(item.get("Id").asString());
        }
        return ids;
    }

    private List<String> list(String filters) {
        List<String> codes = new ArrayList<>();
        for (JsonNode item : session.get("/dashboard/api/payments?pageSize=100&" + filters).result().get("Items")) {
            codes.add(item.get("MerchantUniqueCode").asString());
        }
        return codes;
    }

    private List<CSVRecord> csv(String filters) throws IOException {
        DashboardSession.Reply export = session.get("/dashboard/api/payments/export?" + filters);
        assertThat(export.status()).as(export.body()).isEqualTo(200);
        CSVFormat format = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get();
        try (CSVParser parser = CSVParser.parse(new StringReader(export.body()), format)) {
            return parser.getRecords();
        }
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
