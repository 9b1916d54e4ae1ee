package io.kasa.server.shared.web;

/**
 * The {@code {"Status": true}} result of write operations, as in Paywall; written
 * {@code {"status": true}} by the endpoints whose page shows it so ({@link AnswerShape}).
 */
public record Status(boolean status) {

    public static final Status OK = new Status(true);
}
