package io.kasa.server.payment;

import io.kasa.client.ClientMessages;
import io.kasa.client.KasaException;
import io.kasa.client.SaleResult;
import io.kasa.server.Devices;
import io.kasa.server.KasaServerIT;
import io.kasa.server.Seeds;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.core.json.JsonReadFeature;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static io.kasa.server.Refused.refused;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every rule of the sale order (SPEC §4.2 and the seeds), each at and past its edge. A
 * refused sale answers 400 naming the field and writes nothing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SaleValidationIT extends KasaServerIT {

    private static final JsonMapper JSON = JsonMapper.builder().enable(JsonReadFeature.ALLOW_JAVA_COMMENTS).build();

    private MerchantFixture merchant;
    private UUID terminalId;

    @BeforeAll
    void pairedTerminal() {
        connectClients();
        merchant = newMerchant("validation");
        terminalId = Devices.register(merchant.client(), "Till");
        track(Devices.paired(baseUri, merchant.client(), terminalId));
    }

    private static Arguments refusal(String field, Consumer<ObjectNode> change) {
        return Arguments.of(field, change);
    }

    private static Arguments accepted(String what, Consumer<ObjectNode> change) {
        return Arguments.of(what, change);
    }

    private static ObjectNode product(ObjectNode sale) {
        return (ObjectNode) sale.get("Products").get(0);
    }

    private static ObjectNode customer(ObjectNode sale) {
        return (ObjectNode) sale.get("Customer");
    }

    static Stream<Arguments> refusals() {
        return Stream.of(
                refusal("TerminalTagCode", sale -> sale.put("TerminalTagCode", "till")),
                refusal("TerminalId", sale -> sale.remove("TerminalId")),
                refusal("MerchantUniqueCode", sale -> sale.remove("MerchantUniqueCode")),
                refusal("MerchantUniqueCode", sale -> sale.put("MerchantUniqueCode", "  ")),
                refusal("MerchantUniqueCode", sale -> sale.put("MerchantUniqueCode", "m".repeat(65))),
                refusal("Amount", sale -> sale.remove("Amount")),
                refusal("Amount", sale -> sale.put("Amount", 0)),
                refusal("Amount", sale -> sale.put("Amount", -22)),
                refusal("Amount", sale -> sale.put("Amount", new java.math.BigDecimal("21.999"))),
                refusal("Amount", sale -> sale.put("Amount", new java.math.BigDecimal("1234567890123"))),
                refusal("Amount", sale -> sale.put("Amount", "abc")),
                refusal("CurrencyId", sale -> sale.put("CurrencyId", 8)),
                refusal("CurrencyId", sale -> sale.put("CurrencyId", 0)),
                refusal("CurrencyId", sale -> sale.remove("CurrencyId")),
                refusal("Methods[1].PaymentMethodId", sale -> ((ObjectNode) sale.get("Methods").get(1)).put("PaymentMethodId", 15)),
                // found by HostileInputIT: a thousand methods made a sale (and an order larger than a device takes)
                refusal("Methods", sale -> {
                    ArrayNode many = sale.putArray("Methods");
                    for (int i = 0; i < 15; i++) {
                        many.addObject().put("PaymentMethodId", 1 + i % 14);
                    }
                }),
                // found by HostileInputIT: Jackson trims control characters off ids, so this named the terminal
                refusal("TerminalId", sale -> sale.put("TerminalId", sale.get("TerminalId").asString() + "\u0000")),
                refusal("Products", sale -> sale.putArray("Products")),
                refusal("Products", sale -> sale.remove("Products")),
                refusal("Products", sale -> {
                    ArrayNode many = sale.putArray("Products");
                    for (int i = 0; i < 101; i++) {
                        many.addObject().put("Name", "p").put("TaxGroupId", 10).put("UnitCodeId", 1).put("Amount", 1).put("Quantity", 1);
                    }
                    sale.put("Amount", 101);
                }),
                refusal("Products[0].Name", sale -> product(sale).put("Name", "n".repeat(76))),
                refusal("Products[0].Name", sale -> product(sale).remove("Name")),
                refusal("Products[0].TaxGroupId", sale -> product(sale).put("TaxGroupId", 18)),
                refusal("Products[0].UnitCodeId", sale -> product(sale).put("UnitCodeId", 11)),
                refusal("Products[0].Quantity", sale -> product(sale).put("Quantity", 0)),
                refusal("Products[0].Quantity", sale -> product(sale).put("Quantity", 1.5)),
                refusal("Products[0].Amount", sale -> product(sale).put("Amount", 0)),
                refusal("Products[0].PaymentMethodId", sale -> product(sale).put("PaymentMethodId", 99)),
                refusal("Products[0].MemberId", sale -> product(sale).put("MemberId", "not-a-guid")),
                refusal("Amount", sale -> product(sale).put("Amount", 21.99)),
                refusal("Amount", sale -> {
                    product(sale).put("Amount", 11);
                    ((ArrayNode) sale.get("Products")).addObject().put("Name", "Fön").put("TaxGroupId", 10)
                            .put("UnitCodeId", 4).put("Amount", 10.99).put("Quantity", 1);
                }),
                refusal("DisplayCode", sale -> sale.put("DisplayCode", "d".repeat(26))),
                refusal("CallbackAddress", sale -> sale.put("CallbackAddress", "https://example.com/" + "c".repeat(131))),
                refusal("CallbackAddress", sale -> sale.put("CallbackAddress", "ftp://example.com/hook")),
                refusal("CallbackAddress", sale -> sale.put("CallbackAddress", "/relative/hook")),
                refusal("Customer.Type", sale -> customer(sale).put("Type", 3)),
                refusal("Customer.Identity", sale -> customer(sale).put("Identity", "")),
                refusal("Customer.FirstName", sale -> customer(sale).remove("FirstName")),
                refusal("Customer.LastName", sale -> customer(sale).put("LastName", " ")),
                refusal("Customer.CompanyName", sale -> customer(sale).put("Type", 2)),
                refusal("Customer.TaxNumber", sale -> customer(sale).put("Type", 2).put("CompanyName", "Kasa A.Ş.")
                        .put("TaxOfficeCode", "034")),
                refusal("Customer.Email", sale -> customer(sale).put("Email", "not-an-address")),
                refusal("Customer.Phone", sale -> customer(sale).put("Phone", "call me")),
                refusal("Customer.FirstName", sale -> customer(sale).put("FirstName", "f".repeat(51))),
                refusal("Customer.MiddleName", sale -> customer(sale).put("MiddleName", "m".repeat(51))),
                refusal("Customer.LastName", sale -> customer(sale).put("LastName", "l".repeat(51))),
                refusal("Customer.CompanyName", sale -> customer(sale).put("CompanyName", "c".repeat(176))),
                refusal("Customer.TaxOfficeCode", sale -> customer(sale).put("TaxOfficeCode", "t".repeat(51))),
                refusal("Customer.TaxNumber", sale -> customer(sale).put("TaxNumber", "1".repeat(26))),
                refusal("Customer.Phone", sale -> customer(sale).put("Phone", "1".repeat(21))),
                refusal("Customer.Email", sale -> customer(sale).put("Email", "e".repeat(95) + "@x.com")),
                refusal("Customer.Identity", sale -> customer(sale).put("Identity", "1".repeat(21))),
                refusal("Customer.Country", sale -> customer(sale).put("Country", "c".repeat(51))),
                refusal("Customer.City", sale -> customer(sale).put("City", "c".repeat(101))),
                refusal("Customer.District", sale -> customer(sale).put("District", "d".repeat(101))),
                refusal("Customer.Neighborhood", sale -> customer(sale).put("Neighborhood", "n".repeat(101))),
                refusal("Customer.Address", sale -> customer(sale).put("Address", "a".repeat(256))),
                refusal("ReceiptOptions.Top", sale -> sale.putObject("ReceiptOptions").put("TopSupport", true)),
                refusal("ReceiptOptions.Bottom.FontSize", sale -> sale.putObject("ReceiptOptions").put("BottomSupport", true)
                        .putObject("Bottom").put("Text", "alt").put("FontSize", 100)),
                refusal("ReceiptOptions.Top.FontSize", sale -> sale.putObject("ReceiptOptions").put("TopSupport", true)
                        .putObject("Top").put("Text", "üst").put("FontSize", 0)),
                refusal("ReceiptOptions.Top.Text", sale -> sale.putObject("ReceiptOptions").put("TopSupport", true)
                        .putObject("Top").put("Text", "ü".repeat(151)).put("FontSize", 10)),
                refusal("SkipPrintCustomer", sale -> sale.put("SkipPrintCustomer", "sometimes")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void aBrokenRuleIsRefusedNamingTheFieldAndWritesNothing(String field, Consumer<ObjectNode> change) {
        String code = UUID.randomUUID().toString();
        ObjectNode sale = seed(code);
        change.accept(sale);

        KasaException failure = refused(ClientMessages.SYSTEM_VALIDATION_ERROR,
                () -> merchant.client().payments().asyncSaleJson(JSON.writeValueAsString(sale)));

        assertThat(failure.httpStatus()).isEqualTo(400);
        assertThat(failure.message()).contains(field);
        assertThat(jdbc.sql("select count(*) from payment where merchant_unique_code = :code").param("code", code)
                .query(Long.class).single()).isZero();
    }

    /**
     * Two codes that differ only by a lone UTF-16 surrogate (a high one alone, a high one
     * followed by a letter, a low one alone) used to be stored alike, as {@code ?}, and so
     * collapse into one payment. Text that is not Unicode is refused naming the field, and
     * nothing is written; a real pair (an emoji, escaped) is kept whole.
     */
    @Test
    void textThatIsNotUnicodeIsRefusedNamingTheFieldAndNothingIsCollapsed() {
        String prefix = UUID.randomUUID().toString().substring(0, 20);
        for (String[] broken : new String[][]{{"MerchantUniqueCode", "\\ud800"}, {"MerchantUniqueCode", "\\udbffx"},
                {"MerchantUniqueCode", "\\udc00"}, {"Products[0].Name", "\\ud800"}}) {
            ObjectNode sale = seed(prefix);
            if (broken[0].equals("MerchantUniqueCode")) {
                sale.put("MerchantUniqueCode", prefix + "@@");
            } else {
                product(sale).put("Name", "Fön @@");
            }
            String json = JSON.writeValueAsString(sale).replace("@@", broken[1]);

            KasaException failure = refused(ClientMessages.SYSTEM_VALIDATION_ERROR,
                    () -> merchant.client().payments().asyncSaleJson(json));

            assertThat(failure.httpStatus()).isEqualTo(400);
            assertThat(failure.message()).as(broken[1]).contains(broken[0]).contains("not valid Unicode");
        }
        assertThat(jdbc.sql("select count(*) from payment where merchant_unique_code like :prefix")
                .param("prefix", prefix + "%").query(Long.class).single()).as("nothing written").isZero();

        ObjectNode emoji = seed(prefix);
        emoji.put("MerchantUniqueCode", prefix + "@@");
        merchant.client().payments().asyncSaleJson(JSON.writeValueAsString(emoji).replace("@@", "\\ud83d\\ude00"));
        assertThat(jdbc.sql("select merchant_unique_code from payment where merchant_unique_code like :prefix")
                .param("prefix", prefix + "%").query(String.class).list()).containsExactly(prefix + "\ud83d\ude00");
    }

    static Stream<Arguments> edges() {
        return Stream.of(
                accepted("MerchantUniqueCode of 64", sale -> sale.put("MerchantUniqueCode", UUID.randomUUID() + "m".repeat(28))),
                accepted("Amount with 12 integer digits", sale -> {
                    sale.put("Amount", new java.math.BigDecimal("999999999999.99"));
                    product(sale).put("Amount", new java.math.BigDecimal("999999999999.99"));
                }),
                accepted("CurrencyId as a numeric string", sale -> sale.put("CurrencyId", "7")),
                accepted("every payment method once", sale -> {
                    ArrayNode all = sale.putArray("Methods");
                    for (int method = 1; method <= 14; method++) {
                        all.addObject().put("PaymentMethodId", method);
                    }
                }),
                accepted("DisplayCode of 25", sale -> sale.put("DisplayCode", "Ğ".repeat(25))),
                accepted("CallbackAddress of 150", sale -> {
                    String sink = Seeds.SINK + "?";
                    sale.put("CallbackAddress", sink + "c".repeat(150 - sink.length()));
                }),
                accepted("Product name of 75", sale -> product(sale).put("Name", "ş".repeat(75))),
                accepted("Customer limits", sale -> customer(sale).put("FirstName", "f".repeat(50)).put("LastName", "l".repeat(50))
                        .put("MiddleName", "m".repeat(50)).put("Identity", "1".repeat(20)).put("Phone", "+90 (212) 555-0101")
                        .put("Email", "kasa@example.com.tr").put("Address", "a".repeat(255)).put("City", "c".repeat(100))),
                accepted("a company customer", sale -> customer(sale).put("Type", 2).put("CompanyName", "c".repeat(175))
                        .put("TaxOfficeCode", "t".repeat(50)).put("TaxNumber", "1".repeat(25)).put("Identity", "")),
                accepted("no customer at all", sale -> sale.remove("Customer")),
                accepted("an unknown customer type without names", sale -> sale.putObject("Customer").put("Type", 0)),
                accepted("receipt font sizes 1 and 99", sale -> {
                    ObjectNode receipt = sale.putObject("ReceiptOptions").put("TopSupport", true).put("BottomSupport", true);
                    receipt.putObject("Top").put("Text", "ü".repeat(150)).put("FontSize", 1);
                    receipt.putObject("Bottom").put("Text", "a").put("FontSize", 99);
                }),
                accepted("amounts written with trailing zeros", sale -> {
                    sale.put("Amount", new java.math.BigDecimal("22.000"));
                    product(sale).put("Amount", "22.00");
                }),
                accepted("camelCase property names", sale -> {
                    sale.set("amount", sale.remove("Amount"));
                    sale.set("products", sale.remove("Products"));
                }));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("edges")
    void valuesAtTheEdgeAreAccepted(String what, Consumer<ObjectNode> change) {
        ObjectNode sale = seed(UUID.randomUUID().toString());
        change.accept(sale);

        SaleResult result = merchant.client().payments().asyncSaleJson(JSON.writeValueAsString(sale));

        assertThat(result.paymentRequestId()).isNotNull();
    }

    @Test
    void unknownAndUnpairedTerminalsAreRefused() {
        String unknown = Seeds.asyncSale(UUID.randomUUID(), UUID.randomUUID().toString());
        refused(ClientMessages.TERMINAL_NOT_FOUND, () -> merchant.client().payments().asyncSaleJson(unknown));

        UUID unpaired = Devices.register(merchant.client(), "Unpaired till");
        String toUnpaired = Seeds.asyncSale(unpaired, UUID.randomUUID().toString());
        refused(ClientMessages.TERMINAL_PAIR_NOT_FOUND, () -> merchant.client().payments().asyncSaleJson(toUnpaired));

        var stranger = newMerchant("stranger");
        String toOthersTerminal = Seeds.asyncSale(terminalId, UUID.randomUUID().toString());
        refused(ClientMessages.TERMINAL_NOT_FOUND, () -> stranger.client().payments().asyncSaleJson(toOthersTerminal));
    }

    private ObjectNode seed(String merchantUniqueCode) {
        return (ObjectNode) JSON.readTree(Seeds.asyncSale(terminalId, merchantUniqueCode));
    }
}
