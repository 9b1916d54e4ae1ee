package io.kasa.server.database;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import javax.sql.DataSource;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Migrations V14 and V15 against a real PostgreSQL holding data written the way Kasa wrote it before
 * (GUID member, bank-account and earning keys; payments and value dates without integer ids): every row
 * survives, numbered in the order it was created, every reference follows its row, and new
 * rows continue the numbering.
 */
class PaywallIdsMigrationIT {

    private static final OffsetDateTime T0 = OffsetDateTime.of(2026, 3, 1, 9, 0, 0, 0, ZoneOffset.UTC);
    private static final String TR_IBAN = "TR330006100519786457841326";

    private static EmbeddedPostgres postgres;
    private static JdbcClient jdbc;

    private static final UUID MERCHANT = UUID.randomUUID();
    private static final UUID CONNECTION = UUID.randomUUID();
    private static final UUID TERMINAL = UUID.randomUUID();
    /** Created second, though its GUID sorts first: creation order decides the numbers. */
    private static final UUID LATE_MEMBER = UUID.fromString("00000000-0000-0000-0000-000000000001");
    private static final UUID EARLY_MEMBER = UUID.fromString("ffffffff-0000-0000-0000-000000000001");
    private static final UUID EARLY_PAYMENT = UUID.fromString("ffffffff-0000-0000-0000-000000000002");
    private static final UUID LATE_PAYMENT = UUID.fromString("00000000-0000-0000-0000-000000000002");

    @BeforeAll
    static void migrateOldData() throws IOException {
        postgres = EmbeddedPostgres.builder().start();
        DataSource dataSource = postgres.getPostgresDatabase();
        jdbc = JdbcClient.create(dataSource);
        flyway(dataSource, beforeV14(dataSource)).migrate();
        assertThat(jdbc.sql("select data_type from information_schema.columns where table_name = 'member' and column_name = 'id'")
                .query(String.class).single()).as("the old schema").isEqualTo("uuid");
        writeTheOldWay();

        flyway(dataSource, "latest").migrate();
    }

    @AfterAll
    static void stop() throws IOException {
        postgres.close();
    }

    /** The last migration before V14, whatever other migrations precede it. */
    private static String beforeV14(DataSource dataSource) {
        return java.util.Arrays.stream(flyway(dataSource, "latest").info().all())
                .map(migration -> migration.getVersion())
                .filter(version -> version.isNewerThan("0") && !version.isAtLeast("14"))
                .max(java.util.Comparator.naturalOrder())
                .orElseThrow()
                .getVersion();
    }

    private static Flyway flyway(DataSource dataSource, String target) {
        return Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").target(target).load();
    }

    private static void writeTheOldWay() {
        MigrationRows.merchantWithTerminal(jdbc, MERCHANT, CONNECTION, TERMINAL, T0);
        member(EARLY_MEMBER, "early", T0.plusMinutes(1));
        member(LATE_MEMBER, "late", T0.plusMinutes(2));
        jdbc.sql("insert into member_bank_account (id, member_id, currency_id, title, iban) values (?, ?, 1, 'Ali Yılmaz', ?)")
                .params(UUID.randomUUID(), EARLY_MEMBER, TR_IBAN).update();
        jdbc.sql("insert into member_bank_account (id, member_id, currency_id, title, iban) values (?, ?, 1, 'Ayşe Kaya', ?)")
                .params(UUID.randomUUID(), LATE_MEMBER, TR_IBAN).update();

        payment(EARLY_PAYMENT, "first", T0.plusMinutes(3), EARLY_MEMBER, LATE_MEMBER);
        payment(LATE_PAYMENT, "second", T0.plusMinutes(4), LATE_MEMBER, null);

        UUID payout = UUID.randomUUID();
        jdbc.sql("""
                        insert into payout (id, merchant_id, member_id, currency_id, amount, iban, status, created_at, updated_at)
                        values (?, ?, ?, 1, 90.00, ?, 'SUCCEEDED', ?, ?)""")
                .params(payout, MERCHANT, LATE_MEMBER, TR_IBAN, T0.plusDays(8), T0.plusDays(8)).update();
        jdbc.sql("""
                        insert into callback_delivery (id, merchant_id, payment_id, sequence, payment_type_id, payment_status_id,
                            target, payload, state, next_attempt_at, created_at)
                        values (?, ?, ?, 2, 1, 4, 'https://shop.example/cb', cast(? as jsonb), 'PENDING', ?, ?)""")
                .params(UUID.randomUUID(), MERCHANT, LATE_PAYMENT,
                        "{\"PaymentRequestId\":\"" + LATE_PAYMENT + "\",\"Amount\":100.00}", T0, T0).update();
    }

    private static void member(UUID id, String externalId, OffsetDateTime at) {
        jdbc.sql("""
                        insert into member (id, merchant_id, is_sub_merchant, member_type, external_id, name, title,
                            identity_number, email, phone, address, contact_name, contact_lastname,
                            calculation_type, calculation_value, commission, created_at)
                        values (?, ?, true, 1, ?, 'Ali', 'Ali Yılmaz', '10000000146', 'ali@example.com', '+905551112233',
                            'Kadıköy', 'Ali', 'Yılmaz', 1, 7, 10.00, ?)""")
                .params(id, MERCHANT, externalId, at).update();
    }

    /** A paid sale of two products, the first sold for {@code first}, the second for {@code second} (or the platform). */
    private static void payment(UUID id, String code, OffsetDateTime at, UUID first, UUID second) {
        jdbc.sql("""
                        insert into payment (id, merchant_id, terminal_id, connection_id, merchant_unique_code, fingerprint,
                            channel_id, amount, currency_id, details, payment_type_id, payment_status_id, activity_id, created_at)
                        values (?, ?, ?, ?, ?, '\\x00', 2, 150.00, 1, '{}', 1, 4, ?, ?)""")
                .params(id, MERCHANT, TERMINAL, CONNECTION, code, UUID.randomUUID(), at).update();
        UUID[] members = {first, second};
        for (int position = 0; position < 2; position++) {
            UUID product = UUID.randomUUID();
            jdbc.sql("""
                            insert into payment_product (id, payment_id, position, name, amount, quantity, tax_group_id,
                                unit_code_id, member_id)
                            values (?, ?, ?, ?, 75.00, 1, 10, 1, ?)""")
                    .params(product, id, position, code + "-" + position, members[position]).update();
            UUID member = members[position];
            if (member != null) {
                earning(id, product, member, new BigDecimal("67.50"), at);
            }
            earning(id, product, null, member == null ? new BigDecimal("75.00") : new BigDecimal("7.50"), at);
        }
    }

    private static void earning(UUID payment, UUID product, UUID member, BigDecimal amount, OffsetDateTime at) {
        jdbc.sql("""
                        insert into earning (id, merchant_id, payment_id, product_id, member_id, currency_id, amount,
                            commission, earning_date, payable_date, status, created_at, updated_at)
                        values (?, ?, ?, ?, ?, 1, ?, 10.00, ?, ?, ?, ?, ?)""")
                .params(UUID.randomUUID(), MERCHANT, payment, product, member, amount, at.toLocalDate(),
                        at.toLocalDate().plusDays(7), member == null ? "POOLED" : "SCHEDULED", at, at)
                .update();
    }

    @Test
    void membersAreNumberedInCreationOrderWithTheirAccountsFollowing() {
        List<Map<String, Object>> members = jdbc.sql("""
                        select m.id, m.external_id, a.title, a.id as account_id
                        from member m join member_bank_account a on a.member_id = m.id
                        where m.external_id in ('early', 'late') order by m.id""")
                .query().listOfRows();

        assertThat(members).extracting(row -> row.get("id")).containsExactly(1L, 2L);
        assertThat(members).extracting(row -> row.get("external_id")).containsExactly("early", "late");
        assertThat(members).extracting(row -> row.get("title")).containsExactly("Ali Yılmaz", "Ayşe Kaya");
        assertThat(members).extracting(row -> row.get("account_id")).containsExactly(1L, 2L);
    }

    @Test
    void valueDatesAreNumberedInTheirMembersCreationOrder() {
        assertThat(jdbc.sql("select value_date_id from member where external_id in ('early', 'late') order by created_at")
                .query(Long.class).list()).containsExactly(1L, 2L);
        assertThat(jdbc.sql("select nextval('member_value_date_id')").query(Long.class).single())
                .as("new value dates continue the numbering").isEqualTo(3L);
    }

    @Test
    void paymentsAndProductsGainIncreasingIntegersAndKeepTheirGuids() {
        assertThat(jdbc.sql("select id from payment order by paywall_id").query(UUID.class).list())
                .containsExactly(EARLY_PAYMENT, LATE_PAYMENT);
        assertThat(jdbc.sql("select paywall_id from payment order by created_at").query(Long.class).list())
                .containsExactly(1L, 2L);
        assertThat(jdbc.sql("select name from payment_product order by paywall_id").query(String.class).list())
                .containsExactly("first-0", "first-1", "second-0", "second-1");
    }

    @Test
    void everyReferenceToAMemberFollowsItsRow() {
        Map<String, Long> productMembers = new java.util.LinkedHashMap<>();
        jdbc.sql("select name, member_id from payment_product order by paywall_id")
                .query(row -> {
                    productMembers.put(row.getString("name"), (Long) row.getObject("member_id"));
                });
        Map<String, Long> expected = new java.util.LinkedHashMap<>();
        expected.put("first-0", 1L);
        expected.put("first-1", 2L);
        expected.put("second-0", 2L);
        expected.put("second-1", null);
        assertThat(productMembers).containsExactlyEntriesOf(expected);

        assertThat(jdbc.sql("""
                        select count(*) from earning e join payment_product p on p.id = e.product_id
                        where e.member_id is distinct from p.member_id and e.member_id is not null""")
                .query(Long.class).single()).as("member earnings name their product's member").isZero();
        assertThat(jdbc.sql("select member_id from payout").query(Long.class).single()).isEqualTo(2L);
    }

    @Test
    void earningsKeepTheirMoneyAndAreNumberedInCalculationOrder() {
        assertThat(jdbc.sql("select count(*) from earning").query(Long.class).single()).isEqualTo(7);
        assertThat(jdbc.sql("select sum(amount) from earning").query(BigDecimal.class).single())
                .isEqualByComparingTo("300.00");
        assertThat(jdbc.sql("select min(id) from earning").query(Long.class).single()).isEqualTo(1L);
        assertThat(jdbc.sql("select max(id) from earning").query(Long.class).single()).isEqualTo(7L);
        long lastOfEarly = jdbc.sql("select max(id) from earning where payment_id = ?").params(EARLY_PAYMENT)
                .query(Long.class).single();
        long firstOfLate = jdbc.sql("select min(id) from earning where payment_id = ?").params(LATE_PAYMENT)
                .query(Long.class).single();
        assertThat(lastOfEarly).as("the earlier sale's earnings come first").isLessThan(firstOfLate);
    }

    /** V21: the marketplace keeps its own copy of what its reports show of each product of a sale with earnings. */
    @Test
    void theMarketplaceKeepsTheProductsOfSalesWithEarnings() {
        String sold = """
                select pp.id, p.merchant_id, p.id as payment_id, p.paywall_id as paywall_payment_id,
                    pp.paywall_id as paywall_product_id, pp.position, pp.name, pp.amount, pp.member_id
                from payment_product pp join payment p on p.id = pp.payment_id order by pp.paywall_id""";
        String kept = """
                select id, merchant_id, payment_id, paywall_payment_id, paywall_product_id, position, name, amount, member_id
                from marketplace_product order by paywall_product_id""";
        List<Map<String, Object>> products = jdbc.sql(sold).query().listOfRows();
        assertThat(products).hasSize(4);
        assertThat(jdbc.sql(kept).query().listOfRows()).isEqualTo(products);
        assertThat(jdbc.sql("select count(*) from earning e left join marketplace_product mp on mp.id = e.product_id where mp.id is null")
                .query(Long.class).single()).as("every earning's product is kept").isZero();
    }

    @Test
    void aWaitingCallbackCarriesThePaymentsIntegerId() {
        assertThat(jdbc.sql("select payload ->> 'PaymentId' from callback_delivery").query(String.class).single())
                .isEqualTo("2");
        assertThat(jdbc.sql("select payload ->> 'Amount' from callback_delivery").query(String.class).single())
                .isEqualTo("100.00");
    }

    @Test
    void newRowsContinueTheNumberingAndTheRulesStillHold() {
        long member = jdbc.sql("""
                        insert into member (merchant_id, is_sub_merchant, external_id, name, title, email, phone, address,
                            created_at)
                        values (?, false, 'new', 'Yeni', 'Yeni', 'yeni@example.com', '5554443322', 'X', now())
                        returning id""")
                .params(MERCHANT).query(Long.class).single();
        assertThat(member).isEqualTo(3L);
        assertThat(jdbc.sql("""
                        insert into member_bank_account (member_id, currency_id, title, iban)
                        values (?, 2, 'Yeni', ?) returning id""")
                .params(member, TR_IBAN).query(Long.class).single()).isEqualTo(3L);

        assertThat(constraintRefuses("insert into member_bank_account (member_id, currency_id, title, iban) values (99, 1, 'x', '"
                + TR_IBAN + "')")).as("a bank account needs its member").isTrue();
        assertThat(constraintRefuses("insert into member_bank_account (member_id, currency_id, title, iban) values (1, 1, 'x', '"
                + TR_IBAN + "')")).as("one account per currency").isTrue();
        assertThat(constraintRefuses("insert into member (id, merchant_id, is_sub_merchant, external_id, name, title, email,"
                + " phone, address, created_at) values (50, '" + MERCHANT + "', false, 'x', 'x', 'x', 'x', 'x', 'x', now())"))
                .as("ids are the database's to give").isTrue();
        assertThat(constraintRefuses("update earning set member_id = 1 where status = 'POOLED'"))
                .as("a pooled earning is the platform's").isTrue();
    }

    private static boolean constraintRefuses(String sql) {
        try {
            jdbc.sql(sql).update();
            return false;
        } catch (org.springframework.dao.DataAccessException refused) {
            return true;
        }
    }
}
