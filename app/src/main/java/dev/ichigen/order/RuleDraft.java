package dev.ichigen.order;

import java.util.List;

/**
 * A rule as a person writes it, to create a rule, save a new version of one, or dry-run it unsaved.
 * {@code enabled} {@code null} = keep (new rules: enabled); {@code stopAfterMatch} {@code null} = false.
 */
public record RuleDraft(String name, Boolean enabled, Boolean stopAfterMatch, RuleCondition conditions,
        List<RuleAction> actions) {

    /** {@code stopAfterMatch} left out = false. */
    public boolean stops() {
        return Boolean.TRUE.equals(stopAfterMatch);
    }
}
