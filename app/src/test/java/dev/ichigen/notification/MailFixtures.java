package dev.ichigen.notification;

import java.time.Instant;

import org.springframework.jdbc.core.simple.JdbcClient;

import dev.ichigen.order.Address;
import dev.ichigen.order.Customer;
import dev.ichigen.order.NewOrder;
import dev.ichigen.order.NewOrderLine;
import dev.ichigen.order.OrderIntake;
import dev.ichigen.order.PaymentMethod;
import dev.ichigen.order.PaymentStatus;
import dev.ichigen.shared.Sku;
import dev.ichigen.shared.TaxRate;
import dev.ichigen.support.SalesFixtures;

/** Orders with (or without) an e-mail address for the mail tests; names and numbers unique per call. */
final class MailFixtures {

    private final SalesFixtures sales;
    private final OrderIntake intake;

    MailFixtures(JdbcClient jdbc, OrderIntake intake) {
        this.sales = new SalesFixtures(jdbc);
        this.intake = intake;
    }

    long channel() {
        return sales.channel();
    }

    static String address() {
        return SalesFixtures.unique("kyaku").toLowerCase(java.util.Locale.ROOT) + "@example.jp";
    }

    NewOrder.Builder order(long channelId, String email) {
        String sku = sales.product("MAIL");
        return NewOrder.builder(channelId, SalesFixtures.unique("M"))
                .orderedAt(Instant.parse("2026-11-20T01:00:00Z"))
                .customer(new Customer("髙橋 﨑子", "タカハシ サキコ", email, "09012345678"))
                .ordererAddress(new Address("530-0001", "大阪府", "大阪市北区", "梅田1-1-1", null))
                .line(NewOrderLine.ofSku(Sku.of(sku), "有機緑茶 100g", 2, 1000, TaxRate.STANDARD_10))
                .payment(PaymentMethod.CARD, PaymentStatus.AUTHORIZED);
    }

    long place(long channelId, String email) {
        return intake.accept(order(channelId, email).build()).orderId();
    }
}
