package dev.ichigen.channel;

import java.time.LocalDate;
import java.time.Instant;

/**
 * A channel's connection health (連携状態): last success, last failure with its classified cause, error rate over
 * the last hour's calls, the last order import and stock push, and how many stock pushes wait.
 * {@code credentialsExpireOn}: when the credentials expire, if the platform's keys do (楽天 RMS license key, 90 days);
 * {@code credentialsExpiring}: that day is {@link ChannelConnections#EXPIRY_WARNING_DAYS} days away or less (or past). {@code pendingShipmentWriteBacks} / {@code failedShipmentWriteBacks}: 発送連絡 jobs waiting (incl. retrying)
 * and refused by the platform. {@code failing}
 * when the last call failed (the latest failure is newer than the latest success).
 */
public record ChannelHealth(long channelId, Platform platform, boolean connectorAvailable, boolean credentialsStored,
        Instant lastSuccessAt, Instant lastFailureAt, FailureCause lastFailureCause, String lastFailureError,
        long callsLastHour, long failuresLastHour, Instant lastOrderImportAt, Instant lastStockPushAt,
        long pendingStockPushes, long stockPushErrors, LocalDate credentialsExpireOn, boolean credentialsExpiring,
        long pendingShipmentWriteBacks, long failedShipmentWriteBacks) {

    public boolean failing() {
        return lastFailureAt != null && (lastSuccessAt == null || lastFailureAt.isAfter(lastSuccessAt));
    }

    /** Failed calls of the last hour as a percentage (0 when there were none). */
    public int errorRatePercent() {
        return callsLastHour == 0 ? 0 : (int) Math.round(100.0 * failuresLastHour / callsLastHour);
    }
}
