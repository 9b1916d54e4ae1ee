package io.kasa.server.shared.web;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.lang.reflect.Method;

/**
 * How a Physical endpoint's answer is written. Paywall's pages are not uniform: most samples
 * show the PascalCase envelope, some show the same envelope in camelCase (with camelCase
 * names inside {@code result} too), and the provider lists show the result alone. The live
 * service answers as the samples show, so Kasa does too; docs/api.md "Paywall compatibility"
 * lists each endpoint's shape.
 *
 * <p>A refusal of an endpoint is written in the same casing as its success, so a client
 * reads one set of names per endpoint; an endpoint whose success has no envelope is refused
 * in the common envelope, since a refusal has nothing else to say it with.
 */
public enum AnswerShape {

    /**
     * {@code {"Result", "ErrorCode", "Succeeded", "Failed", "Message", "ClientMessage"}}:
     * every endpoint not marked otherwise.
     */
    PASCAL_CASE_ENVELOPE,

    /**
     * {@code {"result", "errorCode", "succeeded", "failed", "message", "clientMessage"}},
     * with camelCase names inside {@code result} too.
     */
    CAMEL_CASE_ENVELOPE,

    /** The result alone, with PascalCase names, as the provider lists' sample shows it. */
    BARE_RESULT;

    /** Marks a handler whose answer is not the common PascalCase envelope. */
    @Target(ElementType.METHOD)
    @Retention(RetentionPolicy.RUNTIME)
    public @interface Answered {
        AnswerShape value();
    }

    /** The shape of a handler's answers: its mark, else the common envelope. */
    public static AnswerShape of(Method handler) {
        Answered answered = handler == null ? null : handler.getAnnotation(Answered.class);
        return answered == null ? PASCAL_CASE_ENVELOPE : answered.value();
    }
}
