package dev.ichigen.platform;

import java.time.Instant;

/** One recorded change (監査ログ): who, when, what, and the state before and after as JSON. */
public record AuditEntry(long id, Instant occurredAt, String actor, String action, String entityType, String entityId,
        String summary, String beforeState, String afterState) {
}
