package io.kasa.server.terminal;

import io.kasa.server.shared.BusinessTime;
import io.kasa.server.shared.KasaError;
import io.kasa.server.shared.KasaException;
import io.kasa.server.shared.LocalizedText;
import io.kasa.server.shared.MerchantId;
import io.kasa.server.shared.SqlTime;
import io.kasa.server.shared.web.Paging;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** A merchant's connections to terminal providers. */
@Service
public class Connections {

    static final String DEFAULT_NAME = "Kasa";
    private static final TypeReference<Map<String, String>> PARAMETERS = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final BusinessTime time;
    private final JsonMapper json;

    Connections(JdbcClient jdbc, BusinessTime time, JsonMapper json) {
        this.jdbc = jdbc;
        this.time = time;
        this.json = json;
    }

    /** The connection to the built-in provider that every merchant starts with. */
    @Transactional
    public UUID createDefault(MerchantId merchant) {
        return create(merchant, new ConnectionSettings(DEFAULT_NAME, DEFAULT_NAME, Providers.KASA_BRAND,
                Providers.KASA_PROVIDER, Providers.TURKEY, 1, true, false, true, true, Map.of()));
    }

    @Transactional
    public UUID create(MerchantId merchant, ConnectionSettings settings) {
        checkProvider(settings);
        UUID id = UUID.randomUUID();
        try {
            jdbc.sql("""
                            insert into connection (id, merchant_id, name, display_name, brand_id, provider_id, region_id,
                                end_of_day_id, is_prod, is_reporting, is_async_payment, is_socket_payment,
                                service_parameters, created_at)
                            values (:id, :merchant, :name, :displayName, :brand, :provider, :region, :endOfDay, :prod,
                                :reporting, :async, :socket, cast(:parameters as jsonb), :now)""")
                    .param("id", id).param("merchant", merchant.value())
                    .params(settingsParameters(settings))
                    .param("now", SqlTime.of(time.now()))
                    .update();
        } catch (DuplicateKeyException e) {
            throw new KasaException(KasaError.CONNECTION_ALREADY_EXISTS);
        }
        return id;
    }

    @Transactional
    public void update(MerchantId merchant, UUID id, ConnectionSettings settings) {
        checkProvider(settings);
        int updated;
        try {
            updated = jdbc.sql("""
                            update connection set name = :name, display_name = :displayName, brand_id = :brand,
                                provider_id = :provider, region_id = :region, end_of_day_id = :endOfDay, is_prod = :prod,
                                is_reporting = :reporting, is_async_payment = :async, is_socket_payment = :socket,
                                service_parameters = cast(:parameters as jsonb), updated_at = :now
                            where id = :id and merchant_id = :merchant and not is_deleted""")
                    .param("id", id).param("merchant", merchant.value())
                    .params(settingsParameters(settings))
                    .param("now", SqlTime.of(time.now()))
                    .update();
        } catch (DuplicateKeyException e) {
            throw new KasaException(KasaError.CONNECTION_ALREADY_EXISTS);
        }
        if (updated == 0) {
            throw new KasaException(KasaError.CONNECTION_UPDATED_RECORD_NOT_FOUND);
        }
    }

    /** Deletes a connection no terminal uses any more. */
    @Transactional
    public void delete(MerchantId merchant, UUID id) {
        Connection connection = findOr(merchant, id, KasaError.CONNECTION_DELETED_RECORD_NOT_FOUND);
        long terminals = jdbc.sql("select count(*) from terminal where connection_id = :id")
                .param("id", connection.id()).query(Long.class).single();
        if (terminals > 0) {
            throw new KasaException(KasaError.CONNECTION_HAS_TERMINALS);
        }
        jdbc.sql("update connection set is_deleted = true, updated_at = :now where id = :id")
                .param("id", id).param("now", SqlTime.of(time.now())).update();
    }

    /** Makes a connection passive: its terminals cannot be paired while it is. */
    @Transactional
    public void disconnect(MerchantId merchant, UUID id) {
        Connection connection = get(merchant, id);
        if (!connection.isConnected()) {
            throw new KasaException(KasaError.CONNECTION_NOT_CONNECTED);
        }
        setConnected(id, false);
    }

    @Transactional
    public void reconnect(MerchantId merchant, UUID id) {
        Connection connection = get(merchant, id);
        if (connection.isConnected()) {
            throw new KasaException(KasaError.CONNECTION_ALREADY_CONNECTED);
        }
        setConnected(id, true);
    }

    /** The connection even if it was deleted since (payments keep naming it); null if not the merchant's. */
    public Connection find(MerchantId merchant, UUID id) {
        return jdbc.sql("select * from connection where id = :id and merchant_id = :merchant")
                .param("id", id).param("merchant", merchant.value())
                .query(this::connection).optional().orElse(null);
    }

    public Connection get(MerchantId merchant, UUID id) {
        return findOr(merchant, id, KasaError.CONNECTION_NOT_FOUND);
    }

    public Paging.Page<Connection> list(MerchantId merchant, Paging paging) {
        long total = jdbc.sql("select count(*) from connection where merchant_id = :merchant and not is_deleted")
                .param("merchant", merchant.value()).query(Long.class).single();
        List<Connection> items = jdbc.sql("""
                        select * from connection where merchant_id = :merchant and not is_deleted
                        order by created_at, id limit :limit offset :offset""")
                .param("merchant", merchant.value()).param("limit", paging.size()).param("offset", paging.offset())
                .query(this::connection)
                .list();
        return paging.page(items, total);
    }

    /** The merchant's built-in connection, where terminals go when no connection is named. */
    UUID defaultConnection(MerchantId merchant) {
        return jdbc.sql("""
                        select id from connection where merchant_id = :merchant and not is_deleted
                          and brand_id = :brand and provider_id = :provider
                        order by created_at, id limit 1""")
                .param("merchant", merchant.value()).param("brand", Providers.KASA_BRAND)
                .param("provider", Providers.KASA_PROVIDER)
                .query(UUID.class)
                .optional()
                .orElseThrow(() -> new KasaException(KasaError.CONNECTION_NOT_FOUND));
    }

    private Connection findOr(MerchantId merchant, UUID id, KasaError missing) {
        return jdbc.sql("select * from connection where id = :id and merchant_id = :merchant and not is_deleted")
                .param("id", id).param("merchant", merchant.value())
                .query(this::connection)
                .optional()
                .orElseThrow(() -> new KasaException(missing));
    }

    private void setConnected(UUID id, boolean connected) {
        jdbc.sql("update connection set is_connected = :connected, updated_at = :now where id = :id")
                .param("connected", connected).param("now", SqlTime.of(time.now())).param("id", id).update();
    }

    private static void checkProvider(ConnectionSettings settings) {
        Providers.Provider provider = Providers.find(settings.brandId(), settings.providerId(), settings.regionId());
        if (provider == null) {
            throw new KasaException(KasaError.VALIDATION_ERROR, new LocalizedText(
                    "BrandId, ProviderId ve RegionId bilinen bir sağlayıcıyı göstermiyor",
                    "BrandId, ProviderId and RegionId do not name a known provider"));
        }
        Set<String> allowed = provider.parameterNames();
        for (String key : settings.serviceParameters().keySet()) {
            if (!allowed.contains(key)) {
                throw new KasaException(KasaError.CONNECTION_SERVICE_PARAMETERS_INVALID, new LocalizedText(
                        "ServiceParameters." + key + " bu sağlayıcı için tanımlı değil",
                        "ServiceParameters." + key + " is not a parameter of this provider"));
            }
        }
        for (Providers.ServiceParameter parameter : provider.serviceParameters()) {
            String value = settings.serviceParameters().get(parameter.name());
            if (parameter.isRequired() && (value == null || value.isBlank())) {
                throw new KasaException(KasaError.CONNECTION_SERVICE_PARAMETERS_INVALID, new LocalizedText(
                        "ServiceParameters." + parameter.name() + " zorunludur",
                        "ServiceParameters." + parameter.name() + " is required"));
            }
        }
    }

    private Map<String, Object> settingsParameters(ConnectionSettings settings) {
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("name", settings.name());
        parameters.put("displayName", settings.displayName());
        parameters.put("brand", settings.brandId());
        parameters.put("provider", settings.providerId());
        parameters.put("region", settings.regionId());
        parameters.put("endOfDay", settings.endOfDayId());
        parameters.put("prod", settings.isProd());
        parameters.put("reporting", settings.isReporting());
        parameters.put("async", settings.isAsyncPayment());
        parameters.put("socket", settings.isSocketPayment());
        parameters.put("parameters", json.writeValueAsString(settings.serviceParameters()));
        return parameters;
    }

    private Connection connection(ResultSet row, int n) throws SQLException {
        return new Connection(row.getObject("id", UUID.class), row.getString("name"), row.getString("display_name"),
                row.getInt("brand_id"), row.getInt("provider_id"), row.getInt("region_id"), row.getInt("end_of_day_id"),
                row.getBoolean("is_prod"), row.getBoolean("is_reporting"), row.getBoolean("is_async_payment"),
                row.getBoolean("is_socket_payment"), json.readValue(row.getString("service_parameters"), PARAMETERS),
                row.getBoolean("is_connected"), row.getBoolean("is_deleted"), SqlTime.read(row, "created_at"));
    }
}
