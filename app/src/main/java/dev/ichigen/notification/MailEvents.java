package dev.ichigen.notification;

import java.util.Map;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import dev.ichigen.fulfillment.Shipment;
import dev.ichigen.fulfillment.ShipmentShipped;
import dev.ichigen.fulfillment.Shipments;
import dev.ichigen.order.OrderPlaced;
import dev.ichigen.payment.PaymentConfirmed;

/**
 * Writes the outbox mail of an event <b>synchronously, in the transaction that published it</b> (a plain
 * {@link EventListener}, not an after-commit {@code @ApplicationModuleListener}): the order, payment or shipment and its
 * mail commit together or not at all, so a mail is never lost between the two and never written for a change that rolled
 * back. Writing is one insert with {@code on conflict do nothing} on the kind + order + shipment key, so a second event
 * for the same thing writes nothing and cannot fail the publisher's transaction.
 */
@Component
class MailEvents {

    private final CustomerMail mail;
    private final Shipments shipments;

    MailEvents(CustomerMail mail, Shipments shipments) {
        this.mail = mail;
        this.shipments = shipments;
    }

    /** 注文確認: a new order was taken in. */
    @EventListener
    void on(OrderPlaced event) {
        mail.write(MailKind.ORDER_CONFIRMATION, event.orderId(), null, Map.of());
    }

    /** 入金確認: bank reconciliation matched a transfer; the amount is the transferred one. */
    @EventListener
    void on(PaymentConfirmed event) {
        mail.write(MailKind.PAYMENT_CONFIRMED, event.orderId(), null, Map.of(MailVariable.PAYMENT_AMOUNT, MailValues.yen(event.amount())));
    }

    /** 発送完了: one mail per member order of the shipment, with its carrier and tracking URLs. */
    @EventListener
    void on(ShipmentShipped event) {
        // read without throwing: an exception here would mark the publisher's transaction rollback-only
        Shipment s = shipments.find(event.shipmentKey()).orElse(null);
        if (s == null) {
            return; // not a shipment of ours (the event names none that exists): no mail to write
        }
        for (ShipmentShipped.ShippedOrder o : event.orders()) {
            if (s.orderIds().contains(o.orderId())) {
                mail.write(MailKind.SHIPPED, o.orderId(), s, Map.of());
            }
        }
    }
}
