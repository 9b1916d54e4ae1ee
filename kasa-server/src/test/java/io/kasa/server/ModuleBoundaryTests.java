package io.kasa.server;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each feature package's root is its API; its sub-packages are internal. This test fails
 * when one feature reaches into another's internals or features depend on each other in a
 * cycle, when SQL outside the payment package names a payment table, or when the marketplace
 * calls a payment service beyond its published queries.
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

    /**
     * The marketplace locks no payment row: it learns of a sale from the status-change event
     * and from the payment package's published reads, and calls no other method of the
     * payment package's services, so nothing there takes a payment lock on its behalf. Its
     * changes of a sale are ordered against the sale's cancel by a lock of its own (see
     * {@code io.kasa.server.payment.Orders} for the order). The scan must see the marketplace
     * calling the reads, or it has stopped seeing calls at all.
     */
    @Test
    void theMarketplaceCallsNoPaymentServiceButItsPublishedReads() {
        JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.kasa.server");
        Map<String, Set<String>> reads = Map.of(
                "SoldProducts", Set.of("of", "products"),
                "Payments", Set.of("getByPaymentId", "products"));
        DescribedPredicate<JavaMethodCall> paymentService = DescribedPredicate.describe(
                "a method of a payment service", call -> {
                    JavaClass owner = call.getTargetOwner();
                    return owner.getPackageName().startsWith("io.kasa.server.payment")
                            && owner.isMetaAnnotatedWith(Component.class);
                });
        DescribedPredicate<JavaMethodCall> publishedQuery = DescribedPredicate.describe(
                "one of its published reads " + reads, call -> reads.getOrDefault(call.getTargetOwner().getSimpleName(), Set.of())
                        .contains(call.getName()));
        long queried = classes.stream().filter(type -> type.getPackageName().startsWith("io.kasa.server.marketplace"))
                .flatMap(type -> type.getMethodCallsFromSelf().stream()).filter(publishedQuery).count();
        assertThat(queried).as("the marketplace's calls of the payment package's published reads").isPositive();
        noClasses().that().resideInAPackage("io.kasa.server.marketplace..")
                .should().callMethodWhere(paymentService.and(DescribedPredicate.not(publishedQuery)))
                .because("the marketplace takes its own lock of a sale, never the payment row")
                .check(classes);
    }
}
