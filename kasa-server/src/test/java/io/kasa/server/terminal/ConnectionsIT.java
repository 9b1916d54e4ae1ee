package io.kasa.server.terminal;

import io.kasa.client.Connection;
import io.kasa.client.ConnectionDetail;
import io.kasa.client.ConnectionSettings;
import io.kasa.client.KasaClient;
import io.kasa.client.PairRequest;
import io.kasa.client.ProviderCatalog;
import io.kasa.client.TerminalRef;
import io.kasa.client.TerminalRegistration;
import io.kasa.server.KasaServerIT;
import io.kasa.server.RawHttp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.kasa.server.Refused.refused;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Connections and the provider catalog (docs/api.md "Connections and providers"): the
 * built-in provider, the default connection, CRUD with its rules, disconnecting, and
 * service parameters that never come back in clear.
 */
class ConnectionsIT extends KasaServerIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private MerchantFixture merchant;
    private KasaClient client;
    private RawHttp http;

    @BeforeEach
    void merchant() {
        merchant = newMerchant("Connections");
        client = merchant.client();
        http = new RawHttp(baseUri);
    }

    private RawHttp.Request physical(String method, String path) {
        return http.request(method, path).privateKeys(merchant.created().privateKey()).header("locale", "en");
    }

    /** A valid create body for the built-in provider, in wire names, to spoil one field at a time. */
    private static Map<String, Object> validBody(String name) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("BrandId", 100);
        body.put("ProviderId", 100);
        body.put("RegionId", 1);
        body.put("EndOfDayId", 1);
        body.put("DisplayName", "Shop");
        body.put("IsProd", false);
        body.put("IsReporting", false);
        body.put("IsAsyncPayment", true);
        body.put("IsSocketPayment", true);
        body.put("ServiceParameters", Map.of());
        body.put("Name", name);
        return body;
    }

    @Test
    void theCatalogHoldsTheBuiltInProvider() {
        RawHttp.Answer answer = physical("GET", "/api/provider/list").send();
        JsonNode raw = answer.json();
        ProviderCatalog catalog = client.providers().list();

        // as Paywall's sample: the lists at the top level, without the envelope
        assertThat(answer.status()).isEqualTo(200);
        assertThat(raw.propertyNames()).containsExactlyInAnyOrder("Providers", "Brands", "Regions");
        assertThat(raw.get("Providers").get(0).propertyNames()).containsExactlyInAnyOrder("Brand", "Provider", "Region",
                "IsActive", "Name", "IsReporting", "IsAsyncPayment", "IsSocketPayment", "ServiceParameters");
        assertThat(catalog.providers()).singleElement().satisfies(provider -> {
            assertThat(provider.brand()).isEqualTo(100);
            assertThat(provider.provider()).isEqualTo(100);
            assertThat(provider.region()).isEqualTo(1);
            assertThat(provider.name()).isEqualTo("Kasa");
            assertThat(provider.isActive()).isTrue();
            assertThat(provider.serviceParameters()).isEmpty();
        });
        assertThat(catalog.brands()).singleElement().satisfies(brand -> {
            assertThat(brand.brand()).isEqualTo(100);
            assertThat(brand.name()).isEqualTo("Kasa");
        });
        assertThat(catalog.regions()).singleElement().satisfies(region -> assertThat(region.region()).isEqualTo(1));
    }

    @Test
    void theCatalogOfARegionHoldsOnlyWhatServesThatRegion() {
        ProviderCatalog turkey = client.providers().listByRegion(1);
        ProviderCatalog nowhere = client.providers().listByRegion(999);

        assertThat(turkey).isEqualTo(client.providers().list());
        assertThat(nowhere.providers()).isEmpty();
        assertThat(nowhere.brands()).isEmpty();
        assertThat(nowhere.regions()).isEmpty();
        physical("GET", "/api/provider/abc/list").send().refusedWith("System.ValidationError");
    }

    @Test
    void everyMerchantStartsWithAConnectionToTheBuiltInProviderNamedKasa() {
        List<Connection> connections = client.connections().list(0, 10).items();

        assertThat(connections).singleElement().satisfies(connection -> {
            assertThat(connection.id()).isEqualTo(merchant.created().connectionId());
            assertThat(connection.name()).isEqualTo("Kasa");
            assertThat(connection.brandId()).isEqualTo(100);
            assertThat(connection.providerId()).isEqualTo(100);
            assertThat(connection.regionId()).isEqualTo(1);
            assertThat(connection.isConnected()).isTrue();
        });
        ConnectionDetail detail = client.connections().detail(merchant.created().connectionId());
        assertThat(detail.isDelete()).isFalse();
        assertThat(detail.serviceParameters()).isEmpty();
    }

    @Test
    void aConnectionIsCreatedListedDetailedUpdatedAndDeleted() {
        JsonNode created = physical("POST", "/api/connection").json(JSON.writeValueAsString(validBody("Şube 1"))).send()
                .camelCaseResult();
        assertThat(created.propertyNames()).containsExactlyInAnyOrder("status", "connectionId");
        assertThat(created.get("status").booleanValue()).isTrue();
        UUID id = UUID.fromString(created.get("connectionId").stringValue());

        assertThat(client.connections().list(0, 10).items()).extracting(Connection::name).containsExactly("Kasa", "Şube 1");
        JsonNode detail = physical("GET", "/api/connection/" + id + "/detail").send().result();
        assertThat(detail.propertyNames()).containsExactlyInAnyOrder("Id", "Name", "DisplayName", "EndOfDayId",
                "IsReporting", "IsAsyncPayment", "IsSocketPayment", "BrandId", "ProviderId", "RegionId", "IsProd",
                "IsConnected", "IsDelete", "ServiceParameters");
        assertThat(detail.get("DisplayName").stringValue()).isEqualTo("Shop");

        ConnectionSettings changed = ConnectionSettings.builtIn("Şube 2").withDisplayName("Mağaza")
                .withEndOfDayId(30).withProd(true).withReporting(true).withAsyncPayment(false).withSocketPayment(false);
        client.connections().update(id, changed);

        ConnectionDetail updated = client.connections().detail(id);
        assertThat(updated.name()).isEqualTo("Şube 2");
        assertThat(updated.displayName()).isEqualTo("Mağaza");
        assertThat(updated.endOfDayId()).isEqualTo(30);
        assertThat(updated.isProd()).isTrue();
        assertThat(updated.isReporting()).isTrue();
        assertThat(updated.isAsyncPayment()).isFalse();
        assertThat(updated.isSocketPayment()).isFalse();
        assertThat(updated.isConnected()).isTrue();
        assertThat(updated.isDelete()).isFalse();

        JsonNode deleted = physical("DELETE", "/api/connection").json("{\"Id\":\"" + id + "\"}").send()
                .camelCaseResult();

        assertThat(deleted.get("status").booleanValue()).isTrue();
        assertThat(client.connections().list(0, 10).items()).extracting(Connection::name).containsExactly("Kasa");
        refused("Connection.NotFound", () -> client.connections().detail(id));
        refused("Connection.DeletedRecordNotFound", () -> client.connections().delete(id));
        refused("Connection.UpdatedRecordNotFound", () -> client.connections().update(id, changed));
        refused("Connection.NotFound", () -> client.connections().disconnect(id));
        client.connections().create(ConnectionSettings.builtIn("Şube 2"));
    }

    @Test
    void connectionsAreListedPageByPage() {
        for (int i = 1; i <= 4; i++) {
            client.connections().create(ConnectionSettings.builtIn("Branch " + i));
        }

        var second = client.connections().list(1, 2);

        assertThat(second.items()).extracting(Connection::name).containsExactly("Branch 2", "Branch 3");
        assertThat(second.pagination().totalCount()).isEqualTo(5);
        assertThat(second.pagination().pageCount()).isEqualTo(3);
        refused("System.ValidationError", () -> client.connections().list(0, 0));
        refused("System.ValidationError", () -> client.connections().list(0, 101));
        refused("System.ValidationError", () -> client.connections().list(-1, 10));
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', nullValues = "ABSENT", value = {
            "Name|ABSENT|Name", "Name|''|Name", "Name|NAME_101|Name",
            "DisplayName|DISPLAY_26|DisplayName",
            "EndOfDayId|0|EndOfDayId", "EndOfDayId|31|EndOfDayId", "EndOfDayId|ABSENT|EndOfDayId",
            "EndOfDayId|1.5|EndOfDayId",
            "IsProd|ABSENT|IsProd", "IsReporting|ABSENT|IsReporting",
            "IsAsyncPayment|ABSENT|IsAsyncPayment", "IsSocketPayment|ABSENT|IsSocketPayment",
            "BrandId|ABSENT|BrandId", "ProviderId|ABSENT|ProviderId", "RegionId|ABSENT|RegionId",
            "ProviderId|101|ProviderId", "BrandId|1|BrandId", "RegionId|2|RegionId"})
    void invalidSettingsAreRefusedOnCreateAndUpdate(String field, String value, String named) {
        Map<String, Object> body = validBody("Valid");
        if (value == null) {
            body.remove(field);
        } else {
            body.put(field, switch (value) {
                case "NAME_101" -> "n".repeat(101);
                case "DISPLAY_26" -> "d".repeat(26);
                case "1.5" -> 1.5;
                default -> value.matches("-?\\d+") ? Integer.parseInt(value) : value;
            });
        }
        UUID existing = client.connections().create(ConnectionSettings.builtIn("Existing"));

        String created = physical("POST", "/api/connection").json(JSON.writeValueAsString(body)).send()
                .camelCaseRefusedWith("System.ValidationError");
        body.put("Id", existing.toString());
        String updated = physical("PUT", "/api/connection").json(JSON.writeValueAsString(body)).send()
                .camelCaseRefusedWith("System.ValidationError");

        assertThat(created).contains(named);
        assertThat(updated).contains(named);
        assertThat(client.connections().list(0, 10).items()).extracting(Connection::name).containsExactly("Kasa", "Existing");
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', value = {"Name|NAME_100", "DisplayName|DISPLAY_25", "DisplayName|''",
            "EndOfDayId|1", "EndOfDayId|30", "EndOfDayId|\"15\""})
    void settingsAtTheirBoundsAreAccepted(String field, String value) {
        Map<String, Object> body = validBody("Bounds");
        body.put(field, switch (value) {
            case "NAME_100" -> "ş".repeat(100);
            case "DISPLAY_25" -> "ç".repeat(25);
            case "\"15\"" -> "15";
            default -> value.matches("\\d+") ? Integer.parseInt(value) : value;
        });

        UUID id = UUID.fromString(physical("POST", "/api/connection").json(JSON.writeValueAsString(body)).send()
                .camelCaseResult().get("connectionId").stringValue());

        ConnectionDetail detail = client.connections().detail(id);
        Object stored = switch (field) {
            case "Name" -> detail.name();
            case "DisplayName" -> detail.displayName();
            default -> detail.endOfDayId();
        };
        Object sent = body.get(field);
        if (sent instanceof String text && text.isEmpty()) {
            assertThat(stored).isNull();
        } else {
            assertThat(String.valueOf(stored)).isEqualTo(String.valueOf(sent));
        }
    }

    @Test
    void anUnknownServiceParameterIsRefused() {
        ConnectionSettings settings = ConnectionSettings.builtIn("With parameters")
                .withServiceParameters(Map.of("ApiKey", "s3cr3t"));
        UUID existing = client.connections().create(ConnectionSettings.builtIn("Existing"));

        assertThat(refused("Connection.ServiceParametersInvalid", () -> client.connections().create(settings)).message())
                .contains("ApiKey");
        refused("Connection.ServiceParametersInvalid", () -> client.connections().update(existing, settings));

        assertThat(client.connections().list(0, 10).items()).extracting(Connection::name).containsExactly("Kasa", "Existing");
        assertThat(client.connections().detail(existing).serviceParameters()).isEmpty();
    }

    @Test
    void aNameIsUniqueWithinTheMerchantWithoutRegardToCase() {
        UUID branch = client.connections().create(ConnectionSettings.builtIn("Şube"));

        refused("Connection.AlreadyExists", () -> client.connections().create(ConnectionSettings.builtIn("kasa")));
        refused("Connection.AlreadyExists", () -> client.connections().create(ConnectionSettings.builtIn("ŞUBE")));
        refused("Connection.AlreadyExists", () -> client.connections().update(branch, ConnectionSettings.builtIn("KASA")));

        assertThat(client.connections().list(0, 10).items()).extracting(Connection::name).containsExactly("Kasa", "Şube");
        client.connections().update(branch, ConnectionSettings.builtIn("şube"));
        newMerchant("Connections elsewhere").client().connections().create(ConnectionSettings.builtIn("Şube"));
    }

    @Test
    void aConnectionWithTerminalsCannotBeDeleted() {
        UUID branch = client.connections().create(ConnectionSettings.builtIn("Busy"));
        client.terminals().register(TerminalRegistration.of("Till", "SN-BUSY").withConnectionId(branch));
        client.terminals().register("Default till", "SN-DEFAULT");

        refused("Connection.HasTerminals", () -> client.connections().delete(branch));
        refused("Connection.HasTerminals", () -> client.connections().delete(merchant.created().connectionId()));

        assertThat(client.connections().list(0, 10).items()).extracting(Connection::id)
                .containsExactly(merchant.created().connectionId(), branch);
        assertThat(client.connections().detail(branch).isDelete()).isFalse();
    }

    @Test
    void aDisconnectedConnectionRefusesPairingItsTerminalsUntilReconnected() {
        UUID branch = client.connections().create(ConnectionSettings.builtIn("Passive"));
        UUID terminal = client.terminals().register(TerminalRegistration.of("Till", "SN-PASSIVE")
                .withConnectionId(branch).withTagCode("passive"));

        client.connections().disconnect(branch);

        assertThat(client.connections().detail(branch).isConnected()).isFalse();
        assertThat(client.connections().list(0, 10).items()).filteredOn(connection -> connection.id().equals(branch))
                .singleElement().satisfies(connection -> assertThat(connection.isConnected()).isFalse());
        refused("Connection.NotConnected", () -> client.connections().disconnect(branch));
        refused("Connection.NotConnected", () -> client.pairing().request(TerminalRef.id(terminal)));
        refused("Connection.NotConnected", () -> client.pairing().request(TerminalRef.tag("passive")));
        assertThat(jdbc.sql("select count(*) from pair_request where terminal_id = :terminal")
                .param("terminal", terminal).query(Long.class).single()).isZero();

        client.connections().reconnect(branch);

        assertThat(client.connections().detail(branch).isConnected()).isTrue();
        refused("Connection.AlreadyConnected", () -> client.connections().reconnect(branch));
        assertThat(client.pairing().request(TerminalRef.id(terminal)).pairCode()).matches("\\d{6}");
    }

    @Test
    void aCodeIssuedBeforeTheConnectionWasDisconnectedPairsNoDeviceWhileItIs() {
        UUID branch = client.connections().create(ConnectionSettings.builtIn("Paused"));
        UUID terminal = client.terminals().register(TerminalRegistration.of("Till", "SN-PAUSED").withConnectionId(branch));
        PairRequest issued = client.pairing().request(TerminalRef.id(terminal));
        String device = "{\"PairCode\":\"" + issued.pairCode() + "\",\"SerialNo\":\"DEV-PAUSED\"}";

        client.connections().disconnect(branch);

        http.post("/api/device/pair").json(device).send().refusedWith("Connection.NotConnected");
        assertThat(client.terminals().listByConnection(branch, 0, 10).items().getFirst().isPaired()).isFalse();

        client.connections().reconnect(branch);

        JsonNode paired = http.post("/api/device/pair").json(device).send().result();
        assertThat(paired.get("TerminalId").stringValue()).isEqualTo(terminal.toString());
        assertThat(client.terminals().listByConnection(branch, 0, 10).items().getFirst().isPaired()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/connection/disconnect", "/api/connection/reconnect"})
    void disconnectingAndReconnectingNeedAKnownConnection(String path) {
        physical("PUT", path).json("{\"Id\":\"" + UUID.randomUUID() + "\"}").send().camelCaseRefusedWith("Connection.NotFound");
        assertThat(physical("PUT", path).json("{}").send().camelCaseRefusedWith("System.ValidationError")).contains("Id");
    }

    @Test
    void theDetailMasksEveryServiceParameterValue() {
        UUID branch = client.connections().create(ConnectionSettings.builtIn("Masked"));
        // The built-in provider takes no parameters, so they are put in place the way a
        // third-party provider's connection would hold them.
        jdbc.sql("update connection set service_parameters = cast(:parameters as jsonb) where id = :id")
                .param("parameters", "{\"ApiKey\":\"s3cr3t-value\",\"MerchantNo\":\"998877\"}").param("id", branch)
                .update();

        RawHttp.Answer answer = physical("GET", "/api/connection/" + branch + "/detail").send();

        assertThat(client.connections().detail(branch).serviceParameters())
                .containsExactlyInAnyOrderEntriesOf(Map.of("ApiKey", "***", "MerchantNo", "***"));
        assertThat(answer.text()).doesNotContain("s3cr3t-value", "998877");
        assertThat(physical("POST", "/api/connection/list").json("{}").send().text()).doesNotContain("s3cr3t-value", "998877");
    }
}
