package dev.ichigen.order;

import java.time.Instant;

/**
 * An open order still waiting for its payment (入金待ち): what bank reconciliation (入金消込) matches a
 * statement line against — the orderer's name and kana (振込依頼人名 is usually the orderer), the order
 * number and name (customers often add them to the transfer name) and the amount to collect (請求額,
 * including fees such as 代引き手数料, after points and mall coupons).
 */
public record PaymentDue(long orderId, long channelId, String channelOrderNumber, String orderName, Instant orderedAt,
        String customerName, String customerKana, long amountToCollect, PaymentMethod paymentMethod, OrderStatus status) {
}
