package io.kasa.server.shared.web;

/** The Physical API's answer to every request, success or failure. */
public record PhysicalEnvelope(Object result, int errorCode, boolean succeeded, boolean failed,
                               String message, String clientMessage) {

    public static PhysicalEnvelope success(Object result) {
        return new PhysicalEnvelope(result, 0, true, false, null, null);
    }

    public static PhysicalEnvelope failure(int errorCode, String message, String clientMessage) {
        return failure(errorCode, message, clientMessage, null);
    }

    /** A refusal whose {@code Result} names what the request created before it was refused. */
    public static PhysicalEnvelope failure(int errorCode, String message, String clientMessage, Object result) {
        return new PhysicalEnvelope(result, errorCode, false, true, message, clientMessage);
    }
}
