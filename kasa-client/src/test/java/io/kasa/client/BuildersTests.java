package io.kasa.client;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.net.URI;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** The named builders write exactly what the positional factories write, and refuse only what is absent. */
class BuildersTests {

    private static String json(Object value) {
        return KasaJson.MAPPER.writeValueAsString(value);
    }

    private static Product.Builder haircut() {
        return Product.builder().name("Saç Tıraşı").amount("22.00").taxGroup(TaxGroup.VAT_10).unit(UnitCode.PIECE);
    }

    private static SaleOrder.Builder order() {
        return SaleOrder.builder().terminalTag("dükkan_1").merchantUniqueCode("ord-1001").amount("22.00")
                .currency(Currency.TRY).product(haircut().build());
    }

    @Test
    void aBuiltSaleOrderIsTheOrderOfThePositionalFactory() {
        UUID terminal = UUID.randomUUID();
        SaleOrder built = order().terminalId(terminal).displayCode("Kişisel Bakım")
                .paymentMethods(PaymentMethod.CASH, PaymentMethod.BKM_TECHPOS)
                .callbackAddress(URI.create("https://shop.example/kasa"))
                .customer(Customer.individual().firstName("Ayşe").lastName("Yılmaz").identity("11111111110").build())
                .skipPrintMerchant(true).sendNotificationDeviceDisconnected(false)
                .receiptOptions(ReceiptOptions.of(new ReceiptOptions.Line("Teşekkürler", 12), null))
                .build();
        SaleOrder positional = SaleOrder.of(TerminalRef.id(terminal), "ord-1001", new BigDecimal("22.00"), 1,
                        List.of(Product.of("Saç Tıraşı", new BigDecimal("22.00"), 1, 10, 4)))
                .withDisplayCode("Kişisel Bakım").withMethods(1, 2)
                .withCallbackAddress("https://shop.example/kasa")
                .withCustomer(Customer.individual("Ayşe", "Yılmaz", "11111111110"))
                .withSkipPrintMerchant(true).withSendNotificationDeviceDisconnected(false)
                .withReceiptOptions(ReceiptOptions.of(new ReceiptOptions.Line("Teşekkürler", 12), null));

        assertThat(built).isEqualTo(positional);
        assertThat(json(built)).isEqualTo(json(positional)).contains("\"TerminalId\":\"" + terminal + "\"");
    }

    @Test
    void aBuiltProductCarriesTheEnumsIdsAndItsOptions() {
        Product product = haircut().quantity(2).paymentMethod(PaymentMethod.MULTINET).memberId(41)
                .memberEarning(new BigDecimal("20.00")).build();

        assertThat(product).isEqualTo(Product.of("Saç Tıraşı", new BigDecimal("22.00"), 2, 10, 4)
                .withPaymentMethodId(3).withMemberId(41).withMemberEarning(new BigDecimal("20.00")));
        assertThat(haircut().build().quantity()).as("one unless set").isEqualTo(1);
    }

    @Test
    void aCompanyCustomerIsBuiltByName() {
        Customer firm = Customer.company().companyName("Çiçek Pazarı A.Ş.").taxOfficeCode("034").taxNumber("1234567890")
                .email("muhasebe@example.com").city("İstanbul").build();

        assertThat(firm).isEqualTo(Customer.company("Çiçek Pazarı A.Ş.", "034", "1234567890")
                .withEmail("muhasebe@example.com").withAddress(null, "İstanbul", null, null, null));
        assertThat(Customer.builder(CustomerType.UNKNOWN).build().type()).isZero();
    }

    @Test
    void buildersNameTheRequiredFieldThatIsMissing() {
        assertThatIllegalArgumentException().isThrownBy(() -> haircut().name(" ").build()).withMessageContaining("Name");
        assertThatIllegalArgumentException().isThrownBy(() -> haircut().taxGroup(null).build()).withMessageContaining("TaxGroupId");
        assertThatIllegalArgumentException().isThrownBy(() -> haircut().unit(null).build()).withMessageContaining("UnitCodeId");
        assertThatIllegalArgumentException().isThrownBy(() -> order().merchantUniqueCode(null).build())
                .withMessageContaining("MerchantUniqueCode");
        assertThatIllegalArgumentException().isThrownBy(() -> order().currency(null).build()).withMessageContaining("CurrencyId");
        assertThatIllegalArgumentException().isThrownBy(() -> order().products(List.of()).build()).withMessageContaining("Products");
        assertThatIllegalArgumentException().isThrownBy(() -> SaleOrder.builder().merchantUniqueCode("x").amount("1")
                .currency(Currency.TRY).product(haircut().build()).build()).withMessageContaining("TerminalTagCode");
        assertThatIllegalArgumentException().isThrownBy(() -> Customer.individual().firstName("Ayşe").lastName("Yılmaz").build())
                .withMessageContaining("Customer.Identity");
        assertThatIllegalArgumentException().isThrownBy(() -> Customer.company().companyName("X").taxNumber("1").build())
                .withMessageContaining("Customer.TaxOfficeCode");
    }

    @Test
    void businessRulesAreLeftToTheServer() {
        SaleOrder unbalanced = order().amount("1000.00").build();
        Product tooMany = haircut().quantity(1_000_000).build();

        assertThat(unbalanced.amount()).isEqualByComparingTo("1000.00");
        assertThat(tooMany.quantity()).isEqualTo(1_000_000);
    }

    @Test
    void enumsAreReadBackFromTheirIds() {
        assertThat(Currency.of(7)).isEqualTo(Currency.GBP);
        assertThat(TaxGroup.of(20)).isEqualTo(TaxGroup.VAT_20);
        assertThat(UnitCode.of(4).wireName()).isEqualTo("Piece");
        assertThat(PaymentMethod.of(14)).isEqualTo(PaymentMethod.ISTANBUL_KART);
        assertThatIllegalArgumentException().isThrownBy(() -> TaxGroup.of(18));
    }
}
