package io.kasa.client;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.EnumNamingStrategies;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.json.JsonMapper;

import java.util.List;

/**
 * The one JSON configuration of the client, matching the Paywall wire format:
 * <ul>
 *   <li>record components in camelCase and enum constants in UPPER_SNAKE_CASE are written in
 *       PascalCase ({@code terminalTagId} as {@code TerminalTagId}, {@code PRIVATE} as
 *       {@code Private});</li>
 *   <li>property names and enum values are read case-insensitively (Paywall sometimes
 *       answers {@code result}/{@code succeeded}), unknown properties are ignored;</li>
 *   <li>null request fields are left out;</li>
 *   <li>decimals never pass through binary floating point and keep their scale;</li>
 *   <li>dates are ISO-8601 text.</li>
 * </ul>
 * The mapper is immutable and shared.
 */
final class KasaJson {

    static final JsonMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.UPPER_CAMEL_CASE)
            .enumNamingStrategy(EnumNamingStrategies.UPPER_CAMEL_CASE)
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(JsonNodeFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
            .changeDefaultPropertyInclusion(inclusion -> JsonInclude.Value.ALL_NON_NULL)
            .build();

    private KasaJson() {
    }

    static JavaType type(Class<?> type) {
        return MAPPER.constructType(type);
    }

    static JavaType pageOf(Class<?> itemType) {
        return MAPPER.getTypeFactory().constructParametricType(Page.class, itemType);
    }

    static JavaType listOf(Class<?> itemType) {
        return MAPPER.getTypeFactory().constructCollectionType(List.class, itemType);
    }
}
