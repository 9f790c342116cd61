package dev.ichigen.order;

import java.time.Instant;

/**
 * One line of an order's history (履歴): what happened, by whom, and for changes the field with its value
 * before and after. Kinds: CREATED, CHANGED (a field), STATUS (field {@code status}), HOLD_RAISED,
 * HOLD_FIXED, HOLD_RELEASED, CONFLICT, ALLOCATED, BACKORDERED, RELEASED_STOCK, PAYMENT, CANCELLED, SHIPPED,
 * RECHECKED, RULE (a change a rule made; the note names the rule and version).
 */
public record OrderHistoryEntry(long id, Instant at, String actor, String kind, String field, String before,
        String after, String note) {
}
