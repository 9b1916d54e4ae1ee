package io.kasa.server;

import io.kasa.client.KasaException;
import io.kasa.server.shared.KasaError;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Asserts that a call made with the client SDK is refused with a given catalog entry. */
public final class Refused {

    private Refused() {
    }

    /**
     * Runs {@code call}, which must fail with the {@code clientMessage} entry of the catalog,
     * its HTTP status and its code, and a message; returns the failure for further checks.
     */
    public static KasaException refused(String clientMessage, ThrowingCallable call) {
        KasaError error = Arrays.stream(KasaError.values())
                .filter(candidate -> candidate.clientMessage().equals(clientMessage))
                .findFirst().orElseThrow(() -> new AssertionError("not in the catalog: " + clientMessage));
        KasaException failure = catchThrowableOfType(KasaException.class, call);
        assertThat(failure).as("refusal with %s", clientMessage).isNotNull();
        assertThat(failure.clientMessage()).as(failure.getMessage()).isEqualTo(clientMessage);
        assertThat(failure.httpStatus()).as(failure.getMessage()).isEqualTo(error.httpStatus());
        assertThat(failure.errorCode()).as(failure.getMessage()).isEqualTo(error.code());
        assertThat(failure.message()).isNotBlank();
        return failure;
    }
}
