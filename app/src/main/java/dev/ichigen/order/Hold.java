package dev.ichigen.order;

import java.time.Instant;

/**
 * A hold on an order (保留): why ({@code code}, {@code detail} for a person), who or what raised it
 * ({@code source} + {@code sourceRef}: the check name, rule id@version, the person) and, once resolved, when,
 * by whom and how. An open hold keeps the order from shipping.
 */
public record Hold(long id, String code, String detail, HoldSource source, String sourceRef, Instant createdAt,
        Instant resolvedAt, String resolvedBy, HoldResolution resolution, String note) {

    public boolean open() {
        return resolvedAt == null;
    }
}
