package io.kasa.server.shared.web;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.SerializableString;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.core.io.IOContext;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.sym.PropertyNameMatcher;
import tools.jackson.core.util.JsonParserDelegate;

import java.io.DataInput;
import java.io.InputStream;
import java.io.Reader;

/**
 * JSON whose text is Unicode. Every string and property name a parser reads is checked for
 * UTF-16 surrogates that are not paired: a lone {@code "\ud800"}, a high surrogate not
 * followed by a low one, a low one alone. Jackson reads them into a Java string, but such a
 * string has no UTF-8 form: PostgreSQL stores {@code ?} in its place, so two different
 * values become one and a hash is computed over text that is not what was sent. The check
 * is in the parsers' factory, so it holds for every request body and every device frame,
 * whatever the value is read into (a record, a map, a tree).
 */
public final class UnicodeJson {

    private UnicodeJson() {
    }

    /** Thrown by a parser at a string or property name that is not Unicode; its context names the field. */
    public static final class NotUnicode extends StreamReadException {
        NotUnicode(JsonParser parser, String what) {
            super(parser, what + " holds a UTF-16 surrogate that is not part of a pair: it is not Unicode text");
        }
    }

    /** The factory of every JSON mapper that reads what callers send. */
    public static JsonFactory factory() {
        return new CheckingFactory();
    }

    /** True when every surrogate in {@code text} is a high one followed by a low one. */
    public static boolean isUnicode(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    private static final class CheckingFactory extends JsonFactory {

        CheckingFactory() {
            super();
        }

        private CheckingFactory(CheckingFactory source) {
            super(source);
        }

        @Override
        public JsonFactory copy() {
            return new CheckingFactory(this);
        }

        @Override
        protected JsonParser _createParser(ObjectReadContext context, IOContext io, InputStream in) {
            return new CheckingParser(super._createParser(context, io, in));
        }

        @Override
        protected JsonParser _createParser(ObjectReadContext context, IOContext io, Reader reader) {
            return new CheckingParser(super._createParser(context, io, reader));
        }

        @Override
        protected JsonParser _createParser(ObjectReadContext context, IOContext io, char[] data, int offset, int length,
                                           boolean recyclable) {
            return new CheckingParser(super._createParser(context, io, data, offset, length, recyclable));
        }

        @Override
        protected JsonParser _createParser(ObjectReadContext context, IOContext io, byte[] data, int offset, int length) {
            return new CheckingParser(super._createParser(context, io, data, offset, length));
        }

        @Override
        protected JsonParser _createParser(ObjectReadContext context, IOContext io, DataInput input) {
            return new CheckingParser(super._createParser(context, io, input));
        }
    }

    /**
     * Checks the token after every step. The other ways to step ({@code nextStringValue()}
     * and the like) are built on {@link #nextToken()} in {@link JsonParser}, so they pass here.
     */
    private static final class CheckingParser extends JsonParserDelegate {

        CheckingParser(JsonParser parser) {
            super(parser);
        }

        @Override
        public JsonToken nextToken() throws JacksonException {
            return checked(delegate.nextToken());
        }

        @Override
        public JsonToken nextValue() throws JacksonException {
            return checked(delegate.nextValue());
        }

        @Override
        public String nextName() throws JacksonException {
            String name = delegate.nextName();
            checked(delegate.currentToken());
            return name;
        }

        @Override
        public boolean nextName(SerializableString expected) throws JacksonException {
            boolean matched = delegate.nextName(expected);
            checked(delegate.currentToken());
            return matched;
        }

        @Override
        public int nextNameMatch(PropertyNameMatcher matcher) throws JacksonException {
            int match = delegate.nextNameMatch(matcher);
            checked(delegate.currentToken());
            return match;
        }

        private JsonToken checked(JsonToken token) {
            if (token == JsonToken.VALUE_STRING && !isUnicode(delegate.getString())) {
                throw new NotUnicode(this, "the value");
            }
            if (token == JsonToken.PROPERTY_NAME && !isUnicode(delegate.currentName())) {
                throw new NotUnicode(this, "a property name");
            }
            return token;
        }
    }
}
