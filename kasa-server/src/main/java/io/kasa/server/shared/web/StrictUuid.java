package io.kasa.server.shared.web;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JacksonModule;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.module.SimpleModule;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Reads ids exactly: the 36-character form, in either case, with spaces around it allowed
 * and a blank one counting as absent. Jackson's own reader trims every character up to the
 * space, control characters included, so an id followed by a NUL would name the same
 * terminal as the id alone and a garbage request would act on a real record. Used by the API's JSON
 * and by the device protocol's.
 */
public final class StrictUuid extends ValueDeserializer<UUID> {

    private static final Pattern FORM =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    public static JacksonModule module() {
        return new SimpleModule("kasa-strict-ids").addDeserializer(UUID.class, new StrictUuid());
    }

    @Override
    public UUID deserialize(JsonParser parser, DeserializationContext context) {
        if (!parser.hasToken(JsonToken.VALUE_STRING)) {
            return (UUID) context.handleUnexpectedToken(UUID.class, parser);
        }
        String text = parser.getString().strip();
        if (text.isEmpty()) {
            return null;
        }
        if (!FORM.matcher(text).matches()) {
            throw context.weirdStringException(text, UUID.class, "not a UUID");
        }
        return UUID.fromString(text);
    }
}
