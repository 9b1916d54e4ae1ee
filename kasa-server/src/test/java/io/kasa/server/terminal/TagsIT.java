package io.kasa.server.terminal;

import io.kasa.client.KasaClient;
import io.kasa.client.KasaException;
import io.kasa.client.Page;
import io.kasa.client.PairRequest;
import io.kasa.client.TerminalRef;
import io.kasa.client.TerminalTag;
import io.kasa.server.KasaServerIT;
import io.kasa.server.RawHttp;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static io.kasa.server.Refused.refused;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Terminal tags (docs/api.md "Terminals"): codes unique per merchant without regard to
 * case, standing in for a terminal id while active.
 */
class TagsIT extends KasaServerIT {

    private MerchantFixture merchant;
    private KasaClient client;
    private RawHttp http;
    private UUID terminal;

    @BeforeEach
    void merchantWithATerminal() {
        merchant = newMerchant("Tags");
        client = merchant.client();
        http = new RawHttp(baseUri);
        terminal = client.terminals().register("Till", "SN-TAGS");
    }

    private RawHttp.Request physical(String method, String path) {
        return http.request(method, path).privateKeys(merchant.created().privateKey()).header("locale", "en");
    }

    private boolean resolves(String code) {
        try {
            client.terminals().connectivity(TerminalRef.tag(code));
            return true;
        } catch (KasaException e) {
            assertThat(e.clientMessage()).isEqualTo("Terminal.NotFound");
            return false;
        }
    }

    @Test
    void aTagIsAddedListedUpdatedAndDeleted() {
        JsonNode added = physical("POST", "/api/terminal/tag")
                .json("{\"TerminalId\":\"" + terminal + "\",\"Name\":\"Front\",\"Code\":\"front\"}").send().camelCaseResult();
        assertThat(added.propertyNames()).containsExactlyInAnyOrder("status", "terminalTagId");
        assertThat(added.get("status").booleanValue()).isTrue();
        UUID tagId = UUID.fromString(added.get("terminalTagId").stringValue());

        JsonNode item = physical("POST", "/api/terminal/tag/list").json("{}").send().result().get("Items").get(0);
        assertThat(item.propertyNames()).containsExactlyInAnyOrder(
                "Id", "TerminalId", "Name", "Code", "IsActive", "CreatedDate", "UpdateDate");
        TerminalTag listed = client.tags().list(0, 10).items().getFirst();
        assertThat(listed.id()).isEqualTo(tagId);
        assertThat(listed.terminalId()).isEqualTo(terminal);
        assertThat(listed.name()).isEqualTo("Front");
        assertThat(listed.code()).isEqualTo("front");
        assertThat(listed.isActive()).isTrue();
        assertThat(listed.createdDate()).isNotNull();
        assertThat(listed.updateDate()).isNull();
        assertThat(resolves("front")).isTrue();

        client.tags().update(tagId, "Counter", "counter", true);

        TerminalTag updated = client.tags().list(0, 10).items().getFirst();
        assertThat(updated.name()).isEqualTo("Counter");
        assertThat(updated.code()).isEqualTo("counter");
        assertThat(updated.updateDate()).isNotNull();
        assertThat(resolves("counter")).isTrue();
        assertThat(resolves("front")).isFalse();

        JsonNode deleted = physical("DELETE", "/api/terminal/tag").json("{\"TerminalTagId\":\"" + tagId + "\"}").send().camelCaseResult();

        assertThat(deleted.get("status").booleanValue()).isTrue();
        assertThat(client.tags().list(0, 10).items()).isEmpty();
        assertThat(resolves("counter")).isFalse();
        refused("Terminal.Tag.DeletedRecordNotFound", () -> client.tags().delete(tagId));
        client.tags().add(terminal, "Again", "counter");
    }

    @Test
    void tagsAreListedPerTerminalAndPageByPage() {
        UUID other = client.terminals().register("Other till", "SN-OTHER");
        List<UUID> onTerminal = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            onTerminal.add(client.tags().add(terminal, "Tag " + i, "tag-" + i));
        }
        UUID onOther = client.tags().add(other, "Other", "other");

        assertThat(client.tags().list(terminal, 0, 10).items()).extracting(TerminalTag::id)
                .containsExactlyElementsOf(onTerminal);
        assertThat(client.tags().list(other, 0, 10).items()).extracting(TerminalTag::id).containsExactly(onOther);
        assertThat(client.tags().list(UUID.randomUUID(), 0, 10).items()).isEmpty();
        Page<TerminalTag> first = client.tags().list(0, 3);
        Page<TerminalTag> second = client.tags().list(1, 3);
        assertThat(first.items()).extracting(TerminalTag::id).containsExactlyElementsOf(onTerminal);
        assertThat(second.items()).extracting(TerminalTag::id).containsExactly(onOther);
        assertThat(second.pagination().totalCount()).isEqualTo(4);
        assertThat(second.pagination().pageCount()).isEqualTo(2);
        assertThat(second.pagination().currentPage()).isEqualTo(1);
        refused("System.ValidationError", () -> client.tags().list(0, 0));
        refused("System.ValidationError", () -> client.tags().list(0, 101));
        refused("System.ValidationError", () -> client.tags().list(-1, 10));
    }

    @ParameterizedTest
    @CsvSource({"kasa-1, KASA-1", "Kasa.1, kasa.1", "dükkan_1, DÜKKAN_1", "ŞUBE, şube"})
    void aCodeIsUniqueWithinTheMerchantWithoutRegardToCase(String code, String sameCode) {
        UUID other = client.terminals().register("Other till", "SN-OTHER");
        UUID tagId = client.tags().add(terminal, "First", code);
        UUID otherTag = client.tags().add(other, "Second", "second");

        refused("Terminal.Tag.AlreadyExistsWithThisCode", () -> client.tags().add(other, "Copy", sameCode));
        refused("Terminal.Tag.AlreadyExistsWithThisCode", () -> client.tags().update(otherTag, "Second", sameCode, true));

        assertThat(client.tags().list(0, 10).items()).extracting(TerminalTag::code).containsExactly(code, "second");
        client.tags().update(tagId, "First", sameCode, true);
        assertThat(resolves(code)).isTrue();
    }

    @Test
    void anotherMerchantMayUseTheSameCodeForItsOwnTerminal() {
        client.tags().add(terminal, "Mine", "shared-code");
        KasaClient other = newMerchant("Tags neighbour").client();
        UUID othersTerminal = other.terminals().register("Neighbour till", "SN-TAGS");

        other.tags().add(othersTerminal, "Theirs", "shared-code");

        assertThat(other.pairing().request(TerminalRef.tag("shared-code")).terminalId()).isEqualTo(othersTerminal);
        assertThat(client.pairing().request(TerminalRef.tag("shared-code")).terminalId()).isEqualTo(terminal);
    }

    @Test
    void anInactiveTagNoLongerStandsInForItsTerminalButKeepsItsCode() {
        UUID tagId = client.tags().add(terminal, "Sleepy", "sleepy");

        client.tags().update(tagId, "Sleepy", "sleepy", false);

        assertThat(client.tags().list(0, 10).items().getFirst().isActive()).isFalse();
        refused("Terminal.NotFound", () -> client.terminals().connectivity(TerminalRef.tag("sleepy")));
        refused("Terminal.NotFound", () -> client.pairing().request(TerminalRef.tag("sleepy")));
        refused("Terminal.NotFound", () -> client.pairing().unpair(TerminalRef.tag("sleepy")));
        refused("Terminal.Tag.AlreadyExistsWithThisCode", () -> client.tags().add(terminal, "Awake", "SLEEPY"));
        client.terminals().connectivity(TerminalRef.id(terminal));

        client.tags().update(tagId, "Sleepy", "sleepy", true);

        assertThat(resolves("sleepy")).isTrue();
    }

    @ParameterizedTest(name = "{0} of {1} characters: accepted {2}")
    @CsvSource({"Name, 100, true", "Name, 101, false", "Code, 25, true", "Code, 26, false"})
    void fieldLengthsHaveLimits(String field, int length, boolean accepted) throws Throwable {
        UUID existing = client.tags().add(terminal, "Existing", "existing");
        String added = "ü".repeat(length);
        String updated = "ğ".repeat(length);
        boolean name = field.equals("Name");
        ThrowingCallable add = () -> client.tags().add(terminal, name ? added : "Added", name ? "added" : added);
        ThrowingCallable update = () -> client.tags().update(existing, name ? updated : "Existing", name ? "existing" : updated, true);

        if (accepted) {
            add.call();
            update.call();
            assertThat(client.tags().list(0, 10).items()).extracting(tag -> name ? tag.name() : tag.code())
                    .containsExactlyInAnyOrder(added, updated);
        } else {
            assertThat(refused("System.ValidationError", add).message()).contains(field);
            assertThat(refused("System.ValidationError", update).message()).contains(field);
            assertThat(client.tags().list(0, 10).items()).singleElement()
                    .satisfies(tag -> assertThat(tag.name()).isEqualTo("Existing"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"with space", "a/b", "comma,", "hash#", "quote\"", "tab\tin", "emoji😀", "  "})
    void aCodeHoldsOnlyLettersDigitsUnderscoresHyphensAndDots(String code) {
        assertThat(refused("System.ValidationError", () -> client.tags().add(terminal, "Bad", code)).message())
                .contains("Code");
        assertThat(client.tags().list(0, 10).items()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"Name\":\"N\",\"Code\":\"c\"}", "{\"TerminalId\":\"ID\",\"Code\":\"c\"}",
            "{\"TerminalId\":\"ID\",\"Name\":\"N\"}"})
    void addingNeedsTheTerminalANameAndACode(String body) {
        physical("POST", "/api/terminal/tag").json(body.replace("ID", terminal.toString())).send()
                .camelCaseRefusedWith("System.ValidationError");
        assertThat(client.tags().list(0, 10).items()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"Name\":\"N\",\"Code\":\"c\",\"IsActive\":true}",
            "{\"TerminalTagId\":\"ID\",\"Code\":\"c\",\"IsActive\":true}",
            "{\"TerminalTagId\":\"ID\",\"Name\":\"N\",\"IsActive\":true}",
            "{\"TerminalTagId\":\"ID\",\"Name\":\"N\",\"Code\":\"c\"}"})
    void updatingNeedsEveryField(String body) {
        UUID tagId = client.tags().add(terminal, "Whole", "whole");

        physical("PUT", "/api/terminal/tag").json(body.replace("ID", tagId.toString())).send()
                .camelCaseRefusedWith("System.ValidationError");

        TerminalTag unchanged = client.tags().list(0, 10).items().getFirst();
        assertThat(unchanged.name()).isEqualTo("Whole");
        assertThat(unchanged.updateDate()).isNull();
    }

    @Test
    void anUnknownTagOrTerminalIsNotFound() {
        UUID unknown = UUID.randomUUID();

        refused("Terminal.Tag.NotFound", () -> client.tags().update(unknown, "Name", "code", true));
        refused("Terminal.Tag.DeletedRecordNotFound", () -> client.tags().delete(unknown));
        refused("Terminal.NotFound", () -> client.tags().add(unknown, "Name", "code"));
        physical("DELETE", "/api/terminal/tag").json("{}").send().camelCaseRefusedWith("System.ValidationError");
    }

    @Test
    void aTurkishCodeStandsInForItsTerminalAsInTheSeedSample() {
        client.tags().add(terminal, "Dükkân", "dükkan_1");

        assertThat(client.tags().list(0, 10).items().getFirst().code()).isEqualTo("dükkan_1");
        assertThat(resolves("DÜKKAN_1")).isTrue();
        // seeds/000: the sample body, its commented-out TerminalId line included.
        JsonNode issued = physical("POST", "/api/pair/sync/request").json("""
                {
                // "TerminalId": "38e895c3-1a9a-4b73-8816-8557d1d031d6"
                "TerminalTagCode": "dükkan_1"
                }""").send().result();

        assertThat(issued.propertyNames()).containsExactlyInAnyOrder("PairRequestId", "TerminalId", "PairCode");
        assertThat(issued.get("TerminalId").stringValue()).isEqualTo(terminal.toString());
        assertThat(issued.get("PairCode").stringValue()).matches("\\d{6}");
        PairRequest byClient = client.pairing().request(TerminalRef.tag("dükkan_1"));
        assertThat(byClient.terminalId()).isEqualTo(terminal);
    }
}
