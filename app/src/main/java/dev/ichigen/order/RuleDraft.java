package dev.ichigen.order;

import java.util.List;

/**
 * A rule as a person writes it, to create a rule, save a new version of one, or dry-run it unsaved.
 * {@code enabled} {@code null} = keep (new rules: enabled).
 */
public record RuleDraft(String name, Boolean enabled, boolean stopAfterMatch, RuleCondition conditions,
        List<RuleAction> actions) {
}
