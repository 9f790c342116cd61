/**
 * Customer mail (顧客メール): mail templates per kind (注文確認, 入金確認, 発送完了, フォローメール, 返品受付) for the shop and
 * per channel, with safe {@code {{placeholders}}} from a fixed list (never evaluated as an expression), an outbox
 * written in the transaction of the event that causes a mail, and an SMTP sender that sends each mail once — a mail
 * whose sending was interrupted becomes UNCERTAIN for a person instead of being sent again. The public surface is
 * {@link dev.ichigen.notification.CustomerMail}. Returns do not exist yet: RETURN_RECEIVED is a template only.
 */
@org.springframework.modulith.ApplicationModule(displayName = "notification",
        allowedDependencies = { "shared", "platform", "order", "fulfillment", "shipping", "payment" })
package dev.ichigen.notification;
