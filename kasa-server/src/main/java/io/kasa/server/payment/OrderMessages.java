package io.kasa.server.payment;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/** Builds the device's view of an order: from what is stored, or from the sale just recorded. */
@Component
class OrderMessages {

    /** The parts of a sale order kept as one JSON document: what only the device needs. */
    record Details(List<Integer> methods, SaleOrder.Customer customer, boolean splitPaymentSupport,
                   boolean skipPrintCustomer, boolean skipPrintMerchant, boolean skipPaymentOptionScreen,
                   SaleOrder.ReceiptOptions receiptOptions) {

        static Details of(SaleOrder order) {
            return new Details(order.methods(), order.customer(), order.splitPaymentSupport(),
                    order.skipPrintCustomer(), order.skipPrintMerchant(), order.skipPaymentOptionScreen(),
                    order.receiptOptions());
        }
    }

    static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;

    OrderMessages(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    DeviceOrder of(Order order) {
        record Head(BigDecimal amount, int currencyId, String displayCode, String details) {
        }
        Head head = jdbc.sql("select amount, currency_id, display_code, details from payment where id = :id")
                .param("id", order.paymentId())
                .query((row, n) -> new Head(row.getBigDecimal("amount"), row.getInt("currency_id"),
                        row.getString("display_code"), row.getString("details")))
                .single();
        List<DeviceOrder.Product> products = jdbc.sql("""
                        select name, amount, quantity, tax_group_id, unit_code_id, payment_method_id
                        from payment_product where payment_id = :id order by position""")
                .param("id", order.paymentId())
                .query((row, n) -> new DeviceOrder.Product(row.getString("name"), money(row.getBigDecimal("amount")),
                        row.getInt("quantity"), row.getInt("tax_group_id"), row.getInt("unit_code_id"),
                        (Integer) row.getObject("payment_method_id")))
                .list();
        Details details = JSON.readValue(head.details(), Details.class);
        return new DeviceOrder(order.id(), order.paymentId(), order.type() == PaymentType.CANCEL ? "cancel" : "sale",
                money(head.amount()), head.currencyId(), Lookups.CURRENCIES.get(head.currencyId()), head.displayCode(),
                products, details.methods(), details.customer(), details.splitPaymentSupport(),
                details.skipPrintCustomer(), details.skipPrintMerchant(), details.skipPaymentOptionScreen(),
                details.receiptOptions(), order.takenAt() != null, order.createdAt(), order.expiresAt());
    }

    /**
     * The message of a sale just recorded, built from the sale itself: the same message
     * {@link #of(Order)} reads back from what the sale stored.
     */
    static DeviceOrder of(Order order, SaleOrder sale) {
        List<DeviceOrder.Product> products = sale.products().stream()
                .map(product -> new DeviceOrder.Product(product.name(), money(product.amount()), product.quantity(),
                        product.taxGroupId(), product.unitCodeId(), product.paymentMethodId()))
                .toList();
        return new DeviceOrder(order.id(), order.paymentId(), "sale", money(sale.amount()), sale.currencyId(),
                Lookups.CURRENCIES.get(sale.currencyId()), sale.displayCode(), products, sale.methods(), sale.customer(),
                sale.splitPaymentSupport(), sale.skipPrintCustomer(), sale.skipPrintMerchant(),
                sale.skipPaymentOptionScreen(), sale.receiptOptions(), order.takenAt() != null, order.createdAt(),
                order.expiresAt());
    }

    static String money(BigDecimal amount) {
        return amount.setScale(2, RoundingMode.UNNECESSARY).toPlainString();
    }
}
