package io.kasa.server.hostile;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * The values the fuzzer puts in place of a valid one. <em>Hostile</em> values are wrong for
 * every input of their shape (a structure where a scalar belongs, text far past any length
 * limit, a NUL, a negative or astronomically large number, a day that does not exist, an id
 * that is no UUID), so a request carrying one must be refused. Ids that are well formed but
 * unknown, or another merchant's, are {@link CrossMerchantIT}'s. <em>Odd</em> values may well be
 * valid (null, empty, zero, a number where text belongs, control characters, emoji), so a
 * request carrying one only has to be answered without a server error.
 */
final class Values {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** A replacement for a value; {@code remove} drops the property instead. */
    record Mutant(String label, JsonNode value, boolean remove) {
        static Mutant of(String label, JsonNode value) {
            return new Mutant(label, value, false);
        }
    }

    private Values() {
    }

    static List<Mutant> hostile(Shape shape, String name, JsonNode valid) {
        List<Mutant> values = new ArrayList<>();
        switch (shape) {
            case ID -> {
                values.add(Mutant.of("not a uuid", text("not-a-uuid")));
                values.add(Mutant.of("number for an id", NODES.numberNode(12345)));
                values.add(Mutant.of("uuid with a NUL", text(valid.asString() + "\u0000")));
                values.add(Mutant.of("flag for an id", NODES.booleanNode(true)));
            }
            case DAY -> {
                values.add(Mutant.of("month 13", text("2024-13-45")));
                values.add(Mutant.of("30 February", text("2024-02-30")));
                values.add(Mutant.of("year 99999", text("+99999-01-01")));
                values.add(Mutant.of("year before zero", text("-0001-01-01")));
                values.add(Mutant.of("dotted day", text("01.05.2024")));
                values.add(Mutant.of("number for a day", NODES.numberNode(20240501)));
            }
            case INTEGER -> {
                values.add(Mutant.of("words for a number", text("abc")));
                values.add(Mutant.of("negative", NODES.numberNode(-1)));
                values.add(Mutant.of("fraction", NODES.numberNode(new BigDecimal("1.5"))));
                values.add(Mutant.of("1e400", NODES.numberNode(new BigDecimal("1e400"))));
                values.add(Mutant.of("30 digits", NODES.numberNode(new BigInteger("123456789012345678901234567890"))));
                values.add(Mutant.of("flag for a number", NODES.booleanNode(true)));
                values.add(Mutant.of("NaN", text("NaN")));
            }
            case DECIMAL -> {
                values.add(Mutant.of("words for a number", text("abc")));
                values.add(Mutant.of("negative", NODES.numberNode(new BigDecimal("-1"))));
                values.add(Mutant.of("three fraction digits", NODES.numberNode(new BigDecimal("0.001"))));
                values.add(Mutant.of("1e400", NODES.numberNode(new BigDecimal("1e400"))));
                values.add(Mutant.of("40 digits", NODES.numberNode(new BigDecimal("1234567890123456789012345678901234567890"))));
                values.add(Mutant.of("flag for a number", NODES.booleanNode(true)));
                values.add(Mutant.of("Infinity", text("Infinity")));
                if (name.endsWith("Amount")) {
                    values.add(Mutant.of("zero amount", NODES.numberNode(BigDecimal.ZERO)));
                    values.add(Mutant.of("negative amount", NODES.numberNode(new BigDecimal("-0.01"))));
                }
            }
            case FLAG -> {
                values.add(Mutant.of("words for a flag", text("maybe")));
                values.add(Mutant.of("long text for a flag", text("y".repeat(5000))));
            }
            case TEXT -> {
                values.add(Mutant.of("300 characters", text("Ş".repeat(300))));
                values.add(Mutant.of("5000 characters", text("a".repeat(5000))));
                values.add(Mutant.of("NUL inside", text("ab\u0000cd")));
                values.add(Mutant.of("list of text", NODES.arrayNode().add("x")));
            }
            case OBJECT -> {
                values.add(Mutant.of("text for an object", text("x")));
                values.add(Mutant.of("number for an object", NODES.numberNode(7)));
                values.add(Mutant.of("object inside a list", NODES.arrayNode().add(valid.deepCopy())));
            }
            case LIST -> {
                values.add(Mutant.of("text for a list", text("x")));
                values.add(Mutant.of("object for a list", NODES.objectNode()));
                values.add(Mutant.of("null item", NODES.arrayNode().addNull()));
                if (!valid.isEmpty()) {
                    ArrayNode many = NODES.arrayNode();
                    for (int i = 0; i < 1000; i++) {
                        many.add(valid.get(0).deepCopy());
                    }
                    values.add(Mutant.of("1000 items", many));
                }
            }
        }
        if (shape != Shape.OBJECT && shape != Shape.LIST) {
            values.add(Mutant.of("object for a scalar", NODES.objectNode().put("x", 1)));
            values.add(Mutant.of("list for a scalar", NODES.arrayNode().add(1)));
        }
        return values;
    }

    static List<Mutant> odd(Shape shape, JsonNode valid) {
        List<Mutant> values = new ArrayList<>();
        values.add(Mutant.of("null", NODES.nullNode()));
        values.add(new Mutant("absent", null, true));
        switch (shape) {
            case TEXT, DAY, ID -> {
                values.add(Mutant.of("empty text", text("")));
                values.add(Mutant.of("blanks", text("   ")));
                values.add(Mutant.of("Turkish, emoji and a bidi override", text("Şükrü ığüşöç İ 💳 \u202Eevil")));
                values.add(Mutant.of("control characters", text("a\u0001b\tc\u007f\u2028d")));
                values.add(Mutant.of("number for text", NODES.numberNode(42)));
                values.add(Mutant.of("flag for text", NODES.booleanNode(false)));
                values.add(Mutant.of("upper case", text(valid.asString().toUpperCase())));
            }
            case INTEGER, DECIMAL -> {
                values.add(Mutant.of("zero", NODES.numberNode(0)));
                values.add(Mutant.of("numeric text", text(valid.asString())));
                values.add(Mutant.of("largest int", NODES.numberNode(Integer.MAX_VALUE)));
                values.add(Mutant.of("padded numeric text", text("  " + valid.asString() + " ")));
            }
            case FLAG -> {
                values.add(Mutant.of("one for true", NODES.numberNode(1)));
                values.add(Mutant.of("text true", text("TRUE")));
                values.add(Mutant.of("flipped", NODES.booleanNode(!valid.asBoolean())));
            }
            case OBJECT -> {
                values.add(Mutant.of("empty object", NODES.objectNode()));
                ObjectNode extra = valid.isObject() ? ((ObjectNode) valid).deepCopy() : NODES.objectNode();
                extra.putObject("Unknown").putArray("Nested").add(1).addObject().putNull("x");
                values.add(Mutant.of("unknown property inside", extra));
            }
            case LIST -> {
                values.add(Mutant.of("empty list", NODES.arrayNode()));
                if (!valid.isEmpty()) {
                    values.add(Mutant.of("first item twice", NODES.arrayNode().add(valid.get(0).deepCopy()).add(valid.get(0).deepCopy())));
                }
            }
        }
        return values;
    }

    /** Hostile replacements for a path variable, a header or a query parameter, as raw (already encoded) text. */
    static List<Mutant> hostileText(Shape shape) {
        List<Mutant> values = new ArrayList<>();
        switch (shape) {
            case ID -> {
                values.add(Mutant.of("not a uuid", text("not-a-uuid")));
                values.add(Mutant.of("number for an id", text("12345")));
            }
            case INTEGER -> {
                values.add(Mutant.of("words for a number", text("abc")));
                values.add(Mutant.of("fraction", text("1.5")));
                values.add(Mutant.of("past the largest int", text("99999999999")));
            }
            case DAY -> {
                values.add(Mutant.of("month 13", text("2024-13-45")));
                values.add(Mutant.of("year 99999", text("+99999-01-01")));
                values.add(Mutant.of("dotted day", text("01.05.2024")));
            }
            default -> {
            }
        }
        values.add(Mutant.of("5000 characters", text("z".repeat(5000))));
        values.add(Mutant.of("NUL inside", text("ab\u0000cd")));
        return values;
    }

    /** Odd replacements for a path variable, a header or a query parameter. */
    static List<Mutant> oddText(Shape shape) {
        List<Mutant> values = new ArrayList<>();
        values.add(Mutant.of("empty", text("")));
        values.add(Mutant.of("blank", text(" ")));
        values.add(Mutant.of("negative", text("-1")));
        values.add(Mutant.of("zero", text("0")));
        values.add(Mutant.of("Turkish letters", text("İşçi")));
        if (shape == Shape.TEXT) {
            values.add(Mutant.of("free text", text("any text at all")));
        }
        return values;
    }

    private static JsonNode text(String value) {
        return NODES.stringNode(value);
    }
}
