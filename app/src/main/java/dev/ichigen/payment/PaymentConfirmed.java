package dev.ichigen.payment;

/**
 * 入金確認: a bank transfer was matched to an order and its payment recorded as PAID — {@code automatic} when
 * the reconciliation was confident, else a person confirmed it. {@code amount} is what the statement line says.
 */
public record PaymentConfirmed(long orderId, long amount, long statementLineId, boolean automatic) {
}
