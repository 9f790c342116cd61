/**
 * Payments (入金): bank reconciliation (入金消込) — bank statement CSVs (入出金明細) are read, each credit is matched
 * against the open bank-transfer orders (amount to collect, payer name in kana, order number in the payer name);
 * confident matches confirm the payment through {@link dev.ichigen.order.OrderManagement#updatePayment}, unclear ones
 * wait for a person. Publishes {@link dev.ichigen.payment.PaymentConfirmed}. Payment status itself lives on the order.
 */
@org.springframework.modulith.ApplicationModule(displayName = "payment",
        allowedDependencies = { "shared", "platform", "order" })
package dev.ichigen.payment;
