package io.kasa.server.dashboard;

import io.kasa.server.callback.CallbackDelivery;
import io.kasa.server.marketplace.Debt;
import io.kasa.server.marketplace.EarningStatus;
import io.kasa.server.marketplace.PayoutJob;
import io.kasa.server.merchant.KeyKind;
import io.kasa.server.payment.Channel;
import io.kasa.server.payment.PaymentStatus;
import io.kasa.server.payment.PaymentType;
import io.kasa.server.payment.TaxGroup;
import io.kasa.server.payment.UnitCode;
import io.kasa.server.terminal.PairAsyncRequest;
import io.kasa.server.terminal.PairRequest;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard's labels module (static/dashboard/i18n.js) against the pages and the server's
 * tables: every fixed text a page hands to {@code t()}, {@code field()}, {@code fact()} or as a
 * table's header has its Turkish, once, and the module holds no Turkish nothing uses; every
 * row of the server's tables the pages show (payment statuses and types, channels, units, tax
 * groups, earning, debt, callback, payout-order and pairing states, key kinds) has its name.
 */
class DashboardLabelsTests {

    private static final List<String> PAGES = List.of("app.js", "dom.js", "overview.js", "terminals.js",
            "payments.js", "marketplace.js", "operator.js");
    private static final String STRING = "('(?:[^'\\\\]|\\\\.)*'|\"(?:[^\"\\\\]|\\\\.)*\")";
    private static final List<Pattern> FIXED_TEXTS = List.of(
            Pattern.compile("\\b(?:t|field|fact)\\(\\s*" + STRING),
            Pattern.compile("\\['\\w+', " + STRING + ", \\w+\\]"));
    private static final Pattern TABLE_HEADERS = Pattern.compile("\\btable\\(\\[([^\\]]*)\\]");
    private static final Pattern ANY_STRING = Pattern.compile(STRING);
    private static final Pattern TURKISH_KEY = Pattern.compile("(?m)^  " + STRING + "\\s*:");
    private static final Pattern ROW_KEY = Pattern.compile("(?:^|[{,\\s])(\\w+): \\[");

    private static final String LABELS = source("i18n.js");

    @Test
    void everyFixedTextOfThePagesHasItsTurkishOnceAndNoTurkishIsLeftOver() {
        Set<String> used = new LinkedHashSet<>();
        for (String page : PAGES) {
            String code = source(page);
            for (Pattern pattern : FIXED_TEXTS) {
                Matcher matcher = pattern.matcher(code);
                while (matcher.find()) {
                    used.add(unquote(matcher.group(1)));
                }
            }
            Matcher headers = TABLE_HEADERS.matcher(code);
            while (headers.find()) {
                Matcher header = ANY_STRING.matcher(headers.group(1));
                while (header.find()) {
                    used.add(unquote(header.group(1)));
                }
            }
        }
        used.removeAll(Set.of("", "#"));
        assertThat(used).as("the pages' fixed texts were found").contains("Payments", "Sign in", "Tax", "Created");

        List<String> turkish = new ArrayList<>();
        Matcher key = TURKISH_KEY.matcher(block(LABELS, "const TR = {"));
        while (key.find()) {
            turkish.add(unquote(key.group(1)));
        }
        assertThat(turkish).as("each text is written once").doesNotHaveDuplicates();
        assertThat(used).as("texts of the pages without Turkish").isSubsetOf(turkish);
        assertThat(turkish).as("Turkish no page uses").isSubsetOf(used);
    }

    @Test
    void everyRowOfTheServersTablesHasItsName() {
        assertThat(rows("paymentStatus")).containsExactlyElementsOf(ids(Arrays.stream(PaymentStatus.values()).map(PaymentStatus::id)));
        assertThat(rows("paymentType")).containsExactlyElementsOf(ids(Arrays.stream(PaymentType.values()).map(PaymentType::id)));
        assertThat(rows("channel")).containsExactlyElementsOf(Arrays.stream(Channel.values()).map(Channel::wireName).toList());
        assertThat(rows("unit")).containsExactlyElementsOf(Arrays.stream(UnitCode.values()).map(UnitCode::wireName).toList());
        assertThat(rows("earningStatus")).containsExactlyInAnyOrderElementsOf(
                ids(Arrays.stream(EarningStatus.values()).map(EarningStatus::id)));
        assertThat(rows("callback")).containsExactlyElementsOf(
                Arrays.stream(CallbackDelivery.State.values()).map(CallbackDelivery.State::wireName).toList());
        assertThat(rows("debtType")).containsExactlyElementsOf(ids(Arrays.stream(Debt.Type.values()).map(Debt.Type::id)));
        assertThat(rows("debtStatus")).containsExactlyElementsOf(
                Arrays.stream(Debt.Status.values()).map(Debt.Status::wireName).toList());
        assertThat(rows("job")).containsExactlyElementsOf(Arrays.stream(PayoutJob.Status.values()).map(Enum::name).toList());
        assertThat(rows("pairing")).containsExactlyInAnyOrderElementsOf(Stream.concat(
                        Arrays.stream(PairRequest.Status.values()).map(PairRequest.Status::wireName),
                        Arrays.stream(PairAsyncRequest.Status.values()).map(PairAsyncRequest.Status::wireName))
                .collect(Collectors.toCollection(LinkedHashSet::new)));
        assertThat(rows("keyKind")).containsExactlyElementsOf(Arrays.stream(KeyKind.values()).map(KeyKind::wireName).toList());
    }

    @Test
    void aTaxGroupsRateIsItsId() {
        Map<String, Integer> rates = new LinkedHashMap<>();
        Matcher rate = Pattern.compile("(\\w+): (\\d+)").matcher(block(LABELS, "const TAX_RATES = {"));
        while (rate.find()) {
            rates.put(rate.group(1), Integer.parseInt(rate.group(2)));
        }
        assertThat(rates).isEqualTo(Arrays.stream(TaxGroup.values())
                .collect(Collectors.toMap(TaxGroup::wireName, TaxGroup::id, (a, b) -> a, LinkedHashMap::new)));
    }

    private static List<String> rows(String table) {
        String names = block(LABELS, "export const NAMES = {");
        String rows = block(names, "  " + table + ": {");
        List<String> keys = new ArrayList<>();
        Matcher key = ROW_KEY.matcher(rows);
        while (key.find()) {
            keys.add(key.group(1));
        }
        return keys;
    }

    private static List<String> ids(Stream<Integer> ids) {
        return ids.map(String::valueOf).toList();
    }

    /**
     * The text between the brace that ends {@code opening} and its matching closing brace,
     * passing over strings and line comments.
     */
    private static String block(String code, String opening) {
        int start = code.indexOf(opening);
        assertThat(start).as("%s is in the labels module", opening).isNotNegative();
        int from = start + opening.length();
        int depth = 1;
        for (int i = from; i < code.length(); i++) {
            char c = code.charAt(i);
            if (code.startsWith("//", i)) {
                i = code.indexOf('\n', i);
            } else if (c == '\'' || c == '"') {
                i = code.indexOf(c, i + 1);
                while (code.charAt(i - 1) == '\\') {
                    i = code.indexOf(c, i + 1);
                }
            } else if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return code.substring(from, i);
            }
        }
        throw new AssertionError(opening + " is not closed");
    }

    private static String unquote(String literal) {
        return literal.substring(1, literal.length() - 1).replaceAll("\\\\(.)", "$1");
    }

    private static String source(String file) {
        try (InputStream in = DashboardLabelsTests.class.getResourceAsStream("/static/dashboard/" + file)) {
            assertThat(in).as("static/dashboard/%s", file).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
