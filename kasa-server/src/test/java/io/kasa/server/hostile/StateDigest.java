package io.kasa.server.hostile;

import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

/**
 * A fingerprint of everything some merchants own, table by table, for telling whether a
 * run of requests changed anything. The tables are found in the schema, not listed: a table
 * with a {@code merchant_id} is filtered on it, a table without one through the foreign key
 * that leads to one, so a table added later is covered too; where the schema leaves a
 * reference unchecked because its writer guarantees it (V20, V22), {@link #UNCHECKED} names it
 * in the foreign key's stead. The one column that moves by
 * itself ({@code last_seen_at}, refreshed while a device is connected) is left out. Beside
 * the merchants' rows, the number of merchants and of keys is taken, so a request that
 * created a new merchant or a key for someone else is caught as well.
 */
final class StateDigest {

    private static final String VOLATILE = "last_seen_at";

    /**
     * References the schema does not check, as {@code table -> (column, parent table)}: the
     * store that writes both rows guarantees them (see the migrations that dropped their
     * foreign keys), and they lead to a merchant as a foreign key would.
     */
    private static final Map<String, List<String>> UNCHECKED = Map.of(
            "payment_activity", List.of("payment_id", "payment"),
            "payment_product", List.of("payment_id", "payment"),
            "callback_attempt", List.of("delivery_id", "callback_delivery"));

    private StateDigest() {
    }

    /** Table by table, the digest of the merchants' rows. */
    static Map<String, String> of(JdbcClient jdbc, Collection<UUID> merchants) {
        UUID[] ids = merchants.toArray(UUID[]::new);
        Map<String, String> digests = new TreeMap<>();
        for (String table : tables(jdbc)) {
            Optional<String> filter = filter(jdbc, table, new ArrayList<>());
            if (filter.isEmpty()) {
                continue;
            }
            String sql = "select md5(coalesce(string_agg(r, E'\\n' order by r), '')) || ':' || count(*) from ("
                    + "select (to_jsonb(t) - '" + VOLATILE + "')::text as r from " + table + " t where " + filter.get()
                    + ") rows";
            digests.put(table, jdbc.sql(sql).param("merchants", ids).query(String.class).single());
        }
        digests.put("(all merchants)", jdbc.sql("select count(*)::text from merchant").query(String.class).single());
        digests.put("(all keys)", jdbc.sql("select count(*)::text from merchant_key").query(String.class).single());
        return digests;
    }

    private static List<String> tables(JdbcClient jdbc) {
        return jdbc.sql("""
                        select table_name from information_schema.tables
                        where table_schema = current_schema() and table_type = 'BASE TABLE'
                          and table_name <> 'flyway_schema_history'
                        order by table_name""")
                .query(String.class).list();
    }

    /**
     * The condition that picks the merchants' rows of {@code table}, if some path leads to a
     * merchant; a mandatory reference is preferred, since an optional one misses rows.
     */
    private static Optional<String> filter(JdbcClient jdbc, String table, List<String> visited) {
        if (table.equals("merchant")) {
            return Optional.of("id = any(:merchants)");
        }
        boolean owned = jdbc.sql("""
                        select count(*) from information_schema.columns
                        where table_schema = current_schema() and table_name = :table and column_name = 'merchant_id'""")
                .param("table", table).query(Long.class).single() > 0;
        if (owned) {
            return Optional.of("merchant_id = any(:merchants)");
        }
        visited.add(table);
        List<Map<String, Object>> references = jdbc.sql("""
                        select kcu.column_name as col, ccu.table_name as parent, ccu.column_name as parent_col
                        from information_schema.table_constraints tc
                        join information_schema.key_column_usage kcu
                          on kcu.constraint_name = tc.constraint_name and kcu.table_schema = tc.table_schema
                        join information_schema.constraint_column_usage ccu
                          on ccu.constraint_name = tc.constraint_name and ccu.table_schema = tc.table_schema
                        join information_schema.columns c
                          on c.table_schema = tc.table_schema and c.table_name = tc.table_name
                         and c.column_name = kcu.column_name
                        where tc.constraint_type = 'FOREIGN KEY' and tc.table_schema = current_schema()
                          and tc.table_name = :table
                        order by c.is_nullable, kcu.column_name""")
                .param("table", table).query().listOfRows();
        if (UNCHECKED.containsKey(table)) {
            references = new ArrayList<>(references);
            references.add(Map.of("col", UNCHECKED.get(table).get(0), "parent", UNCHECKED.get(table).get(1),
                    "parent_col", "id"));
        }
        for (Map<String, Object> reference : references) {
            String parent = (String) reference.get("parent");
            if (visited.contains(parent)) {
                continue;
            }
            Optional<String> parentFilter = filter(jdbc, parent, visited);
            if (parentFilter.isPresent()) {
                return Optional.of(reference.get("col") + " in (select " + reference.get("parent_col") + " from "
                        + parent + " where " + parentFilter.get() + ")");
            }
        }
        return Optional.empty();
    }
}
