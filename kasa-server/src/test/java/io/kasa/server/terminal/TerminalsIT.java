package io.kasa.server.terminal;

import io.kasa.client.ConnectionSettings;
import io.kasa.client.KasaClient;
import io.kasa.client.Page;
import io.kasa.client.Terminal;
import io.kasa.client.TerminalConnectivity;
import io.kasa.client.TerminalRef;
import io.kasa.client.TerminalRegistration;
import io.kasa.client.TerminalTag;
import io.kasa.server.KasaServerIT;
import io.kasa.server.RawHttp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static io.kasa.server.Refused.refused;
import static org.assertj.core.api.Assertions.assertThat;

/** Terminals (docs/api.md "Terminals"): registration, lists, connectivity and provider sync. */
class TerminalsIT extends KasaServerIT {

    private MerchantFixture merchant;
    private KasaClient client;
    private RawHttp http;

    @BeforeEach
    void merchant() {
        merchant = newMerchant("Terminals");
        client = merchant.client();
        http = new RawHttp(baseUri);
    }

    private RawHttp.Request physical(String method, String path) {
        return http.request(method, path).privateKeys(merchant.created().privateKey()).header("locale", "en");
    }

    private long terminalCount() {
        return client.terminals().list(0, 1).pagination().totalCount();
    }

    @Test
    void aTerminalRegisteredWithoutAConnectionGoesOnTheDefaultOne() {
        UUID id = client.terminals().register("Front till", "SN-DEFAULT");

        Terminal terminal = client.terminals().list(0, 10).items().getFirst();
        assertThat(terminal.id()).isEqualTo(id);
        assertThat(terminal.connectionId()).isEqualTo(merchant.created().connectionId());
        assertThat(terminal.connectionName()).isEqualTo("Kasa");
        assertThat(terminal.brandId()).isEqualTo(100);
        assertThat(terminal.providerId()).isEqualTo(100);
        assertThat(terminal.regionId()).isEqualTo(1);
        assertThat(terminal.terminalId()).matches("K\\d{6}");
        assertThat(terminal.serialNo()).isEqualTo("SN-DEFAULT");
        assertThat(terminal.name()).isEqualTo("Front till");
        assertThat(terminal.model()).isNull();
        assertThat(terminal.isPaired()).isFalse();
        assertThat(terminal.isSocketConnected()).isFalse();
        assertThat(terminal.lastSeenDate()).isNull();
    }

    @Test
    void anEmptyConnectionIdCountsAsAbsent() {
        JsonNode registered = physical("POST", "/api/terminal")
                .json("{\"Name\":\"Empty id\",\"SerialNo\":\"SN-EMPTY\",\"ConnectionId\":\"\"}").send().result();

        Terminal terminal = client.terminals().list(0, 10).items().getFirst();
        assertThat(terminal.id()).hasToString(registered.get("TerminalId").stringValue());
        assertThat(terminal.connectionId()).isEqualTo(merchant.created().connectionId());
    }

    @Test
    void aTerminalCanBeRegisteredOnANamedConnection() {
        UUID second = client.connections().create(ConnectionSettings.builtIn("Back office"));

        UUID id = client.terminals().register(TerminalRegistration.of("Back till", "SN-BACK")
                .withConnectionId(second).withModel("KT-100"));

        Terminal terminal = client.terminals().list(0, 10).items().getFirst();
        assertThat(terminal.id()).isEqualTo(id);
        assertThat(terminal.connectionId()).isEqualTo(second);
        assertThat(terminal.connectionName()).isEqualTo("Back office");
        assertThat(terminal.model()).isEqualTo("KT-100");
    }

    @Test
    void aTagCodeAtRegistrationAddsATagNamedAfterTheTerminal() {
        UUID id = client.terminals().register(TerminalRegistration.of("Tagged till", "SN-TAGGED").withTagCode("till-1"));

        List<TerminalTag> tags = client.tags().list(id, 0, 10).items();
        assertThat(tags).singleElement().satisfies(tag -> {
            assertThat(tag.terminalId()).isEqualTo(id);
            assertThat(tag.name()).isEqualTo("Tagged till");
            assertThat(tag.code()).isEqualTo("till-1");
            assertThat(tag.isActive()).isTrue();
        });
        assertThat(client.terminals().connectivity(TerminalRef.tag("till-1")).isSocketConnected()).isFalse();
    }

    @Test
    void aTagCodeInUseRefusesTheRegistrationAndRegistersNothing() {
        client.terminals().register(TerminalRegistration.of("First", "SN-FIRST").withTagCode("busy"));

        refused("Terminal.Tag.AlreadyExistsWithThisCode", () -> client.terminals()
                .register(TerminalRegistration.of("Second", "SN-SECOND").withTagCode("BUSY")));

        assertThat(terminalCount()).isEqualTo(1);
        client.terminals().register(TerminalRegistration.of("Second", "SN-SECOND").withTagCode("free"));
        assertThat(terminalCount()).isEqualTo(2);
    }

    @ParameterizedTest(name = "{0} of {1} characters: accepted {2}")
    @CsvSource({"Name, 100, true", "Name, 101, false", "SerialNo, 50, true", "SerialNo, 51, false",
            "Model, 50, true", "Model, 51, false", "TagCode, 25, true", "TagCode, 26, false"})
    void fieldLengthsHaveLimits(String field, int length, boolean accepted) {
        String value = "ş".repeat(length);
        TerminalRegistration registration = switch (field) {
            case "Name" -> TerminalRegistration.of(value, "SN-LENGTH");
            case "SerialNo" -> TerminalRegistration.of("Length", value);
            case "Model" -> TerminalRegistration.of("Length", "SN-LENGTH").withModel(value);
            case "TagCode" -> TerminalRegistration.of("Length", "SN-LENGTH").withTagCode(value);
            default -> throw new IllegalArgumentException(field);
        };

        if (accepted) {
            UUID id = client.terminals().register(registration);
            Terminal terminal = client.terminals().list(0, 10).items().getFirst();
            String stored = switch (field) {
                case "Name" -> terminal.name();
                case "SerialNo" -> terminal.serialNo();
                case "Model" -> terminal.model();
                default -> client.tags().list(id, 0, 10).items().getFirst().code();
            };
            assertThat(stored).isEqualTo(value);
        } else {
            assertThat(refused("System.ValidationError", () -> client.terminals().register(registration)).message())
                    .contains(field);
            assertThat(terminalCount()).isZero();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"with space", "a/b", "semi;colon", "hash#", "quote'", "star*", "emoji😀"})
    void aTagCodeHoldsOnlyLettersDigitsUnderscoresHyphensAndDots(String code) {
        assertThat(refused("System.ValidationError", () -> client.terminals()
                .register(TerminalRegistration.of("Bad tag", "SN-BAD-TAG").withTagCode(code))).message())
                .contains("TagCode");
        assertThat(terminalCount()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"SerialNo\":\"SN-1\"}", "{\"Name\":\"Till\"}", "{\"Name\":\"  \",\"SerialNo\":\"SN-1\"}",
            "{\"Name\":\"Till\",\"SerialNo\":\"\"}"})
    void aNameAndASerialNumberAreRequired(String body) {
        String message = physical("POST", "/api/terminal").json(body).send().refusedWith("System.ValidationError");

        assertThat(message).containsAnyOf("Name", "SerialNo");
        assertThat(terminalCount()).isZero();
    }

    @Test
    void aSerialNumberIsUniqueWithinTheMerchantOnly() {
        client.terminals().register("First", "SN-TWICE");

        refused("Terminal.AlreadyExistsWithThisSerialNo", () -> client.terminals().register("Second", "SN-TWICE"));

        assertThat(terminalCount()).isEqualTo(1);
        newMerchant("Terminals elsewhere").client().terminals().register("Elsewhere", "SN-TWICE");
    }

    @Test
    void anUnknownOrDeletedConnectionIsNotFound() {
        UUID deleted = client.connections().create(ConnectionSettings.builtIn("Closed shop"));
        client.connections().delete(deleted);

        for (UUID connection : List.of(UUID.randomUUID(), deleted)) {
            refused("Connection.NotFound", () -> client.terminals()
                    .register(TerminalRegistration.of("Lost", "SN-LOST").withConnectionId(connection)));
        }
        assertThat(terminalCount()).isZero();
    }

    @Test
    void terminalsAreListedPageByPageInTheOrderTheyWereRegistered() {
        List<UUID> registered = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            registered.add(client.terminals().register("Till " + i, "SN-PAGE-" + i));
        }

        List<UUID> listed = new ArrayList<>();
        for (int index = 0; index < 3; index++) {
            Page<Terminal> page = client.terminals().list(index, 2);
            assertThat(page.pagination().currentPage()).isEqualTo(index);
            assertThat(page.pagination().pageCount()).isEqualTo(3);
            assertThat(page.pagination().pageSize()).isEqualTo(2);
            assertThat(page.pagination().totalCount()).isEqualTo(5);
            assertThat(page.items()).hasSize(index < 2 ? 2 : 1);
            page.items().forEach(terminal -> listed.add(terminal.id()));
        }
        assertThat(listed).containsExactlyElementsOf(registered);

        Page<Terminal> beyond = client.terminals().list(3, 2);
        assertThat(beyond.items()).isEmpty();
        assertThat(beyond.pagination().totalCount()).isEqualTo(5);
        assertThat(client.terminals().list(0, 100).items()).hasSize(5);
    }

    @Test
    void anEmptyListHasNoPages() {
        Page<Terminal> page = client.terminals().list(0, 10);

        assertThat(page.items()).isEmpty();
        assertThat(page.pagination().totalCount()).isZero();
        assertThat(page.pagination().pageCount()).isZero();
    }

    @ParameterizedTest
    @CsvSource({"0, 0, pageSize", "0, 101, pageSize", "-1, 10, pageIndex"})
    void badPagingIsRefused(int pageIndex, int pageSize, String field) {
        UUID connection = merchant.created().connectionId();

        assertThat(refused("System.ValidationError", () -> client.terminals().list(pageIndex, pageSize)).message())
                .contains(field);
        assertThat(refused("System.ValidationError",
                () -> client.terminals().listByConnection(connection, pageIndex, pageSize)).message()).contains(field);
    }

    @Test
    void terminalsAreListedByConnection() {
        UUID first = merchant.created().connectionId();
        UUID second = client.connections().create(ConnectionSettings.builtIn("Second shop"));
        List<UUID> onFirst = List.of(client.terminals().register("A", "SN-A"), client.terminals().register("B", "SN-B"));
        List<UUID> onSecond = new ArrayList<>();
        for (String serial : List.of("SN-C", "SN-D", "SN-E")) {
            onSecond.add(client.terminals().register(TerminalRegistration.of(serial, serial).withConnectionId(second)));
        }

        Page<Terminal> firstPage = client.terminals().listByConnection(first, 0, 10);
        Page<Terminal> secondPage = client.terminals().listByConnection(second, 0, 2);

        assertThat(firstPage.items()).extracting(Terminal::id).containsExactlyElementsOf(onFirst);
        assertThat(firstPage.items()).allMatch(terminal -> terminal.connectionName().equals("Kasa"));
        assertThat(firstPage.pagination().totalCount()).isEqualTo(2);
        assertThat(secondPage.items()).extracting(Terminal::id).containsExactlyElementsOf(onSecond.subList(0, 2));
        assertThat(secondPage.items()).allMatch(terminal -> terminal.connectionId().equals(second));
        assertThat(secondPage.pagination().totalCount()).isEqualTo(3);
        assertThat(secondPage.pagination().pageCount()).isEqualTo(2);
        assertThat(client.terminals().listByConnection(second, 1, 2).items()).extracting(Terminal::id)
                .containsExactly(onSecond.get(2));
        assertThat(client.terminals().list(0, 10).pagination().totalCount()).isEqualTo(5);
        refused("Connection.NotFound", () -> client.terminals().listByConnection(UUID.randomUUID(), 0, 10));
    }

    @Test
    void anUnpairedTerminalIsNotConnectedAndWasNeverSeen() {
        UUID id = client.terminals().register(TerminalRegistration.of("Quiet", "SN-QUIET").withTagCode("quiet"));

        for (TerminalRef ref : List.of(TerminalRef.id(id), TerminalRef.tag("quiet"), TerminalRef.tag("QUIET"))) {
            TerminalConnectivity connectivity = client.terminals().connectivity(ref);
            assertThat(connectivity.isSocketConnected()).isFalse();
            assertThat(connectivity.lastSeenDate()).isNull();
        }
        JsonNode raw = physical("POST", "/api/terminal/connectivity/check").json("{\"TerminalId\":\"" + id + "\"}")
                .send().result();
        assertThat(raw.propertyNames()).containsExactlyInAnyOrder("IsSocketConnected", "LastSeenDate");
        assertThat(raw.get("LastSeenDate").isNull()).isTrue();
    }

    @Test
    void connectivityTakesExactlyOneOfIdAndTagCode() {
        UUID id = client.terminals().register(TerminalRegistration.of("One of", "SN-ONE-OF").withTagCode("one-of"));
        String path = "/api/terminal/connectivity/check";

        String both = physical("POST", path).json("{\"TerminalId\":\"" + id + "\",\"TerminalTagCode\":\"one-of\"}").send()
                .refusedWith("System.ValidationError");
        String neither = physical("POST", path).json("{}").send().refusedWith("System.ValidationError");
        physical("POST", path).json("{\"TerminalId\":\"" + id + "\",\"TerminalTagCode\":\"\"}").send().result();
        physical("POST", path).json("{\"TerminalId\":\"\",\"TerminalTagCode\":\"one-of\"}").send().result();

        assertThat(both).contains("TerminalId", "TerminalTagCode");
        assertThat(neither).contains("TerminalId", "TerminalTagCode");
    }

    @Test
    void anUnknownTerminalIsNotFound() {
        client.terminals().register(TerminalRegistration.of("Known", "SN-KNOWN").withTagCode("known"));

        refused("Terminal.NotFound", () -> client.terminals().connectivity(TerminalRef.id(UUID.randomUUID())));
        refused("Terminal.NotFound", () -> client.terminals().connectivity(TerminalRef.tag("unknown")));
    }

    @Test
    void syncingAConnectionOfTheBuiltInProviderAnswersTrue() {
        UUID second = client.connections().create(ConnectionSettings.builtIn("Synced"));

        assertThat(client.terminals().sync(merchant.created().connectionId())).isTrue();
        assertThat(client.terminals().sync(second)).isTrue();
        assertThat(physical("POST", "/api/terminal/sync").json("{\"ConnectionId\":\"" + second + "\"}").send()
                .result().booleanValue()).isTrue();
        refused("Connection.NotFound", () -> client.terminals().sync(UUID.randomUUID()));
        assertThat(physical("POST", "/api/terminal/sync").json("{}").send().refusedWith("System.ValidationError"))
                .contains("ConnectionId");
    }
}
