package dev.ichigen.notification;

import java.time.Instant;

/**
 * One mail in the outbox: what it is for (kind, order, shipment), to whom, the rendered subject and body, and its
 * sending state ({@link MailStatus}) with the attempts and the last error or reason. {@code toAddress} and the body are
 * cleared ({@code anonymisedAt}) after the personal data retention period.
 */
public record OutboxMail(long id, MailKind kind, Long orderId, Long shipmentId, Long channelId, String orderNumber,
        String toAddress, String subject, String body, MailStatus status, int attempts, Instant nextAttemptAt,
        String lastError, Instant createdAt, Instant updatedAt, Instant sentAt, Instant anonymisedAt) {
}
