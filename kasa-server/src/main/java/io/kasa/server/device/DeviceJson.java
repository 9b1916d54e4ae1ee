package io.kasa.server.device;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.kasa.server.payment.DeviceOrder;
import io.kasa.server.shared.web.StrictUuid;
import io.kasa.server.shared.web.UnicodeJson;
import org.springframework.stereotype.Component;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The device protocol's JSON: camelCase, absent fields left out, unknown fields ignored, ids
 * read exactly, text that is not Unicode refused (a frame holding it is malformed).
 */
@Component
class DeviceJson {

    private final JsonMapper json = JsonMapper.builder(UnicodeJson.factory())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .addModule(StrictUuid.module())
            .changeDefaultPropertyInclusion(inclusion -> inclusion.withValueInclusion(JsonInclude.Include.NON_NULL))
            .build();

    String write(DeviceMessage message) {
        return json.writeValueAsString(message);
    }

    /** The {@code order} message: its type, then the order's own fields, written in one pass. */
    String order(DeviceOrder order) {
        return json.writeValueAsString(new OrderMessage("order", order));
    }

    private record OrderMessage(String type, @JsonUnwrapped DeviceOrder order) {
    }

    DeviceMessage read(String text) {
        return json.readValue(text, DeviceMessage.class);
    }

    String write(DeviceMessage.Card card) {
        return card == null ? null : json.writeValueAsString(card);
    }
}
