package dev.ichigen.notification;

import java.time.Instant;

/**
 * A mail template: subject and plain-text body with {@code {{placeholders}}} ({@link MailVariable}). {@code channelId}
 * {@code null} is the shop's default for the kind; a template with a channel id overrides it for that channel's orders.
 * {@code enabled} false: mails of this kind are not written at all (for the channel, or for the shop).
 */
public record MailTemplate(MailKind kind, Long channelId, String subject, String body, boolean enabled, Instant updatedAt,
        String updatedBy) {
}
