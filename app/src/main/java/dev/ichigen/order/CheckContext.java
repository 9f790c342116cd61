package dev.ichigen.order;

import java.time.Instant;
import java.util.Map;

/**
 * What a check gets besides the order: the time of the check and its settings (stored in the database,
 * falling back to the defaults the check declared).
 */
public final class CheckContext {

    private final Instant now;
    private final String checkName;
    private final Map<String, String> settings;

    public CheckContext(Instant now, String checkName, Map<String, String> settings) {
        this.now = now;
        this.checkName = checkName;
        this.settings = Map.copyOf(settings);
    }

    public Instant now() {
        return now;
    }

    /** The setting's current value; a key the check did not declare is a programming error. */
    public String setting(String key) {
        String value = settings.get(key);
        if (value == null) {
            throw new IllegalArgumentException("check " + checkName + " declares no setting " + key);
        }
        return value;
    }

    public long longSetting(String key) {
        return Long.parseLong(setting(key));
    }
}
