package dev.ichigen.order;

import java.util.List;

/**
 * An intake check (取込時チェック): looks at an order and says why it should be held, if at all. Every Spring
 * bean implementing it is run on intake, on every channel update and on {@link OrderManagement#recheck};
 * adding a check means adding a bean — the intake does not change. See {@code package-info} for how.
 *
 * <p>A check must be a pure judgement over the snapshot plus read-only look-ups: no writes, no external
 * calls (it runs inside the intake transaction). It returns every reason it finds (empty = all fine). A
 * previously raised hold whose reason is no longer returned is resolved FIXED; see {@link HoldReason} for
 * when a released hold comes back.
 */
public interface OrderCheck {

    /** Stable upper-snake-case name: the hold's source reference and the settings key, e.g. {@code REMARKS_PRESENT}. */
    String name();

    /** One sentence for the settings screen. */
    String description();

    /** Settings besides {@code enabled}, with defaults. */
    default List<CheckSetting> settings() {
        return List.of();
    }

    default boolean enabledByDefault() {
        return true;
    }

    /** CHECK for intake checks; a rule engine plugging in here says RULE. */
    default HoldSource source() {
        return HoldSource.CHECK;
    }

    List<HoldReason> check(OrderSnapshot order, CheckContext context);
}
