package dev.ichigen.order;

import java.time.Instant;
import java.util.List;

/** One saved, immutable version of a rule (版). */
public record OrderRuleVersion(long ruleId, int version, String name, boolean stopAfterMatch, RuleCondition conditions,
        List<RuleAction> actions, Instant createdAt, String createdBy) {
}
