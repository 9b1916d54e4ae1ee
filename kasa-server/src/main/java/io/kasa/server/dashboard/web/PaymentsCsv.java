package io.kasa.server.dashboard.web;

import io.kasa.server.payment.Lookups;
import io.kasa.server.payment.PaymentView;
import org.springframework.http.MediaType;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The payment list as CSV (RFC 4180): a header row, then one row a payment; lines end in
 * CRLF; a field holding a comma, a quote or a line break is quoted, its quotes doubled.
 * Amounts are decimals with a point ({@code 10.50}), times ISO-8601 with the business time
 * zone's offset ({@code 2026-05-01T14:03:09+03:00}). A field that starts with {@code =},
 * {@code +}, {@code -}, {@code @}, a tab or a carriage return gets a leading {@code '}, so a
 * spreadsheet shows a merchant's code as text and never runs it as a formula.
 */
final class PaymentsCsv {

    /** The most payments one export holds; a wider filter is refused rather than cut short. */
    static final int MAX_ROWS = 50_000;
    static final MediaType MEDIA_TYPE = new MediaType("text", "csv", StandardCharsets.UTF_8);
    static final List<String> HEADER = List.of("PaymentRequestId", "PaymentId", "MerchantUniqueCode", "DisplayCode",
            "TerminalId", "Amount", "Currency", "PaymentType", "PaymentStatusId", "PaymentStatus", "PaymentChannel",
            "CreatedDate", "ModifiedDate");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssXXX");

    private final BufferedWriter out;
    private final ZoneId zone;

    PaymentsCsv(OutputStream out, ZoneId zone) {
        this.out = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
        this.zone = zone;
        line(HEADER);
    }

    void row(PaymentView payment) {
        line(List.of(payment.id().toString(), Long.toString(payment.paymentId()), text(payment.merchantUniqueCode()),
                text(payment.displayCode()), text(payment.terminalId()), payment.amount().toPlainString(),
                text(Lookups.CURRENCIES.get(payment.currencyId())), payment.type().wireName(),
                Integer.toString(payment.status().id()), payment.status().wireName(), payment.channel().wireName(),
                time(payment.createdAt()), time(payment.modifiedAt())));
    }

    void flush() throws IOException {
        out.flush();
    }

    private void line(List<String> fields) {
        try {
            for (int i = 0; i < fields.size(); i++) {
                if (i > 0) {
                    out.write(',');
                }
                out.write(field(fields.get(i)));
            }
            out.write("\r\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One field, defused and quoted as the class comment says. */
    static String field(String value) {
        String safe = !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        boolean quoted = safe.indexOf(',') >= 0 || safe.indexOf('"') >= 0 || safe.indexOf('\n') >= 0
                || safe.indexOf('\r') >= 0;
        return quoted ? '"' + safe.replace("\"", "\"\"") + '"' : safe;
    }

    private String time(Instant instant) {
        return instant == null ? "" : TIME.format(instant.atZone(zone));
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }
}
