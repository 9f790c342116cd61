package dev.ichigen.order.check;

import java.util.List;

import org.springframework.stereotype.Component;

import dev.ichigen.order.CheckContext;
import dev.ichigen.order.HoldReason;
import dev.ichigen.order.OrderCheck;
import dev.ichigen.order.OrderSnapshot;
import dev.ichigen.order.PaymentStatus;

/**
 * 入金待ち・決済エラー. A PENDING payment (bank transfer and コンビニ not yet paid, 後払い under screening,
 * card not yet authorised) raises PAYMENT_PENDING: the order waits with status AWAITING_PAYMENT — not
 * ON_HOLD, since nobody has to act but the customer — and the hold is FIXED by itself once the payment is
 * recorded (channel update or {@code OrderManagement.updatePayment}). A person may release it to ship
 * before payment. FAILED raises PAYMENT_FAILED, a real hold (ON_HOLD).
 */
@Component
class PaymentCheck implements OrderCheck {

    @Override
    public String name() {
        return HoldReason.PAYMENT_PENDING;
    }

    @Override
    public String description() {
        return "入金・与信・後払い審査が済むまで入金待ちにし、決済エラーは保留";
    }

    @Override
    public List<HoldReason> check(OrderSnapshot order, CheckContext context) {
        PaymentStatus status = order.order().paymentStatus();
        String basis = order.order().paymentMethod() + ":" + status;
        return switch (status) {
            case PENDING -> List.of(new HoldReason(HoldReason.PAYMENT_PENDING, switch (order.order().paymentMethod()) {
                case BANK_TRANSFER -> "銀行振込の入金待ち";
                case CONVENIENCE_STORE -> "コンビニ払いの入金待ち";
                case DEFERRED -> "後払いの審査待ち";
                case CARD, CARRIER_BILLING, POINTS_OR_ID -> "決済の与信待ち";
                case COD, OTHER -> "入金待ち";
            } + "（¥%,d）".formatted(order.totals().amountToCollect()), basis));
            case FAILED -> List.of(new HoldReason(HoldReason.PAYMENT_FAILED,
                    "決済エラー（" + order.order().paymentMethod().label() + "）: お客様に確認してください", basis));
            case NOT_REQUIRED, AUTHORIZED, PAID, REFUNDED -> List.of();
        };
    }
}
