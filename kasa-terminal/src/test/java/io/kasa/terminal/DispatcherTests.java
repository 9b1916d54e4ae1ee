package io.kasa.terminal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class DispatcherTests {

    static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void routesByTypeAndIgnoresTypesItDoesNotKnow() {
        List<JsonNode> pings = new ArrayList<>();
        Dispatcher dispatcher = new Dispatcher().on("ping", (message, connection) -> pings.add(message));

        assertThat(dispatcher.dispatch("ping", JSON.readTree("{\"type\":\"ping\",\"id\":7}"), null)).isTrue();
        assertThat(dispatcher.dispatch("order", JSON.readTree("{\"type\":\"order\"}"), null)).isFalse();

        assertThat(pings).singleElement().satisfies(ping -> assertThat(ping.get("id").asInt()).isEqualTo(7));
    }

    @Test
    void oneHandlerPerType() {
        Dispatcher dispatcher = new Dispatcher().on("ping", (message, connection) -> { });

        assertThatThrownBy(() -> dispatcher.on("ping", (message, connection) -> { }))
                .isInstanceOf(IllegalStateException.class);
    }
}
