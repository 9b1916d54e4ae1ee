package io.kasa.server.shared.web;

/** The Physical API's answer to every request, success or failure. */
public record PhysicalEnvelope(Object result, int errorCode, boolean succeeded, boolean failed,
                               String message, String clientMessage) {

    public static PhysicalEnvelope success(Object result) {
        return new PhysicalEnvelope(result, 0, true, false, null, null);
    }

    public static PhysicalEnvelope failure(int errorCode, String message, String clientMessage) {
        return new PhysicalEnvelope(null, errorCode, false, true, message, clientMessage);
    }
}
