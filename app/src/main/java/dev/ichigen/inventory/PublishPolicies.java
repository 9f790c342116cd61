package dev.ichigen.inventory;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import dev.ichigen.inventory.ChannelQuantity.PolicySource;

/** Reads which publish policy applies to a channel and SKU: the SKU row, else the channel row, else the default. */
@Component
class PublishPolicies {

    record Effective(PolicySource source, PublishPolicy policy) {
    }

    private final JdbcTemplate jdbc;

    PublishPolicies(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    Effective effective(long channelId, String sku) {
        // one plain SELECT (no UNION: H2 re-parses a top-level UNION on every execution)
        List<Effective> rows = jdbc.query("""
                select s.sync_enabled, s.hold_back, s.max_quantity, s.percentage, s.zero_at_or_below,
                       c.sync_enabled, c.hold_back, c.max_quantity, c.percentage, c.zero_at_or_below
                from sales_channel ch
                left join sku_publish_policy s on s.channel_id = ch.id and s.sku = ?
                left join channel_publish_policy c on c.channel_id = ch.id
                where ch.id = ?""",
                (rs, i) -> {
                    if (rs.getObject(1) != null) {
                        return new Effective(PolicySource.SKU, policy(rs, 1));
                    }
                    if (rs.getObject(6) != null) {
                        return new Effective(PolicySource.CHANNEL, policy(rs, 6));
                    }
                    return new Effective(PolicySource.DEFAULT, PublishPolicy.DEFAULT);
                },
                sku, channelId);
        return rows.isEmpty() ? new Effective(PolicySource.DEFAULT, PublishPolicy.DEFAULT) : rows.getFirst();
    }

    private static PublishPolicy policy(ResultSet rs, int first) throws SQLException {
        return new PublishPolicy(rs.getBoolean(first), rs.getInt(first + 1), rs.getObject(first + 2, Integer.class),
                rs.getInt(first + 3), rs.getObject(first + 4, Integer.class));
    }
}
