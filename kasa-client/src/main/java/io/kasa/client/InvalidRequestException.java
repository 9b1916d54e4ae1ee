package io.kasa.client;

import java.io.Serial;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * 400, 405, 413 or 415: the request itself is wrong: a field breaks its rule
 * ({@code System.ValidationError}, and the marketplace's and member API's field codes), the
 * body is not JSON, too large, or the method is wrong. Sending it again changes nothing.
 *
 * <p>A {@code System.ValidationError}'s message is the catalog's text, a colon, and a detail
 * that starts with the field, in either language ({@code "Validation error: Products[0].Name is
 * required"}, {@code "Doğrulama hatası: Amount sıfırdan büyük olmalıdır"}); {@link #field()}
 * gives that name. Refusals with a constant of their own
 * ({@code Member.Validation.Email}, {@code Payment.Product.InvalidCargoType}) name the field by
 * their {@link #clientMessage()}.
 */
public final class InvalidRequestException extends KasaException {

    @Serial
    private static final long serialVersionUID = 1L;

    /**
     * A field path as the server writes it: a wire name ({@code Amount}, {@code pageIndex}, the
     * header {@code X-Kasa-Wait}), with list indexes and nested names ({@code Products[0].Name}).
     */
    private static final Pattern FIELD = Pattern.compile(
            "(?:One of )?([A-Za-z][A-Za-z0-9-]*(?:\\[\\d+])?(?:\\.[A-Za-z][A-Za-z0-9]*(?:\\[\\d+])?)*)[ ,:]");

    /** The sentences that do not start with a field (the body as a whole, a header search). */
    private static final Set<String> NOT_FIELDS = Set.of("The", "A", "An", "At", "En", "Tarih", "Calculator");

    /** {@code System.ValidationError}'s {@code ErrorCode}, for envelopes that carry no {@code ClientMessage}. */
    private static final int VALIDATION_ERROR = 1001;

    InvalidRequestException(Failure failure, Throwable cause) {
        super(failure, cause);
    }

    /**
     * The field a {@code System.ValidationError} names, e.g. {@code Products[0].Name} or
     * {@code TerminalId} (the first of two that cannot go together); empty for other refusals
     * and when the message names none (a body that is not JSON).
     */
    public Optional<String> field() {
        boolean validation = is(ClientMessages.SYSTEM_VALIDATION_ERROR)
                || (clientMessage() == null && errorCode() == VALIDATION_ERROR);
        return validation ? fieldNamedIn(message()) : Optional.empty();
    }

    static Optional<String> fieldNamedIn(String message) {
        if (message == null) {
            return Optional.empty();
        }
        int detail = message.indexOf(": ");
        if (detail < 0) {
            return Optional.empty();
        }
        Matcher matcher = FIELD.matcher(message.substring(detail + 2).strip());
        if (!matcher.lookingAt() || NOT_FIELDS.contains(matcher.group(1))) {
            return Optional.empty();
        }
        return Optional.of(matcher.group(1));
    }
}
