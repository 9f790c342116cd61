package dev.ichigen.channel.connector;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Where each channel's order import stands ({@code channel_sync_cursor}); the connector owns the value's format. */
@Component
public class SyncCursors {

    private final JdbcClient jdbc;
    private final Clock clock;

    SyncCursors(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public Optional<String> get(long channelId, String kind) {
        return jdbc.sql("select cursor_value from channel_sync_cursor where channel_id = :c and kind = :k")
                .param("c", channelId).param("k", kind).query(String.class).optional();
    }

    public void put(long channelId, String kind, String value) {
        var now = clock.instant().atOffset(ZoneOffset.UTC);
        int n = jdbc.sql("update channel_sync_cursor set cursor_value = :v, updated_at = :now where channel_id = :c and kind = :k")
                .param("v", value).param("now", now).param("c", channelId).param("k", kind).update();
        if (n == 0) {
            jdbc.sql("insert into channel_sync_cursor (channel_id, kind, cursor_value, updated_at) values (:c, :k, :v, :now) on conflict do nothing")
                    .param("c", channelId).param("k", kind).param("v", value).param("now", now).update();
        }
    }
}
