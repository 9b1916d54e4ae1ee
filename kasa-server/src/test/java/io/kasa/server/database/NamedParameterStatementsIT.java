package io.kasa.server.database;

import io.kasa.server.KasaServerIT;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterUtils;

import java.sql.Types;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The statements' texts kept once made ({@link NamedParameterStatements}), against the real
 * PostgreSQL and through the {@code JdbcClient} every store uses.
 */
class NamedParameterStatementsIT extends KasaServerIT {

    private static final String IN_LIST = "select count(*) from generate_series(1, 10) as n where n in (:values) and n > :above";

    @Autowired
    NamedParameterJdbcTemplate statements;

    @Test
    void everyJdbcClientStatementGoesThroughTheKeptTexts() {
        assertThat(statements).isInstanceOf(NamedParameterStatements.class);
        assertThat(jdbc.sql("select :a + :b").param("a", 2).param("b", 3).query(Integer.class).single()).isEqualTo(5);
        assertThat(jdbc.sql("select :a + :b").param("a", 20).param("b", 30).query(Integer.class).single()).isEqualTo(50);
    }

    @Test
    void aStatementWithoutCollectionsKeepsOneTextAcrossItsValues() {
        NamedParameterStatements kept = (NamedParameterStatements) statements;
        var parsed = NamedParameterUtils.parseSqlStatement("select :a, :b, :a");
        String first = kept.getPreparedStatementCreatorFactory(parsed, new MapSqlParameterSource("a", 1).addValue("b", 2)).getSql();
        String second = kept.getPreparedStatementCreatorFactory(parsed, new MapSqlParameterSource("a", "x").addValue("b", null)).getSql();
        assertThat(first).isEqualTo("select ?, ?, ?").isSameAs(second);
    }

    /** A collection expands to one {@code ?} per element, so its statement's text follows each call's values. */
    @Test
    void aCollectionValueStillExpandsToItsOwnSizeEachTime() {
        assertThat(jdbc.sql(IN_LIST).param("values", List.of(3)).param("above", 0).query(Integer.class).single()).isEqualTo(1);
        assertThat(jdbc.sql(IN_LIST).param("values", List.of(1, 2, 3, 4)).param("above", 1).query(Integer.class).single())
                .isEqualTo(3);
        assertThat(jdbc.sql(IN_LIST).param("values", new SqlParameterValue(Types.INTEGER, List.of(5, 6)))
                .param("above", 0).query(Integer.class).single()).isEqualTo(2);
        assertThat(jdbc.sql(IN_LIST).param("values", List.of(7)).param("above", 0).query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void anArrayValueStaysOneParameter() {
        Integer[] values = {1, 2, 3};
        assertThat(jdbc.sql("select cardinality(cast(:values as int[]))").param("values", values).query(Integer.class).single())
                .isEqualTo(3);
        assertThat(jdbc.sql("select cardinality(cast(:values as int[]))").param("values", new Integer[] {4}).query(Integer.class)
                .single()).isEqualTo(1);
    }
}
