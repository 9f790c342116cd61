package dev.ichigen.order;

import java.time.LocalDate;

/**
 * How the order is to leave: 出荷予定日, carrier and service as free codes (e.g. {@code yamato}/{@code takkyubin};
 * the shipping module gives them meaning later). Usually set by rules or people, sometimes by the own site.
 */
public record ShippingPlan(LocalDate plannedShipDate, String carrier, String service) {

    public static final ShippingPlan NONE = new ShippingPlan(null, null, null);
}
