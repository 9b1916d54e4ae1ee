package io.kasa.server.database;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.PreparedStatementCreatorFactory;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterUtils;
import org.springframework.jdbc.core.namedparam.ParsedSql;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.util.ConcurrentLruCache;

/**
 * Spring's named-parameter statements (behind every {@code JdbcClient}), with each
 * statement's JDBC text made once instead of at every execution. Spring rewrites
 * {@code :name} to {@code ?} on every call, because a collection value expands to one
 * {@code ?} per element; for Kasa's long statements that rewrite, a copy of the whole text
 * each time, was most of the statement's own cost on the server and a tenth of the memory a
 * sale allocates. The text depends on the values only through such collections, so it is kept
 * per parsed statement (Spring keeps those, 256 at most) when no value is a collection, and
 * made as before otherwise. The same text each time also lets the driver find its prepared
 * statement without hashing the text again.
 */
class NamedParameterStatements extends NamedParameterJdbcTemplate {

    /** As many as Spring keeps parsed statements: a parsed statement it dropped is only made again. */
    private static final int KEPT = 256;

    private final ConcurrentLruCache<ParsedSql, String> texts =
            new ConcurrentLruCache<>(KEPT, parsed -> NamedParameterUtils.substituteNamedParameters(parsed, null));

    NamedParameterStatements(JdbcTemplate jdbc) {
        super(jdbc);
    }

    @Override
    protected PreparedStatementCreatorFactory getPreparedStatementCreatorFactory(ParsedSql parsedSql,
                                                                                 SqlParameterSource paramSource) {
        if (!(paramSource instanceof MapSqlParameterSource values) || expands(values)) {
            return super.getPreparedStatementCreatorFactory(parsedSql, paramSource);
        }
        return new PreparedStatementCreatorFactory(texts.get(parsedSql),
                NamedParameterUtils.buildSqlParameterList(parsedSql, paramSource));
    }

    /** Whether a value is one Spring expands into a {@code ?} per element (as its rewrite decides). */
    private static boolean expands(MapSqlParameterSource source) {
        for (Object value : source.getValues().values()) {
            Object unwrapped = value instanceof SqlParameterValue wrapped ? wrapped.getValue() : value;
            if (unwrapped instanceof Iterable<?>) {
                return true;
            }
        }
        return false;
    }
}
