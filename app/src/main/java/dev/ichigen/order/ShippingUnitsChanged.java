package dev.ichigen.order;

import java.util.List;

/**
 * The parcels these orders leave in changed: merged (同梱), left or dissolved a merge group, split (分割) or
 * unsplit. Shipping instructions made before are out of date (the fulfillment module re-makes them).
 */
public record ShippingUnitsChanged(List<Long> orderIds) {
}
