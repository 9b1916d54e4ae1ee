package io.kasa.server.shared.web;

/** The {@code {"Status": true}} result of write operations, as in Paywall. */
public record Status(boolean status) {

    public static final Status OK = new Status(true);
}
