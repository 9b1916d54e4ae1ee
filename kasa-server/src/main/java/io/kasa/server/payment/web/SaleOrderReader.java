package io.kasa.server.payment.web;

import io.kasa.server.payment.Lookups;
import io.kasa.server.payment.SaleOrder;

import io.kasa.server.shared.KasaError;
import io.kasa.server.shared.KasaException;
import io.kasa.server.shared.LocalizedText;
import io.kasa.server.shared.Validation;
import io.kasa.server.terminal.TerminalRef;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Turns a sale request into a {@link SaleOrder}, checking every rule of the seeds and of
 * SPEC §4.2. The first failure is refused with a message naming the field, before anything
 * is written.
 */
final class SaleOrderReader {

    static final int MAX_PRODUCTS = 100;
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final Pattern PHONE = Pattern.compile("[0-9+()\\- ]+");
    private static final int MAX_INTEGER_DIGITS = 12;

    private SaleOrderReader() {
    }

    static SaleOrder read(SaleRequest request) {
        TerminalRef terminal = TerminalRef.of(request.terminalId(), request.terminalTagCode());
        String merchantUniqueCode = Validation.text("MerchantUniqueCode", request.merchantUniqueCode(), 64);
        BigDecimal amount = amount("Amount", request.amount());
        int currencyId = lookup("CurrencyId", request.currencyId(), Lookups.CURRENCIES);
        List<Integer> methods = new ArrayList<>();
        List<SaleRequest.Method> requestedMethods = request.methods() == null ? List.of() : request.methods();
        if (requestedMethods.size() > Lookups.PAYMENT_METHODS.size()) {
            throw Validation.invalid("Methods en fazla " + Lookups.PAYMENT_METHODS.size() + " yöntem içerebilir",
                    "Methods may hold at most " + Lookups.PAYMENT_METHODS.size() + " methods");
        }
        for (int i = 0; i < requestedMethods.size(); i++) {
            SaleRequest.Method method = Validation.required("Methods[" + i + "]", requestedMethods.get(i));
            methods.add(lookup("Methods[" + i + "].PaymentMethodId", method.paymentMethodId(), Lookups.PAYMENT_METHODS));
        }
        List<SaleOrder.Product> products = products(request.products(), amount, currencyId);
        return new SaleOrder(terminal, merchantUniqueCode,
                Validation.optionalText("DisplayCode", request.displayCode(), 25),
                amount, currencyId, List.copyOf(methods), callbackAddress(request.callbackAddress()),
                flag(request.splitPaymentSupport()), customer(request.customer()), products,
                flag(request.skipPrintCustomer()), flag(request.skipPrintMerchant()),
                flag(request.skipPaymentOptionScreen()), flag(request.sendNotificationDeviceDisconnected()),
                receiptOptions(request.receiptOptions()));
    }

    private static List<SaleOrder.Product> products(List<SaleRequest.Product> requested, BigDecimal amount, int currencyId) {
        if (requested == null || requested.isEmpty()) {
            throw Validation.invalid("Products en az bir ürün içermelidir", "Products must hold at least one product");
        }
        if (requested.size() > MAX_PRODUCTS) {
            throw Validation.invalid("Products en fazla " + MAX_PRODUCTS + " ürün içerebilir",
                    "Products may hold at most " + MAX_PRODUCTS + " products");
        }
        List<SaleOrder.Product> products = new ArrayList<>();
        BigDecimal total = BigDecimal.ZERO;
        for (int i = 0; i < requested.size(); i++) {
            String field = "Products[" + i + "]";
            SaleRequest.Product product = Validation.required(field, requested.get(i));
            BigDecimal lineAmount = amount(field + ".Amount", product.amount());
            total = total.add(lineAmount);
            products.add(new SaleOrder.Product(
                    Validation.text(field + ".Name", product.name(), 75),
                    lineAmount,
                    Validation.between(field + ".Quantity", product.quantity(), 1, 99_999),
                    lookup(field + ".TaxGroupId", product.taxGroupId(), Lookups.TAX_GROUPS),
                    lookup(field + ".UnitCodeId", product.unitCodeId(), Lookups.UNIT_CODES),
                    product.paymentMethodId() == null ? null
                            : lookup(field + ".PaymentMethodId", product.paymentMethodId(), Lookups.PAYMENT_METHODS),
                    product.memberId(), memberEarning(field, product, lineAmount),
                    cargo(field + ".Cargo", product.cargo(), currencyId),
                    discount(field + ".Discount", product.discount())));
            withinBounds(field, products.getLast());
        }
        if (total.compareTo(amount) != 0) {
            throw Validation.invalid("Products tutarlarının toplamı (" + total + ") Amount (" + amount + ") ile aynı olmalıdır",
                    "The product amounts add up to " + total + ", not to Amount (" + amount + ")");
        }
        return List.copyOf(products);
    }

    /**
     * The platform's own figure for the member's share (Paywall's platform calculator): read
     * only with {@code MemberEarningCalculated} true, which needs a member and excludes cargo
     * and discount arrangements (Kasa's calculator applies those); 0 to the product's amount
     * (above it: error 57). Null when Kasa calculates the shares.
     */
    private static BigDecimal memberEarning(String field, SaleRequest.Product product, BigDecimal lineAmount) {
        if (!Boolean.TRUE.equals(product.memberEarningCalculated())) {
            if (product.memberEarning() != null) {
                throw Validation.invalid(field + ".MemberEarning yalnızca " + field + ".MemberEarningCalculated true iken gönderilebilir",
                        field + ".MemberEarning is read only with " + field + ".MemberEarningCalculated true");
            }
            return null;
        }
        if (product.memberId() == null) {
            throw Validation.invalid(field + ".MemberEarningCalculated için " + field + ".MemberId zorunludur",
                    field + ".MemberId is required with " + field + ".MemberEarningCalculated");
        }
        if (product.cargo() != null || product.discount() != null) {
            String arrangement = field + (product.cargo() != null ? ".Cargo" : ".Discount");
            throw Validation.invalid(arrangement + ", " + field + ".MemberEarningCalculated ile gönderilemez: platformun kendi hesabı kargo ve indirimi içerir",
                    arrangement + " cannot be sent with " + field + ".MemberEarningCalculated: the platform's own figures already account for cargo and discounts");
        }
        BigDecimal memberEarning = Validation.required(field + ".MemberEarning", product.memberEarning());
        if (memberEarning.signum() == 0) {
            return BigDecimal.ZERO.setScale(2);
        }
        if (memberEarning.signum() < 0) {
            throw Validation.invalid(field + ".MemberEarning sıfırdan küçük olamaz", field + ".MemberEarning must not be negative");
        }
        BigDecimal scaled = amount(field + ".MemberEarning", memberEarning);
        if (scaled.compareTo(lineAmount) > 0) {
            throw new KasaException(KasaError.PAYMENT_MEMBER_EARNING_EXCEEDS_AMOUNT, new LocalizedText(
                    field + ".MemberEarning (" + scaled + ") ürün tutarını (" + lineAmount + ") aşıyor",
                    field + ".MemberEarning (" + scaled + ") is above the product's amount (" + lineAmount + ")"));
        }
        return scaled;
    }

    /**
     * A cargo arrangement: {@code CargoOwnerType} from Paywall's cargo types (0-3); a cost
     * (more than zero) for types 1 and 2, none for type 0, optional for type 3; the cost is
     * in the sale's currency, so a {@code CurrencyId}, when sent, must be the sale's.
     */
    private static SaleOrder.Cargo cargo(String field, SaleRequest.Cargo cargo, int currencyId) {
        if (cargo == null) {
            return null;
        }
        Integer type = cargo.cargoOwnerType();
        if (type == null || type < 0 || type > 3) {
            throw refused(KasaError.PRODUCT_CARGO_TYPE_INVALID, field + ".CargoOwnerType", "0, 1, 2 veya 3 olmalıdır",
                    "must be 0, 1, 2 or 3");
        }
        if (cargo.currencyId() != null && cargo.currencyId() != currencyId) {
            throw refused(KasaError.PRODUCT_CARGO_CURRENCY_INVALID, field + ".CurrencyId",
                    "satışın para birimi (" + currencyId + ") olmalıdır", "must be the sale's currency (" + currencyId + ")");
        }
        BigDecimal cost = cargo.cargoCost();
        if (type == 0) {
            if (cost != null && cost.signum() != 0) {
                throw refused(KasaError.BASKET_UNEXPECTED_CARGO_VALUE, field + ".CargoCost",
                        "kargo tipi 0 (kargo bedeli yok) iken gönderilemez", "cannot be sent with cargo type 0 (no cargo cost)");
            }
            return new SaleOrder.Cargo(0, null);
        }
        if (cost == null && type == 3) {
            return new SaleOrder.Cargo(3, null);
        }
        return new SaleOrder.Cargo(type, money(KasaError.PRODUCT_CARGO_AMOUNT_INVALID, field + ".CargoCost", cost, null));
    }

    /**
     * A discount arrangement: {@code DiscountOwnerType} 0 (none, with no type and no value),
     * 1 (platform) or 2 (seller); {@code DiscountType} 1 (an amount, more than zero) or 2 (a
     * percentage of the price before the discount, more than 0 and less than 100).
     */
    private static SaleOrder.Discount discount(String field, SaleRequest.Discount discount) {
        if (discount == null) {
            return null;
        }
        Integer owner = discount.discountOwnerType();
        if (owner == null || owner < 0 || owner > 2) {
            throw refused(KasaError.PRODUCT_DISCOUNT_OWNER_INVALID, field + ".DiscountOwnerType", "0, 1 veya 2 olmalıdır",
                    "must be 0, 1 or 2");
        }
        if (owner == 0) {
            if (discount.discountType() != null) {
                throw refused(KasaError.BASKET_UNEXPECTED_DISCOUNT_TYPE, field + ".DiscountType",
                        "indirim sahibi 0 (yok) iken gönderilemez", "cannot be sent with discount owner 0 (none)");
            }
            if (discount.discount() != null && discount.discount().signum() != 0) {
                throw refused(KasaError.BASKET_UNEXPECTED_DISCOUNT_VALUE, field + ".Discount",
                        "indirim sahibi 0 (yok) iken gönderilemez", "cannot be sent with discount owner 0 (none)");
            }
            return new SaleOrder.Discount(0, null, null);
        }
        Integer type = discount.discountType();
        if (type == null || type < 1 || type > 2) {
            throw refused(KasaError.PRODUCT_DISCOUNT_TYPE_INVALID, field + ".DiscountType", "1 veya 2 olmalıdır",
                    "must be 1 or 2");
        }
        if (type == 1) {
            return new SaleOrder.Discount(owner, 1,
                    money(KasaError.PRODUCT_DISCOUNT_AMOUNT_INVALID, field + ".Discount", discount.discount(), null));
        }
        return new SaleOrder.Discount(owner, 2, money(KasaError.PRODUCT_DISCOUNT_PERCENTAGE_INVALID, field + ".Discount",
                discount.discount(), BigDecimal.valueOf(100)));
    }

    private static final BigDecimal MAX_AMOUNT = new BigDecimal("999999999999.99");

    /**
     * The price before the discount, and that price with the cargo cost, must still be an
     * amount (12 integer digits), so that every share and debt the calculator makes of them is.
     */
    private static void withinBounds(String field, SaleOrder.Product product) {
        BigDecimal before = product.amount();
        if (product.discount() != null) {
            before = before.add(SaleOrder.Discount.money(product.amount(), product.discount().owner(),
                    product.discount().type(), product.discount().value()));
            if (before.compareTo(MAX_AMOUNT) > 0) {
                boolean percentage = product.discount().type() == 2;
                throw refused(percentage ? KasaError.PRODUCT_DISCOUNT_PERCENTAGE_INVALID : KasaError.PRODUCT_DISCOUNT_AMOUNT_INVALID,
                        field + ".Discount.Discount", "indirimden önceki fiyatı " + MAX_INTEGER_DIGITS + " tam basamağın ötesine taşıyor",
                        "takes the price before the discount beyond " + MAX_INTEGER_DIGITS + " integer digits");
            }
        }
        if (product.cargo() != null && product.cargo().cost() != null && before.add(product.cargo().cost()).compareTo(MAX_AMOUNT) > 0) {
            throw refused(KasaError.PRODUCT_CARGO_AMOUNT_INVALID, field + ".Cargo.CargoCost",
                    "indirimden önceki fiyatla birlikte " + MAX_INTEGER_DIGITS + " tam basamağı aşıyor",
                    "with the price before the discount goes beyond " + MAX_INTEGER_DIGITS + " integer digits");
        }
    }

    /** More than zero, at most 2 fraction digits and 12 integer digits, less than {@code below} when given. */
    private static BigDecimal money(KasaError error, String field, BigDecimal value, BigDecimal below) {
        if (value == null) {
            throw refused(error, field, "alanı zorunludur", "is required");
        }
        BigDecimal stripped = value.stripTrailingZeros();
        if (value.signum() <= 0 || stripped.scale() > 2 || stripped.precision() - stripped.scale() > MAX_INTEGER_DIGITS) {
            throw refused(error, field, "sıfırdan büyük, en fazla 2 ondalık basamaklı bir tutar olmalıdır",
                    "must be more than zero with at most 2 fraction digits");
        }
        if (below != null && value.compareTo(below) >= 0) {
            throw refused(error, field, below + "'den küçük olmalıdır", "must be less than " + below);
        }
        return value.setScale(2, RoundingMode.UNNECESSARY);
    }

    private static KasaException refused(KasaError error, String field, String tr, String en) {
        return new KasaException(error, new LocalizedText(field + " " + tr, field + " " + en));
    }

    /** A positive amount with at most 2 fraction digits and 12 integer digits, at scale 2. */
    static BigDecimal amount(String field, BigDecimal value) {
        Validation.required(field, value);
        if (value.signum() <= 0) {
            throw Validation.invalid(field + " sıfırdan büyük olmalıdır", field + " must be greater than zero");
        }
        BigDecimal stripped = value.stripTrailingZeros();
        if (stripped.scale() > 2) {
            throw Validation.invalid(field + " en fazla 2 ondalık basamak içerebilir", field + " may have at most 2 fraction digits");
        }
        if (stripped.precision() - stripped.scale() > MAX_INTEGER_DIGITS) {
            throw Validation.invalid(field + " en fazla " + MAX_INTEGER_DIGITS + " tam basamak içerebilir",
                    field + " may have at most " + MAX_INTEGER_DIGITS + " integer digits");
        }
        return value.setScale(2, RoundingMode.UNNECESSARY);
    }

    private static int lookup(String field, Integer value, Map<Integer, String> table) {
        Validation.required(field, value);
        if (!table.containsKey(value)) {
            throw Validation.invalid(field + " geçerli bir değer değil: " + value, field + " is not a known value: " + value);
        }
        return value;
    }

    private static String callbackAddress(String value) {
        String address = Validation.optionalText("CallbackAddress", value, 150);
        if (address == null) {
            return null;
        }
        try {
            URI uri = new URI(address);
            boolean web = "http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme());
            if (web && uri.getHost() != null && uri.isAbsolute()) {
                return address;
            }
        } catch (Exception ignored) {
            // refused below
        }
        throw Validation.invalid("CallbackAddress mutlak bir http(s) adresi olmalıdır",
                "CallbackAddress must be an absolute http(s) URL");
    }

    private static SaleOrder.Customer customer(SaleRequest.Customer customer) {
        if (customer == null) {
            return null;
        }
        int type = lookup("Customer.Type", customer.type(), Lookups.CUSTOMER_TYPES);
        SaleOrder.Customer read = new SaleOrder.Customer(type,
                Validation.optionalText("Customer.FirstName", customer.firstName(), 50),
                Validation.optionalText("Customer.MiddleName", customer.middleName(), 50),
                Validation.optionalText("Customer.LastName", customer.lastName(), 50),
                Validation.optionalText("Customer.CompanyName", customer.companyName(), 175),
                Validation.optionalText("Customer.TaxOfficeCode", customer.taxOfficeCode(), 50),
                Validation.optionalText("Customer.TaxNumber", customer.taxNumber(), 25),
                Validation.optionalText("Customer.Phone", customer.phone(), 20),
                Validation.optionalText("Customer.Email", customer.email(), 100),
                Validation.optionalText("Customer.Identity", customer.identity(), 20),
                Validation.optionalText("Customer.Country", customer.country(), 50),
                Validation.optionalText("Customer.City", customer.city(), 100),
                Validation.optionalText("Customer.District", customer.district(), 100),
                Validation.optionalText("Customer.Neighborhood", customer.neighborhood(), 100),
                Validation.optionalText("Customer.Address", customer.address(), 255));
        Validation.matching("Customer.Email", read.email(), EMAIL, "geçerli bir e-posta adresi değil", "is not an email address");
        Validation.matching("Customer.Phone", read.phone(), PHONE, "geçerli bir telefon numarası değil", "is not a phone number");
        if (type == 1) {
            Validation.required("Customer.FirstName", read.firstName());
            Validation.required("Customer.LastName", read.lastName());
            Validation.required("Customer.Identity", read.identity());
        } else if (type == 2) {
            Validation.required("Customer.CompanyName", read.companyName());
            Validation.required("Customer.TaxOfficeCode", read.taxOfficeCode());
            Validation.required("Customer.TaxNumber", read.taxNumber());
        }
        return read;
    }

    private static SaleOrder.ReceiptOptions receiptOptions(SaleRequest.ReceiptOptions options) {
        if (options == null) {
            return null;
        }
        boolean top = flag(options.topSupport());
        boolean bottom = flag(options.bottomSupport());
        return new SaleOrder.ReceiptOptions(top, receiptText("ReceiptOptions.Top", options.top(), top),
                bottom, receiptText("ReceiptOptions.Bottom", options.bottom(), bottom));
    }

    private static SaleOrder.ReceiptText receiptText(String field, SaleRequest.ReceiptText text, boolean supported) {
        if (text == null) {
            if (supported) {
                throw Validation.invalid(field + " alanı, " + field + "Support true iken zorunludur",
                        field + " is required when " + field + "Support is true");
            }
            return null;
        }
        return new SaleOrder.ReceiptText(Validation.text(field + ".Text", text.text(), 150),
                Validation.between(field + ".FontSize", text.fontSize(), 1, 99));
    }

    private static boolean flag(Boolean value) {
        return Boolean.TRUE.equals(value);
    }

}
