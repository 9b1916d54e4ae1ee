package io.kasa.server;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each feature package's root is its API; its sub-packages are internal. This test fails
 * when one feature reaches into another's internals or features depend on each other in a
 * cycle, or when SQL outside the payment package names a payment table.
 */
class ModuleBoundaryTests {

    private static final Path SOURCES = Path.of("src/main/java");
    private static final Path PAYMENT = SOURCES.resolve("io/kasa/server/payment");
    /** A statement reading, writing or locking one of the payment package's tables. */
    private static final Pattern PAYMENT_TABLE = Pattern.compile(
            "\\b(from|join|update|into|table)\\s+(payment|payment_product|payment_order|payment_activity)\\b",
            Pattern.CASE_INSENSITIVE);

    @Test
    void featuresRespectEachOthersBoundaries() {
        ApplicationModules.of(KasaServer.class).verify();
    }

    /**
     * The payment package owns its tables: other features learn from its events and published
     * queries ({@code SoldProducts}, {@code Payments}), so a change of those tables has one
     * place to look. The scan must find the payment package's own statements, or it has
     * stopped seeing SQL at all.
     */
    @Test
    void onlyThePaymentPackageNamesPaymentTablesInSql() throws IOException {
        List<String> outside = new ArrayList<>();
        int inside = 0;
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(path -> path.toString().endsWith(".java")).toList()) {
                Matcher found = PAYMENT_TABLE.matcher(Files.readString(file));
                while (found.find()) {
                    if (file.startsWith(PAYMENT)) {
                        inside++;
                    } else {
                        outside.add(SOURCES.relativize(file) + ": " + found.group());
                    }
                }
            }
        }
        assertThat(inside).as("statements on payment tables the payment package holds").isPositive();
        assertThat(outside).as("SQL on payment tables outside io.kasa.server.payment").isEmpty();
    }
}
