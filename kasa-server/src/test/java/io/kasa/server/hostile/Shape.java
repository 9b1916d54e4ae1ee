package io.kasa.server.hostile;

import tools.jackson.databind.JsonNode;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.util.Collection;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * What kind of value an input holds, which decides what is certainly wrong for it. The
 * declared Java type says it where there is one; where the handler reads a tree or a plain
 * string (member bodies, marketplace headers), the valid value's form says it.
 */
enum Shape {
    ID, DAY, INTEGER, DECIMAL, FLAG, TEXT, OBJECT, LIST;

    private static final Pattern UUID_FORM =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern DAY_FORM = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");
    private static final Pattern INTEGER_FORM = Pattern.compile("-?[0-9]{1,18}");

    /** The shape of a body value: by its declared type when known, else by the value itself. */
    static Shape of(Type declared, JsonNode value) {
        Class<?> type = raw(declared);
        if (type == null || type == Object.class || JsonNode.class.isAssignableFrom(type)) {
            return of(value);
        }
        if (type == UUID.class) {
            return ID;
        }
        if (type == LocalDate.class) {
            return DAY;
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class
                || type == Short.class || type == short.class || type == BigInteger.class) {
            return INTEGER;
        }
        if (type == BigDecimal.class || type == Double.class || type == double.class) {
            return DECIMAL;
        }
        if (type == Boolean.class || type == boolean.class) {
            return FLAG;
        }
        if (type == String.class) {
            // Free text, except a day written as text: a wrong day is certainly wrong there.
            return value != null && value.isString() && DAY_FORM.matcher(value.stringValue()).matches() ? DAY : TEXT;
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return LIST;
        }
        return OBJECT;
    }

    /** The shape of a value read without a declared type (a tree, a header, a query parameter). */
    static Shape of(JsonNode value) {
        if (value == null || value.isNull()) {
            return TEXT;
        }
        if (value.isObject()) {
            return OBJECT;
        }
        if (value.isArray()) {
            return LIST;
        }
        if (value.isBoolean()) {
            return FLAG;
        }
        if (value.isIntegralNumber()) {
            return INTEGER;
        }
        if (value.isNumber()) {
            return DECIMAL;
        }
        return ofText(value.stringValue());
    }

    static Shape ofText(String text) {
        if (UUID_FORM.matcher(text).matches()) {
            return ID;
        }
        if (DAY_FORM.matcher(text).matches()) {
            return DAY;
        }
        if (INTEGER_FORM.matcher(text).matches()) {
            return INTEGER;
        }
        return TEXT;
    }

    /** The declared type of the property {@code name} of {@code owner} (a record), matched in any case. */
    static Type property(Type owner, String name) {
        Class<?> type = raw(owner);
        if (type == null) {
            return null;
        }
        if (type.isRecord()) {
            for (RecordComponent component : type.getRecordComponents()) {
                if (component.getName().equalsIgnoreCase(name)) {
                    return component.getGenericType();
                }
            }
            return null;
        }
        if (Map.class.isAssignableFrom(type) && owner instanceof ParameterizedType map) {
            return map.getActualTypeArguments()[1];
        }
        return null;
    }

    /** The element type of a declared list. */
    static Type element(Type list) {
        if (list instanceof ParameterizedType parameterized && Collection.class.isAssignableFrom(raw(list))) {
            return parameterized.getActualTypeArguments()[0];
        }
        Class<?> type = raw(list);
        return type != null && type.isArray() ? type.getComponentType() : null;
    }

    static Class<?> raw(Type type) {
        if (type instanceof Class<?> plain) {
            return plain;
        }
        if (type instanceof ParameterizedType parameterized && parameterized.getRawType() instanceof Class<?> plain) {
            return plain;
        }
        return null;
    }
}
