package dev.ichigen.order;

import java.time.Instant;

/** A rule version that matched an order (適用されたルール), with what it did there when it first applied. */
public record AppliedRule(long ruleId, String ruleName, int version, Instant appliedAt, String actions) {
}
