package dev.ichigen.channel;

import java.time.Instant;
import java.util.List;

/**
 * One shipment write-back job (発送連絡): a shipped order to report to its channel with the carrier and the tracking
 * numbers; its status, attempts, next attempt and last error (docs/CONNECTORS.md, "Shipment write-back").
 */
public record ShipmentWriteBackJob(long id, long channelId, String channelOrderNumber, long shipmentId, String carrier,
        List<String> trackingNumbers, Status status, int attempts, Instant nextAttemptAt, String lastError,
        Instant createdAt, Instant updatedAt) {

    /**
     * {@code PENDING} to send (or retrying after a transient failure), {@code DONE} the channel has it, {@code FAILED}
     * the platform refused it (not retried by itself), {@code NOT_SUPPORTED} the platform has no write-back yet.
     */
    public enum Status {
        PENDING, DONE, FAILED, NOT_SUPPORTED
    }
}
