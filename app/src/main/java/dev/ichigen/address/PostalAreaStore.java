package dev.ichigen.address;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.ichigen.address.data.PostalRow;

/** The tables {@code postal_area} and {@code postal_data_set}. */
@Repository
class PostalAreaStore {

    /** Rows per INSERT statement: multi-row VALUES is several times faster than one row per statement on both databases. */
    private static final int ROWS_PER_STATEMENT = 500;
    /** Statements per JDBC batch. */
    private static final int STATEMENTS_PER_BATCH = 4;
    private static final String COLUMNS = "code, seq, prefecture, city, town, prefecture_kana, city_kana, town_kana, "
            + "base_town, raw_town, municipality_code";
    private static final int COLUMN_COUNT = 11;

    private final JdbcClient jdbc;
    private final JdbcTemplate template;

    PostalAreaStore(JdbcClient jdbc, JdbcTemplate template) {
        this.jdbc = jdbc;
        this.template = template;
    }

    /** An area with what matching needs besides the public fields. */
    record StoredArea(PostalArea area, String baseTown) {
    }

    /** The areas of one code, in Japan Post's order: one primary-key range read. */
    List<StoredArea> find(String code) {
        return jdbc.sql("""
                select code, prefecture, city, town, prefecture_kana, city_kana, town_kana, base_town, raw_town
                from postal_area where code = :code order by seq""")
                .param("code", code)
                .query((rs, i) -> new StoredArea(new PostalArea(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(9)), rs.getString(8)))
                .list();
    }

    long countRows() {
        return jdbc.sql("select count(*) from postal_area").query(Long.class).single();
    }

    /** The data-set row, read without locking. */
    DataSetRow dataSet() {
        return jdbc.sql("select origin, source, row_count, code_count, content_hash, loaded_at, loaded_by from postal_data_set where id = 1")
                .query(PostalAreaStore::dataSetRow).single();
    }

    /**
     * Locks the data-set row until the transaction ends: whoever holds it may replace the data; others
     * (another instance loading the bundled data, a second import) wait and then see the new state.
     */
    DataSetRow lockDataSet() {
        return jdbc.sql("select origin, source, row_count, code_count, content_hash, loaded_at, loaded_by from postal_data_set where id = 1 for update")
                .query(PostalAreaStore::dataSetRow).single();
    }

    void deleteAll() {
        jdbc.sql("delete from postal_area").update();
    }

    void updateDataSet(PostalDataSet.Origin origin, String source, long rows, long codes, String hash, Instant at, String by) {
        jdbc.sql("""
                update postal_data_set set origin = :origin, source = :source, row_count = :rows, code_count = :codes,
                content_hash = :hash, loaded_at = :at, loaded_by = :by where id = 1""")
                .param("origin", origin.name())
                .param("source", source.length() > 300 ? source.substring(0, 299) + "…" : source)
                .param("rows", rows)
                .param("codes", codes)
                .param("hash", hash)
                .param("at", at.atOffset(ZoneOffset.UTC))
                .param("by", by)
                .update();
    }

    /** Inserts prepared rows with multi-row INSERTs sent in JDBC batches, on the transaction's connection. */
    void insertAll(List<PostalRow> rows) {
        template.execute((ConnectionCallback<Void>) connection -> {
            int full = rows.size() / ROWS_PER_STATEMENT;
            if (full > 0) {
                try (PreparedStatement ps = connection.prepareStatement(insertSql(ROWS_PER_STATEMENT))) {
                    for (int s = 0; s < full; s++) {
                        bind(ps, rows.subList(s * ROWS_PER_STATEMENT, (s + 1) * ROWS_PER_STATEMENT));
                        ps.addBatch();
                        if ((s + 1) % STATEMENTS_PER_BATCH == 0) {
                            ps.executeBatch();
                        }
                    }
                    ps.executeBatch();
                }
            }
            insertRest(connection, rows.subList(full * ROWS_PER_STATEMENT, rows.size()));
            return null;
        });
    }

    private static void insertRest(Connection connection, List<PostalRow> rest) throws SQLException {
        if (rest.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = connection.prepareStatement(insertSql(rest.size()))) {
            bind(ps, rest);
            ps.executeUpdate();
        }
    }

    private static String insertSql(int rows) {
        StringBuilder sql = new StringBuilder("insert into postal_area (" + COLUMNS + ") values ");
        String one = "(?" + ",?".repeat(COLUMN_COUNT - 1) + ")";
        for (int i = 0; i < rows; i++) {
            sql.append(i == 0 ? "" : ",").append(one);
        }
        return sql.toString();
    }

    private static void bind(PreparedStatement ps, List<PostalRow> rows) throws SQLException {
        int p = 1;
        for (PostalRow r : rows) {
            ps.setString(p++, r.code());
            ps.setInt(p++, r.seq());
            ps.setString(p++, r.prefecture());
            ps.setString(p++, r.city());
            ps.setString(p++, r.town());
            ps.setString(p++, r.prefectureKana());
            ps.setString(p++, r.cityKana());
            ps.setString(p++, r.townKana());
            ps.setString(p++, r.baseTown());
            ps.setString(p++, r.rawTown());
            ps.setString(p++, r.municipalityCode());
        }
    }

    record DataSetRow(PostalDataSet.Origin origin, String source, long rows, long codes, String hash, Instant loadedAt,
            String loadedBy) {

        PostalDataSet toDataSet() {
            return new PostalDataSet(origin, source, rows, codes, loadedAt, loadedBy);
        }
    }

    private static DataSetRow dataSetRow(java.sql.ResultSet rs, int i) throws SQLException {
        String origin = rs.getString("origin");
        OffsetDateTime at = rs.getObject("loaded_at", OffsetDateTime.class);
        return new DataSetRow(origin == null ? null : PostalDataSet.Origin.valueOf(origin), rs.getString("source"),
                rs.getLong("row_count"), rs.getLong("code_count"), rs.getString("content_hash"),
                at == null ? null : at.toInstant(), rs.getString("loaded_by"));
    }
}
