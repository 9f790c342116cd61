package dev.ichigen.order;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * What rule conditions look at: the facts of one order, as it stands during this run. Actions change it as
 * they go (a tag added by one rule is seen by the next), so rules later in the order see earlier rules' work.
 */
final class RuleSubject {

    static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");

    long orderId;
    long channelId;
    String channelOrderNumber;
    Instant orderedAt;
    OrderStatus status;
    /** Per line: the resolved SKU, else the stated SKU, else the channel item code. */
    List<String> skus = new ArrayList<>();
    long grandTotal;
    long amountToCollect;
    Set<String> prefectures = new LinkedHashSet<>();
    PaymentMethod paymentMethod;
    String remarks;
    LocalDate deliveryDate;
    Set<String> tags = new LinkedHashSet<>();
    Set<String> flyers = new LinkedHashSet<>();
    int lineCount;
    long totalQuantity;
    boolean gift;
    ShippingPlan plan = ShippingPlan.NONE;
    private LongSupplier previousOrders;
    private Long previousOrdersValue;

    void previousOrders(LongSupplier supplier) {
        this.previousOrders = supplier;
        this.previousOrdersValue = null;
    }

    /** Looked up once, only when a condition asks. */
    long previousOrders() {
        if (previousOrdersValue == null) {
            previousOrdersValue = previousOrders == null ? 0 : previousOrders.getAsLong();
        }
        return previousOrdersValue;
    }

    LocalDate orderDate() {
        return orderedAt.atZone(TOKYO).toLocalDate();
    }

    /** From an intake or re-check snapshot; tags and flyers as currently stored (channel, rules, people). */
    static RuleSubject of(OrderSnapshot snapshot, List<String> storedTags, List<String> storedFlyers, ShippingPlan plan) {
        NewOrder o = snapshot.order();
        RuleSubject s = new RuleSubject();
        s.orderId = snapshot.orderId();
        s.channelId = o.channelId();
        s.channelOrderNumber = o.channelOrderNumber();
        s.orderedAt = o.orderedAt();
        for (OrderSnapshot.Line l : snapshot.lines()) {
            s.skus.add(sku(l.sku() != null ? l.sku().value() : l.line().sku() != null ? l.line().sku().value() : null,
                    l.line().itemCode()));
            s.totalQuantity += l.line().quantity();
        }
        s.lineCount = snapshot.lines().size();
        s.grandTotal = snapshot.totals().grandTotal();
        s.amountToCollect = snapshot.totals().amountToCollect();
        for (NewDestination d : o.destinations()) {
            if (d.address() != null && d.address().prefecture() != null) {
                s.prefectures.add(d.address().prefecture());
            }
        }
        s.paymentMethod = o.paymentMethod();
        s.remarks = o.remarks();
        s.deliveryDate = o.delivery().date();
        s.gift = o.delivery().giftWrapping() || (o.delivery().noshi() != null && !o.delivery().noshi().isBlank());
        s.tags.addAll(o.tags());
        s.tags.addAll(storedTags);
        s.flyers.addAll(o.insertFlyers());
        s.flyers.addAll(storedFlyers);
        s.plan = plan == null ? ShippingPlan.NONE : plan;
        return s;
    }

    /** From a stored order (dry run). */
    static RuleSubject of(Order o) {
        RuleSubject s = new RuleSubject();
        s.orderId = o.id();
        s.channelId = o.channelId();
        s.channelOrderNumber = o.channelOrderNumber();
        s.orderedAt = o.orderedAt();
        s.status = o.status();
        for (OrderLine l : o.lines()) {
            s.skus.add(sku(l.sku() != null ? l.sku().value() : l.statedSku() != null ? l.statedSku().value() : null,
                    l.itemCode()));
            s.totalQuantity += l.quantity();
        }
        s.lineCount = o.lines().size();
        s.grandTotal = o.totals().grandTotal();
        s.amountToCollect = o.totals().amountToCollect();
        for (Destination d : o.destinations()) {
            if (d.address() != null && d.address().prefecture() != null) {
                s.prefectures.add(d.address().prefecture());
            }
        }
        s.paymentMethod = o.paymentMethod();
        s.remarks = o.remarks();
        s.deliveryDate = o.delivery().date();
        s.gift = o.delivery().giftWrapping() || (o.delivery().noshi() != null && !o.delivery().noshi().isBlank());
        s.tags.addAll(o.tags());
        s.flyers.addAll(o.insertFlyers());
        s.plan = o.shippingPlan();
        return s;
    }

    private static String sku(String sku, String itemCode) {
        return sku != null ? sku : itemCode == null ? "" : itemCode;
    }
}
