package io.kasa.server.shared;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class ErrorCatalogTests {

    @Test
    void everyErrorCodeIsUnique() {
        Set<Integer> codes = Arrays.stream(KasaError.values()).map(KasaError::code).collect(Collectors.toSet());
        assertThat(codes).hasSize(KasaError.values().length);
    }

    @Test
    void everyClientMessageIsUnique() {
        Set<String> messages = Arrays.stream(KasaError.values()).map(KasaError::clientMessage).collect(Collectors.toSet());
        assertThat(messages).hasSize(KasaError.values().length);
    }

    @Test
    void everyErrorHasBothLanguagesAndAnErrorStatus() {
        for (KasaError error : KasaError.values()) {
            assertThat(error.text().tr()).as(error + " tr").isNotBlank();
            assertThat(error.text().en()).as(error + " en").isNotBlank();
            assertThat(error.text().tr()).as(error + " differs by language").isNotEqualTo(error.text().en());
            assertThat(error.httpStatus()).as(error + " status").isBetween(400, 599);
            assertThat(error.code()).as(error + " code").isPositive();
        }
    }

    @Test
    void paywallConstantsKeepTheirSpelling() {
        assertThat(KasaError.PAYMENT_CLOUD_NOT_SEND_TO_DEVICE.clientMessage()).isEqualTo("Payment.Async.CloudNotSendToDevice");
        assertThat(KasaError.VALIDATION_ERROR.clientMessage()).isEqualTo("System.ValidationError");
        assertThat(KasaError.AUTH_ERROR.httpStatus()).isEqualTo(401);
    }
}
