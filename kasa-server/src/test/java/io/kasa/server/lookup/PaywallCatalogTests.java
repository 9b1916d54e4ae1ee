package io.kasa.server.lookup;

import io.kasa.server.shared.KasaError;
import io.kasa.server.shared.LookupValue;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every {@code ClientMessage} constant and every lookup table of Paywall's Physical pages,
 * copied from the reference notes (paywall-api-notes.md §4.1, §2.5 and §3.1) as data, held
 * against Kasa's error catalog and lookup tables: each constant exists with its own code, a
 * status that fits its meaning and an English message saying that meaning; each table row
 * exists with the documented id and name.
 */
class PaywallCatalogTests {

    /**
     * §4.1 "Fiziksel API Hata Kodları" (and §2.5's async pairing constants): constant | the
     * documented meaning | HTTP status Kasa gives it | the words of that meaning Kasa's
     * English message must hold.
     */
    private static final String CLIENT_MESSAGES = """
            System.ServerError | Paywall-side error | 500 | unexpected error
            System.ValidationError | Validation error (bad parameters etc.) | 400 | validation error
            System.AuthError | Authorisation error | 401 | authorisation error
            Connection.NotFound | Connection not found | 404 | connection not found
            Connection.NotEqualConnection | Connection not active | 422 | not active
            Connection.UpdatedRecordNotFound | Record to update not found | 404 | to update was not found
            Connection.DeletedRecordNotFound | Record to delete not found | 404 | to delete was not found
            Connection.AlreadyExists | Connection already exists | 409 | already exists
            Connection.AlreadyConnected | Already connected | 409 | already connected
            Connection.ServiceParametersInvalid | Service parameters invalid | 400 | service parameters are invalid
            Connection.NotConnected | Connection not connected | 422 | not connected
            Connection.IsAsyncPaymentNotActive | Connection doesn't support AsyncPayment, or the feature is off | 422 | async payment is not active
            Transaction.NotFound | Transaction not found | 404 | transaction not found
            Transaction.FailedToGetTransactionList | Could not get the transaction list | 503 | transaction list could not be fetched
            Terminal.NotFound | Terminal not found | 404 | terminal not found
            Terminal.FailedToGetTerminalList | Could not get the terminal list | 503 | terminal list could not be fetched
            Terminal.Tag.NotFound | Tag not found | 404 | tag not found
            Terminal.Tag.AlreadyExistsWithThisCode | Tag code already used | 409 | tag with this code already exists
            Terminal.Tag.DeletedRecordNotFound | Tag to delete not found | 404 | tag to delete was not found
            Terminal.Pair.NotFound | Terminal pairing not found | 404 | not paired
            Pair.Async.AbsentBodyParam | Missing parameter in request | 400 | missing from the request
            Pair.Async.AuthenticationFailed | Authorisation error | 422 | authorisation error
            Pair.Async.RequestFailed | Request failed | 503 | request failed
            Pair.Async.RequestNotFound | Request not found | 404 | request not found
            Pair.Async.AlreadyPaired | A pairing (request) already exists | 409 | already paired
            Pair.Async.ConfirmFailed | Confirm failed | 422 | could not be confirmed
            Pair.Async.ConfirmNotCompleted | Device has not approved yet | 409 | device has not approved
            Payment.Async.CloudNotSendToDevice | Payment could not be delivered to device | 422 | could not be sent to the device
            Payment.Async.NotConvenientStatusForThisOperation | Payment status doesn't allow this operation | 422 | status does not allow this operation
            Payment.Async.AlreadyHasRefundOrCancel | Payment already refunded/cancelled | 409 | already has a refund or cancel
            Payment.Async.MerchantUniqueCodeAlreadyExists | MerchantUniqueCode already used | 409 | merchantuniquecode was already used
            Payment.Request.RequestNotFound | Request not found | 404 | payment request not found
            """;

    private enum Column {
        /** The Turkish label of Paywall's page. */
        TR,
        /** The English name (the notes' translation, or the name the API writes). */
        EN,
        /** The name the API writes in its {@code ...Name} fields. */
        NAME
    }

    private record Table(String name, Column column, String rows) {
    }

    /** §3.1, table by table: id | the documented label, in the column the notes give it. */
    private static final List<Table> TABLES = List.of(
            new Table("payment-statuses", Column.TR, """
                    1 | Oluşturuldu
                    2 | Cihaza Gönderildi
                    3 | Cihaza Gönderilemedi
                    4 | Başarılı
                    5 | Başarısız
                    6 | Bilinmiyor
                    7 | Bildirim Gönderilemedi (Firebase)
                    8 | Bildirim Gönderilemedi (Socket)
                    9 | Bildirim Gönderildi (Firebase)
                    10 | Bildirim Gönderildi (Socket)
                    11 | İşlem Cihaz Tarafından İşleme Alındı
                    12 | İşlem Geri Çekildi (Satış/İptal/İade)
                    """),
            new Table("payment-types", Column.TR, """
                    1 | Satış/Ödeme
                    2 | İptal
                    3 | İade
                    4 | Bilinmiyor
                    """),
            new Table("payment-channels", Column.NAME, """
                    1 | Async
                    2 | Socket
                    """),
            new Table("currencies", Column.NAME, """
                    1 | TRY
                    2 | USD
                    3 | EUR
                    4 | BAM
                    5 | MKD
                    6 | ALL
                    7 | GBP
                    """),
            new Table("payment-methods", Column.TR, """
                    1 | Nakit
                    2 | BKMTechPos
                    3 | Multinet
                    4 | Harici Yemek Kartları
                    5 | Metropol
                    6 | Harici Ödeme Geçitleri
                    7 | Ödemesiz
                    8 | Havale
                    9 | Açık Hesap
                    10 | Ticket Restaurant
                    11 | İşbank
                    12 | Harici Kapalı Devre
                    13 | Paye
                    14 | İstanbul Kart
                    """),
            new Table("customer-types", Column.TR, """
                    0 | Bilinmiyor
                    1 | Bireysel
                    2 | Şirket
                    """),
            new Table("tax-groups", Column.TR, """
                    0 | KDV0
                    1 | KDV1
                    10 | KDV10
                    20 | KDV20
                    """),
            new Table("unit-codes", Column.TR, """
                    1 | Kilogram
                    2 | Paket
                    3 | Gram
                    4 | Adet
                    5 | Litre
                    6 | Ton
                    7 | Dekar
                    8 | Dönüm
                    9 | Metre
                    10 | Kilometre
                    """),
            new Table("brands", Column.NAME, """
                    10 | Pavo
                    20 | Ingenico
                    30 | Hugin
                    """),
            new Table("providers", Column.NAME, """
                    10 | Papara
                    20 | Vepara
                    30 | Sipay
                    40 | Param
                    """),
            new Table("regions", Column.TR, """
                    1 | Türkiye
                    2 | Amerika
                    3 | Global
                    """),
            new Table("value-days", Column.TR, """
                    1 | Ertesi Gün
                    2 | Haftalık
                    3 | 1 Gün
                    4 | 2 Gün
                    """ + valueDaysFrom5To30()),
            new Table("transaction-statuses", Column.NAME, """
                    1 | Waiting
                    2 | Success
                    3 | Unsuccessful
                    4 | InProgress
                    5 | Abandoned
                    """),
            new Table("transaction-types", Column.EN, """
                    1 | Sale/Payment
                    2 | Cancel
                    3 | Refund
                    4 | Abandoned
                    5 | Matched refund
                    6 | Unmatched refund
                    7 | Pre-authorisation
                    8 | Pre-auth close
                    9 | Loyalty installment
                    10 | Loyalty point inquiry
                    11 | Loyalty point usage
                    12 | QR create
                    13 | QR inquiry
                    14 | Point sale
                    15 | Point installment
                    """),
            new Table("card-brands", Column.NAME, """
                    1 | Visa
                    2 | MasterCard
                    3 | Amex
                    4 | Troy
                    5 | Diners
                    6 | Jcb
                    7 | Cup
                    """),
            new Table("card-origins", Column.EN, """
                    0 | Other
                    1 | Domestic
                    2 | On-us
                    3 | Brand-shared
                    4 | Foreign
                    """),
            new Table("card-types", Column.EN, """
                    0 | Other
                    1 | Credit
                    2 | Debit
                    3 | Prepaid
                    """));

    /**
     * The English names the API writes, as seen in the pages' samples (§2.6.4): table | id | name.
     */
    private static final String NAMES_SEEN_IN_SAMPLES = """
            payment-statuses | 1 | Generated
            payment-statuses | 2 | SentToDevice
            payment-types | 1 | Sale
            payment-channels | 1 | Async
            currencies | 1 | TRY
            tax-groups | 10 | Ten
            unit-codes | 1 | Kilogram
            regions | 1 | Turkey
            """;

    /** The rows Kasa adds to Paywall's tables: its own brand and provider, the terminal agent. */
    private static final Map<String, Set<Integer>> KASA_ROWS = Map.of("brands", Set.of(100), "providers", Set.of(100));

    /** "3 for 1 Gün … 30 for 28 Gün": the page spells out every row the same way. */
    private static String valueDaysFrom5To30() {
        StringBuilder rows = new StringBuilder();
        for (int id = 5; id <= 30; id++) {
            rows.append(id).append(" | ").append(id - 2).append(" Gün\n");
        }
        return rows.toString();
    }

    private static List<String[]> rows(String text) {
        return text.lines().filter(line -> !line.isBlank())
                .map(line -> Arrays.stream(line.split("\\|")).map(String::strip).toArray(String[]::new))
                .toList();
    }

    @Test
    void everyPhysicalClientMessageIsInTheCatalogWithItsMeaningAndAFittingStatus() {
        Map<String, KasaError> catalog = Arrays.stream(KasaError.values())
                .collect(Collectors.toMap(KasaError::clientMessage, Function.identity()));
        for (String[] row : rows(CLIENT_MESSAGES)) {
            String constant = row[0];
            KasaError error = catalog.get(constant);
            assertThat(error).as("%s (%s) is in the catalog", constant, row[1]).isNotNull();
            assertThat(error.httpStatus()).as("%s HTTP status", constant).isEqualTo(Integer.parseInt(row[2]));
            assertThat(error.text().en().toLowerCase(Locale.ROOT)).as("%s says \"%s\"", constant, row[1]).contains(row[3]);
            assertThat(error.text().tr()).as("%s in Turkish", constant).isNotBlank().isNotEqualTo(error.text().en());
            assertThat(error.code()).as("%s code", constant).isPositive();
        }
    }

    @Test
    void theCatalogsPaywallFamiliesHoldNoConstantThePagesDoNotName() {
        Set<String> documented = rows(CLIENT_MESSAGES).stream().map(row -> row[0]).collect(Collectors.toSet());
        // Kasa's additions in Paywall's families, each documented in docs/api.md.
        Set<String> kasaAdditions = Set.of("Connection.HasTerminals", "Terminal.AlreadyExistsWithThisSerialNo",
                "Pair.Sync.RequestNotFound", "Pair.Sync.RequestNotPending", "Pair.Sync.CodeInvalid",
                "Pair.Async.CodeExpired", "Pair.Async.RequestNotPending",
                "Payment.Product.InvalidMemberId", "Payment.Product.MemberEarningExceedsAmount",
                // the Payment API's cargo and discount codes 36-42 and 53-56, on the sale's products
                "Payment.Product.InvalidDiscountOwner", "Payment.Product.InvalidDiscountType",
                "Payment.Product.InvalidDiscountPercentage", "Payment.Product.InvalidDiscountAmount",
                "Payment.Product.InvalidCargoType", "Payment.Product.InvalidCargoCurrency",
                "Payment.Product.InvalidCargoAmount", "Payment.Basket.UnexpectedCargoType",
                "Payment.Basket.UnexpectedCargoValue", "Payment.Basket.UnexpectedDiscountType",
                "Payment.Basket.UnexpectedDiscountValue");
        List<String> paywallFamilies = List.of("Connection.", "Transaction.", "Terminal.", "Pair.", "Payment.");
        assertThat(Arrays.stream(KasaError.values()).map(KasaError::clientMessage)
                .filter(constant -> paywallFamilies.stream().anyMatch(constant::startsWith))
                .filter(constant -> !documented.contains(constant)))
                .as("constants in Paywall's families that its pages do not list")
                .allSatisfy(constant -> assertThat(kasaAdditions).contains(constant));
    }

    @Test
    void everyLookupTableOfThePhysicalPagesHasTheDocumentedIdsAndNames() {
        assertThat(PaywallTables.all().keySet()).containsExactlyElementsOf(TABLES.stream().map(Table::name).toList());
        for (Table table : TABLES) {
            List<? extends LookupValue> served = PaywallTables.named(table.name());
            List<String[]> documented = rows(table.rows());
            for (String[] row : documented) {
                int id = Integer.parseInt(row[0]);
                Optional<? extends LookupValue> value = served.stream().filter(candidate -> candidate.id() == id).findFirst();
                assertThat(value).as("%s has id %d (%s)", table.name(), id, row[1]).isPresent();
                String name = switch (table.column()) {
                    case TR -> value.get().label().tr();
                    case EN -> value.get().label().en();
                    case NAME -> value.get().wireName();
                };
                assertThat(name).as("%s %d", table.name(), id).isEqualTo(row[1]);
                assertThat(value.get().wireName()).as("%s %d has an API name", table.name(), id).isNotBlank();
                assertThat(value.get().label().en()).as("%s %d in English", table.name(), id).isNotBlank();
            }
            Set<Integer> documentedIds = documented.stream().map(row -> Integer.parseInt(row[0])).collect(Collectors.toSet());
            assertThat(served.stream().map(LookupValue::id).filter(id -> !documentedIds.contains(id)))
                    .as("%s rows beyond the page", table.name())
                    .containsExactlyInAnyOrderElementsOf(KASA_ROWS.getOrDefault(table.name(), Set.of()));
            assertThat(served.stream().map(LookupValue::id).distinct().count())
                    .as("%s ids are unique", table.name()).isEqualTo(served.size());
        }
    }

    @Test
    void theApiNamesSeenInThePagesSamplesAreTheOnesKasaWrites() {
        for (String[] row : rows(NAMES_SEEN_IN_SAMPLES)) {
            int id = Integer.parseInt(row[1]);
            assertThat(PaywallTables.named(row[0]).stream().filter(value -> value.id() == id).map(LookupValue::wireName))
                    .as("%s %d", row[0], id).containsExactly(row[2]);
        }
    }

    @Test
    void onlyTurkeyIsAnOpenRegionAndOnlyKasasOwnBrandAndProviderAreServed() {
        assertThat(PaywallTables.named("regions").stream().filter(LookupValue::isActive).map(LookupValue::id))
                .containsExactly(1);
        assertThat(PaywallTables.named("brands").stream().filter(LookupValue::isActive).map(LookupValue::id))
                .containsExactly(100);
        assertThat(PaywallTables.named("providers").stream().filter(LookupValue::isActive).map(LookupValue::id))
                .containsExactly(100);
    }
}
