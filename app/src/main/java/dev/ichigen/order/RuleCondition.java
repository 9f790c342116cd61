package dev.ichigen.order;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * 条件: one node of a rule's condition tree. A <b>group</b> has {@code match} ({@code ALL} = AND,
 * {@code ANY} = OR) and {@code children}; a <b>leaf</b> compares one order field: {@code field},
 * {@code op}, {@code value} (lists comma-separated, e.g. {@code "東京都,大阪府"}). Fields and operators:
 * {@link RuleField}. JSON: {@code {"match":"ALL","children":[{"field":"grandTotal","op":">=","value":"50000"}]}}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RuleCondition(String match, List<RuleCondition> children, String field, String op, String value) {

    public static final String ALL = "ALL";
    public static final String ANY = "ANY";

    public static RuleCondition all(RuleCondition... children) {
        return new RuleCondition(ALL, List.of(children), null, null, null);
    }

    public static RuleCondition any(RuleCondition... children) {
        return new RuleCondition(ANY, List.of(children), null, null, null);
    }

    public static RuleCondition leaf(String field, String op, String value) {
        return new RuleCondition(null, null, field, op, value);
    }

    /** True for a group (AND/OR node), false for a leaf comparison. */
    @JsonIgnore
    public boolean isGroup() {
        return match != null || children != null;
    }
}
