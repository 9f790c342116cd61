package dev.ichigen.order;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.ichigen.platform.AuditLog;
import dev.ichigen.platform.CurrentActor;
import dev.ichigen.shared.FieldError;
import dev.ichigen.shared.InvalidInputException;
import dev.ichigen.shared.NotFoundException;

/**
 * The settings of the intake checks (取込チェックの設定): each check can be switched off, and some have
 * thresholds. Stored in the database (defaults from the checks), changed here and audited.
 */
@Service
public class OrderCheckSettings {

    /** A check with its current settings. */
    public record CheckSettings(String check, String description, boolean enabled, List<Value> settings) {
    }

    /** One setting: current value, default, what it means. */
    public record Value(String key, String value, String defaultValue, String description) {
    }

    private final CheckRunner runner;
    private final CheckSettingsStore store;
    private final AuditLog audit;
    private final Clock clock;

    OrderCheckSettings(CheckRunner runner, CheckSettingsStore store, AuditLog audit, Clock clock) {
        this.runner = runner;
        this.store = store;
        this.audit = audit;
        this.clock = clock;
    }

    /** Every registered check in name order. */
    @Transactional(readOnly = true)
    public List<CheckSettings> list() {
        return runner.checks().stream().sorted(java.util.Comparator.comparing(OrderCheck::name)).map(this::settingsOf).toList();
    }

    @Transactional(readOnly = true)
    public CheckSettings get(String check) {
        return settingsOf(require(check));
    }

    /**
     * Changes some settings of a check ({@code enabled}: true/false; numeric settings: whole numbers ≥ 0).
     * Unknown keys and bad values are 422 naming {@code settings.<key>}. Applies to intakes from now on.
     */
    @Transactional
    public CheckSettings update(String check, Map<String, String> values) {
        OrderCheck c = require(check);
        Map<String, String> current = store.effective(c);
        Map<String, CheckSetting> declared = new LinkedHashMap<>();
        c.settings().forEach(s -> declared.put(s.key(), s));
        List<FieldError> errors = new ArrayList<>();
        Map<String, String> clean = new LinkedHashMap<>();
        if (values == null || values.isEmpty()) {
            errors.add(new FieldError("settings", "変更する設定を指定してください"));
        } else {
            values.forEach((key, raw) -> {
                String field = "settings." + key;
                String v = raw == null ? "" : raw.strip();
                if (CheckSettingsStore.ENABLED.equals(key)) {
                    if (!v.equals("true") && !v.equals("false")) {
                        errors.add(new FieldError(field, "true か false を指定してください"));
                    }
                } else if (!declared.containsKey(key)) {
                    errors.add(new FieldError(field, "チェック " + c.name() + " にこの設定はありません"));
                    return;
                } else if (declared.get(key).numeric() && !v.matches("\\d{1,12}")) {
                    errors.add(new FieldError(field, "0以上の整数を指定してください"));
                } else if (v.isEmpty() || v.length() > 200) {
                    errors.add(new FieldError(field, "1〜200文字で指定してください"));
                }
                clean.put(key, v);
            });
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        Map<String, String> before = new LinkedHashMap<>();
        clean.keySet().forEach(k -> before.put(k, current.get(k)));
        store.save(c.name(), clean, CurrentActor.name(), clock.instant());
        audit.record("order.check-settings", "order_check", c.name(), "チェック " + c.name() + " の設定を変更: " + clean, before,
                clean);
        return settingsOf(c);
    }

    private CheckSettings settingsOf(OrderCheck c) {
        Map<String, String> values = store.effective(c);
        List<Value> settings = new ArrayList<>();
        for (CheckSetting s : c.settings()) {
            settings.add(new Value(s.key(), values.get(s.key()), s.defaultValue(), s.description()));
        }
        return new CheckSettings(c.name(), c.description(), store.enabled(values), settings);
    }

    private OrderCheck require(String check) {
        return runner.checks().stream().filter(c -> c.name().equals(check)).findFirst()
                .orElseThrow(() -> new NotFoundException("チェック " + check + " はありません"));
    }
}
