package dev.ichigen.order;

import java.time.Instant;
import java.util.List;

/**
 * 受注処理ルール: when an order matches {@code conditions}, {@code actions} are applied to it. Rules run in
 * {@code position} order on intake, on channel updates and on re-checks; {@code stopAfterMatch} stops the
 * evaluation of later rules for an order this one matched. Every save is a new {@code version}; the order
 * records which rule version did what.
 */
public record OrderRule(long id, String name, boolean enabled, boolean archived, int position, int version,
        boolean stopAfterMatch, RuleCondition conditions, List<RuleAction> actions, Instant createdAt,
        Instant updatedAt, String updatedBy) {
}
