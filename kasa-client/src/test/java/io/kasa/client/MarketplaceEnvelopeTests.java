package io.kasa.client;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.util.UUID;

import static io.kasa.client.Replies.reply;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class MarketplaceEnvelopeTests {

    record TriggerJob(UUID jobId, BigDecimal earning, int count) {
    }

    @Test
    void successBindsBody() {
        HttpReply reply = reply(200, """
                {"ErrorCode":0,"Result":true,"Message":null,
                 "Body":{"JobId":"765c1ea9-bf03-4ee5-8d77-8e4893e5afe3","Earning":1250.50,"Count":4}}
                """);

        TriggerJob job = MarketplaceEnvelope.unwrap(reply, KasaJson.type(TriggerJob.class), true);

        assertThat(job.jobId()).isEqualTo(UUID.fromString("765c1ea9-bf03-4ee5-8d77-8e4893e5afe3"));
        assertThat(job.earning()).isEqualTo(new BigDecimal("1250.50"));
        assertThat(job.count()).isEqualTo(4);
    }

    @Test
    void namesAreReadInAnyCase() {
        HttpReply reply = reply(200, """
                {"errorCode":0,"result":true,"message":null,"body":{"jobId":"765c1ea9-bf03-4ee5-8d77-8e4893e5afe3","count":"2"}}
                """);

        TriggerJob job = MarketplaceEnvelope.unwrap(reply, KasaJson.type(TriggerJob.class), true);

        assertThat(job.count()).isEqualTo(2);
    }

    @Test
    void failureCarriesErrorCodeAndLocalisedMessage() {
        HttpReply reply = reply(422, """
                {"ErrorCode":198,"Result":false,"Message":"Üye bulunamadı","Body":null}
                """, "X-Request-Id", "r-1");

        KasaException refused = catchThrowableOfType(KasaException.class,
                () -> MarketplaceEnvelope.unwrap(reply, KasaJson.type(JsonNode.class), false));

        assertThat(refused.httpStatus()).isEqualTo(422);
        assertThat(refused.errorCode()).isEqualTo(198);
        assertThat(refused.message()).isEqualTo("Üye bulunamadı");
        assertThat(refused.clientMessage()).isNull();
        assertThat(refused.requestId()).isEqualTo("r-1");
    }

    @Test
    void resultFalseUnder200IsAFailureWhoseBodyStaysReadable() {
        HttpReply reply = reply(200, """
                {"ErrorCode":1,"Result":false,"Message":"Bazı kalemler başarısız",
                 "Body":[{"Result":false,"ResultMessage":"Ürün tutarı hatalı"}]}
                """);

        MarketplaceEnvelope.Reply envelope = MarketplaceEnvelope.read(reply);

        assertThat(envelope.succeeded()).isFalse();
        assertThat(envelope.body().get(0).get("ResultMessage").stringValue()).isEqualTo("Ürün tutarı hatalı");
        assertThat(catchThrowableOfType(KasaException.class,
                () -> MarketplaceEnvelope.unwrap(reply, KasaJson.type(JsonNode.class), false)).errorCode())
                .isEqualTo(1);
    }

    @Test
    void missingErrorCodeFollowsResult() {
        assertThat(MarketplaceEnvelope.read(reply(200, "{\"Result\":true,\"Body\":[]}")).succeeded()).isTrue();
        assertThat(MarketplaceEnvelope.read(reply(200, "{\"Result\":false,\"Body\":[]}")).succeeded()).isFalse();
    }

    @Test
    void missingResultFollowsErrorCode() {
        assertThat(MarketplaceEnvelope.read(reply(200, "{\"ErrorCode\":0,\"Body\":{}}")).succeeded()).isTrue();
        assertThat(MarketplaceEnvelope.read(reply(200, "{\"ErrorCode\":27,\"Body\":{}}")).succeeded()).isFalse();
    }

    @Test
    void physicalStyleRefusalOnAMarketplacePathKeepsItsClientMessage() {
        HttpReply reply = reply(401, """
                {"Result":null,"ErrorCode":1002,"Succeeded":false,"Failed":true,
                 "Message":"Yetkisiz","ClientMessage":"System.AuthError"}
                """);

        KasaException refused = catchThrowableOfType(KasaException.class,
                () -> MarketplaceEnvelope.unwrap(reply, KasaJson.type(JsonNode.class), false));

        assertThat(refused.errorCode()).isEqualTo(1002);
        assertThat(refused.is(ClientMessages.SYSTEM_AUTH_ERROR)).isTrue();
    }

    @Test
    void nonEnvelopeIsUnreadable() {
        KasaException refused = catchThrowableOfType(KasaException.class,
                () -> MarketplaceEnvelope.read(reply(200, "{\"JobId\":\"x\"}")));

        assertThat(refused.errorCode()).isEqualTo(KasaException.UNREADABLE);
        assertThat(catchThrowableOfType(KasaException.class,
                () -> MarketplaceEnvelope.read(reply(500, "oops"))).httpStatus()).isEqualTo(500);
    }
}
