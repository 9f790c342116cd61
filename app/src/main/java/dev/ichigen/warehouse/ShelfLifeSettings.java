package dev.ichigen.warehouse;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.ichigen.platform.AuditLog;
import dev.ichigen.shared.InvalidInputException;

/**
 * 最低残存期限 per sales channel: lots picked for the channel's orders must have at least this many days left before
 * their expiry date (e.g. a mall that requires ⅓ of the shelf life remaining). No setting = none beyond "not expired".
 * Per-customer minimums are not built.
 */
@Service
public class ShelfLifeSettings {

    private static final int MAX_DAYS = 3650;

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final Clock clock;

    ShelfLifeSettings(JdbcClient jdbc, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public Optional<Integer> minDays(long channelId) {
        return jdbc.sql("select min_days from channel_shelf_life where channel_id = :c").param("c", channelId).query(Integer.class)
                .optional();
    }

    /** Sets (or with {@code null} removes) a channel's minimum remaining shelf life in days. */
    @Transactional
    public Optional<Integer> set(long channelId, Integer days) {
        if (days != null && (days < 0 || days > MAX_DAYS)) {
            throw new InvalidInputException("minDays", "must be between 0 and " + MAX_DAYS);
        }
        Optional<Integer> before = minDays(channelId);
        jdbc.sql("delete from channel_shelf_life where channel_id = :c").param("c", channelId).update();
        if (days != null) {
            jdbc.sql("insert into channel_shelf_life (channel_id, min_days, updated_at) values (:c, :d, :now)").param("c", channelId)
                    .param("d", days).param("now", clock.instant().atOffset(ZoneOffset.UTC)).update();
        }
        audit.record("shelf-life.set", "sales_channel", String.valueOf(channelId), "最低残存期限 " + (days == null ? "なし" : days + "日"),
                before.orElse(null), days);
        return Optional.ofNullable(days);
    }
}
