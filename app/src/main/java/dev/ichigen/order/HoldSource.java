package dev.ichigen.order;

/** Where a hold reason (保留理由) came from. */
public enum HoldSource {
    /** An intake check ({@link OrderCheck}); resolved FIXED automatically when a re-check no longer finds it. */
    CHECK,
    /** A user-defined rule (受注処理ルール); {@code sourceRef} = rule id and version. */
    RULE,
    /** A person put the order on hold. */
    PERSON,
    /** The channel changed something we cannot apply (e.g. an order already shipped). */
    CHANNEL
}
