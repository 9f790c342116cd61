package dev.ichigen.order;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The stored check settings ({@code order_check_setting}), merged over the defaults each check declares.
 * Read on every intake, so kept in memory for {@value #TTL_SECONDS} s: a change made on this instance applies
 * at once; other instances of the cluster pick it up within that time.
 */
@Component
class CheckSettingsStore {

    static final String ENABLED = "enabled";
    static final int TTL_SECONDS = 10;

    private final JdbcClient jdbc;
    private final Clock clock;
    private volatile Map<String, Map<String, String>> cached;
    private volatile Instant cachedAt = Instant.MIN;

    CheckSettingsStore(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** The effective settings of a check: defaults, {@code enabled}, then what is stored. */
    Map<String, String> effective(OrderCheck check) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put(ENABLED, String.valueOf(check.enabledByDefault()));
        for (CheckSetting s : check.settings()) {
            values.put(s.key(), s.defaultValue());
        }
        Map<String, String> stored = stored().get(check.name());
        if (stored != null) {
            stored.forEach((k, v) -> {
                if (values.containsKey(k)) {
                    values.put(k, v);
                }
            });
        }
        return values;
    }

    boolean enabled(Map<String, String> effective) {
        return Boolean.parseBoolean(effective.get(ENABLED));
    }

    Map<String, Map<String, String>> stored() {
        Instant now = clock.instant();
        Map<String, Map<String, String>> current = cached;
        if (current == null || Duration.between(cachedAt, now).getSeconds() >= TTL_SECONDS) {
            Map<String, Map<String, String>> loaded = new HashMap<>();
            jdbc.sql("select check_name, setting_key, setting_value from order_check_setting").query(rs -> {
                loaded.computeIfAbsent(rs.getString(1), k -> new HashMap<>()).put(rs.getString(2), rs.getString(3));
            });
            cached = current = Map.copyOf(loaded);
            cachedAt = now;
        }
        return current;
    }

    void save(String checkName, Map<String, String> values, String actor, Instant now) {
        for (Map.Entry<String, String> e : values.entrySet()) {
            jdbc.sql("delete from order_check_setting where check_name = :c and setting_key = :k")
                    .param("c", checkName).param("k", e.getKey()).update();
            jdbc.sql("""
                    insert into order_check_setting (check_name, setting_key, setting_value, updated_at, updated_by)
                    values (:c, :k, :v, :now, :by)""")
                    .param("c", checkName).param("k", e.getKey()).param("v", e.getValue())
                    .param("now", OrderStore.odt(now)).param("by", actor).update();
        }
        invalidate();
    }

    void invalidate() {
        cached = null;
    }

    List<String> keysOf(OrderCheck check) {
        return effective(check).keySet().stream().toList();
    }
}
