package dev.ichigen.order;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * 処理: what a rule does to an order it matches. {@code type} is a {@link RuleActionType} name; the other
 * fields are its parameters (unused ones stay {@code null}):
 * <ul>
 * <li>HOLD — {@code code} (upper snake case, default {@code RULE_HOLD}), {@code reason} (required);</li>
 * <li>RELEASE — {@code code}: the hold codes to release, comma-separated (holds of checks and rules only);</li>
 * <li>SET_CARRIER — {@code carrier}, {@code service} (free codes, e.g. {@code yamato}/{@code takkyubin});</li>
 * <li>SET_DELIVERY_DATE — {@code date} (yyyy-MM-dd) or {@code days} after the order date; CLEAR_DELIVERY_DATE;</li>
 * <li>ADD_TAG / ADD_FLYER — {@code value}: the tag or insert flyer (同梱物);</li>
 * <li>SET_PLANNED_SHIP_DATE — {@code days} business days after the order date (営業日: the platform's
 * {@code BusinessCalendar}, 0 = the order date or the next business day);</li>
 * <li>SPLIT_BY_TEMPERATURE_ZONE — no parameters: 常温, 冷蔵 and 冷凍 lines in shipment parts of their own
 * ({@code ShipmentGrouping}).</li>
 * </ul>
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RuleAction(String type, String code, String reason, String carrier, String service, String date,
        Integer days, String value) {

    public static RuleAction hold(String code, String reason) {
        return new RuleAction(RuleActionType.HOLD.name(), code, reason, null, null, null, null, null);
    }

    public static RuleAction release(String codes) {
        return new RuleAction(RuleActionType.RELEASE.name(), codes, null, null, null, null, null, null);
    }

    public static RuleAction carrier(String carrier, String service) {
        return new RuleAction(RuleActionType.SET_CARRIER.name(), null, null, carrier, service, null, null, null);
    }

    public static RuleAction deliveryDate(String date, Integer days) {
        return new RuleAction(RuleActionType.SET_DELIVERY_DATE.name(), null, null, null, null, date, days, null);
    }

    public static RuleAction clearDeliveryDate() {
        return new RuleAction(RuleActionType.CLEAR_DELIVERY_DATE.name(), null, null, null, null, null, null, null);
    }

    public static RuleAction tag(String tag) {
        return new RuleAction(RuleActionType.ADD_TAG.name(), null, null, null, null, null, null, tag);
    }

    public static RuleAction flyer(String flyer) {
        return new RuleAction(RuleActionType.ADD_FLYER.name(), null, null, null, null, null, null, flyer);
    }

    public static RuleAction plannedShipDate(int days) {
        return new RuleAction(RuleActionType.SET_PLANNED_SHIP_DATE.name(), null, null, null, null, null, days, null);
    }

    public static RuleAction splitByTemperatureZone() {
        return new RuleAction(RuleActionType.SPLIT_BY_TEMPERATURE_ZONE.name(), null, null, null, null, null, null, null);
    }
}
