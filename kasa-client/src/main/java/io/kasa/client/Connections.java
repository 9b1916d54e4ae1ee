package io.kasa.client;

import tools.jackson.databind.node.ObjectNode;

import java.util.Objects;
import java.util.UUID;

/**
 * Connection endpoints ({@code /api/connection/**}): a connection binds the merchant to one
 * brand, provider and region. Every merchant starts with one to the built-in provider,
 * named {@code Kasa}. Thread-safe; obtain from {@link KasaClient#connections()}.
 */
public final class Connections {

    private record Created(UUID connectionId) {
    }

    private record IdBody(UUID id) {
    }

    private final KasaClient client;

    Connections(KasaClient client) {
        this.client = client;
    }

    /** POST {@code /api/connection/list}. */
    public Page<Connection> list(int pageIndex, int pageSize) {
        return client.postForPage("/api/connection/list", new PageQuery(pageIndex, pageSize), Connection.class);
    }

    /** GET {@code /api/connection/{id}/detail}: service parameter values masked. */
    public ConnectionDetail detail(UUID id) {
        Objects.requireNonNull(id, "id");
        return client.get("/api/connection/" + id + "/detail", ConnectionDetail.class);
    }

    /** POST {@code /api/connection}: returns the new {@code ConnectionId}. */
    public UUID create(ConnectionSettings settings) {
        Objects.requireNonNull(settings, "settings");
        return client.post("/api/connection", settings, Created.class).connectionId();
    }

    /** PUT {@code /api/connection}: replaces every setting of connection {@code id}. */
    public void update(UUID id, ConnectionSettings settings) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(settings, "settings");
        ObjectNode body = KasaJson.MAPPER.valueToTree(settings);
        body.put("Id", id.toString());
        client.put("/api/connection", body, Void.class);
    }

    /** DELETE {@code /api/connection}: refused with {@code Connection.HasTerminals} while terminals use it. */
    public void delete(UUID id) {
        Objects.requireNonNull(id, "id");
        client.delete("/api/connection", new IdBody(id), Void.class);
    }

    /** PUT {@code /api/connection/disconnect}: keeps the connection but refuses pairing its terminals. */
    public void disconnect(UUID id) {
        Objects.requireNonNull(id, "id");
        client.put("/api/connection/disconnect", new IdBody(id), Void.class);
    }

    /** PUT {@code /api/connection/reconnect}: undoes {@link #disconnect(UUID)}. */
    public void reconnect(UUID id) {
        Objects.requireNonNull(id, "id");
        client.put("/api/connection/reconnect", new IdBody(id), Void.class);
    }
}
