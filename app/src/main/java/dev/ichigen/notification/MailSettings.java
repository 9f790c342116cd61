package dev.ichigen.notification;

/**
 * メール設定: the sender (差出人 address and name — the name is also {@code {{shop.name}}}) and after how many days the
 * follow-up mail (フォローメール) goes out after the shipped mail.
 */
public record MailSettings(String fromAddress, String fromName, int followUpDays) {
}
