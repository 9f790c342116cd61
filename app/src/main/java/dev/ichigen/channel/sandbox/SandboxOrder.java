package dev.ichigen.channel.sandbox;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An order as a sandbox store holds it: what the generator produced (buyer, recipient, lines, payment, fees,
 * delivery wish, gift, remarks) plus the platform's state ({@code status} in the platform's own code,
 * confirmation, shipments with tracking, cancellation). Each store renders it in its platform's shape.
 */
public final class SandboxOrder {

    /** 支払い方法: rendered per platform (Rakuten {@code settlementMethodCode}, Yahoo! {@code PayMethod}, …). */
    public enum Payment {
        CARD, COD, BANK_TRANSFER, DEFERRED, CONVENIENCE_STORE, WALLET
    }

    /**
     * お届け時間帯. {@code rakutenTerm} is Rakuten's {@code shippingTerm} code (1 = 午前, h1h2 = h1時-h2時),
     * {@code text} how Yahoo! ({@code ShipRequestTime}) and Rakuten's remarks show it.
     */
    public enum DeliverySlot {
        MORNING(1, "午前中", 8, 12), H14_16(1416, "14:00-16:00", 14, 16), H16_18(1618, "16:00-18:00", 16, 18),
        H18_20(1820, "18:00-20:00", 18, 20), H19_21(1921, "19:00-21:00", 19, 21);

        public final int rakutenTerm;
        public final String text;
        public final int fromHour;
        public final int toHour;

        DeliverySlot(int rakutenTerm, String text, int fromHour, int toHour) {
            this.rakutenTerm = rakutenTerm;
            this.text = text;
            this.fromHour = fromHour;
            this.toHour = toHour;
        }
    }

    /** One order line: a snapshot of the listing at order time. */
    public record Line(long lineId, String code, String subCode, String title, int unitPrice, int taxRatePercent,
            int quantity, boolean set, long productId, long variantId, long inventoryItemId, String asin) {

        public int amount() {
            return unitPrice * quantity;
        }
    }

    /** A shipment the seller reported: carrier (platform code or name), tracking number, date, units per line id. */
    public record Shipment(long id, String carrier, String trackingNumber, LocalDate shippedOn,
            Map<Long, Integer> quantities) {
    }

    private final String id;
    private final long numericId;
    private final Instant orderedAt;
    private final SandboxPerson buyer;
    private final SandboxPerson recipient;
    private final List<Line> lines;
    private final Payment payment;
    private final int shippingFee;
    private final int codFee;
    private final int giftWrapFee;
    private final int couponDiscount;
    private final int pointsUsed;
    private final LocalDate deliveryDate;
    private final DeliverySlot slot;
    private final boolean giftWrap;
    private final String noshi;
    private final String remarks;

    private Instant updatedAt;
    private String status;
    private Instant confirmedAt;
    private Instant shippedAt;
    private Instant cancelledAt;
    private final List<Shipment> shipments = new ArrayList<>();
    private final Map<String, Object> extra = new LinkedHashMap<>();

    SandboxOrder(String id, long numericId, Instant orderedAt, SandboxOrderGenerator.GeneratedOrder g, List<Line> lines,
            int shippingFee, int codFee, int giftWrapFee, String status) {
        this.id = id;
        this.numericId = numericId;
        this.orderedAt = orderedAt;
        this.updatedAt = orderedAt;
        this.buyer = g.buyer();
        this.recipient = g.recipient();
        this.lines = List.copyOf(lines);
        this.payment = g.payment();
        this.shippingFee = shippingFee;
        this.codFee = codFee;
        this.giftWrapFee = giftWrapFee;
        int goods = lines.stream().mapToInt(Line::amount).sum();
        this.couponDiscount = Math.min(g.couponDiscount(), goods / 2);
        this.pointsUsed = Math.min(g.pointsUsed(), goods / 2);
        this.deliveryDate = g.deliveryDate();
        this.slot = g.slot();
        this.giftWrap = g.giftWrap();
        this.noshi = g.noshi();
        this.remarks = g.remarks();
        this.status = status;
    }

    public String id() {
        return id;
    }

    /** The platform's numeric id where it has one (Shopify order id, above 2^53). */
    public long numericId() {
        return numericId;
    }

    public Instant orderedAt() {
        return orderedAt;
    }

    public synchronized Instant updatedAt() {
        return updatedAt;
    }

    public SandboxPerson buyer() {
        return buyer;
    }

    public SandboxPerson recipient() {
        return recipient;
    }

    public List<Line> lines() {
        return lines;
    }

    public Payment payment() {
        return payment;
    }

    public int shippingFee() {
        return shippingFee;
    }

    public int codFee() {
        return codFee;
    }

    public int giftWrapFee() {
        return giftWrapFee;
    }

    public int couponDiscount() {
        return couponDiscount;
    }

    public int pointsUsed() {
        return pointsUsed;
    }

    public LocalDate deliveryDate() {
        return deliveryDate;
    }

    public DeliverySlot slot() {
        return slot;
    }

    public boolean giftWrap() {
        return giftWrap;
    }

    public String noshi() {
        return noshi;
    }

    public String remarks() {
        return remarks;
    }

    /** 商品合計 (tax included). */
    public int goodsTotal() {
        return lines.stream().mapToInt(Line::amount).sum();
    }

    /** 合計: goods + shipping + COD fee + gift wrapping. */
    public int total() {
        return goodsTotal() + shippingFee + codFee + giftWrapFee;
    }

    /** 請求金額: the total less coupons and points. */
    public int requestedAmount() {
        return total() - couponDiscount - pointsUsed;
    }

    public int units() {
        return lines.stream().mapToInt(Line::quantity).sum();
    }

    public synchronized String status() {
        return status;
    }

    synchronized void status(String status, Instant at) {
        this.status = status;
        this.updatedAt = at;
    }

    public synchronized Instant confirmedAt() {
        return confirmedAt;
    }

    synchronized void confirmed(Instant at) {
        this.confirmedAt = at;
        this.updatedAt = at;
    }

    public synchronized Instant shippedAt() {
        return shippedAt;
    }

    synchronized void shipped(Instant at) {
        this.shippedAt = at;
        this.updatedAt = at;
    }

    public synchronized Instant cancelledAt() {
        return cancelledAt;
    }

    synchronized void cancelled(Instant at) {
        this.cancelledAt = at;
        this.updatedAt = at;
    }

    public synchronized List<Shipment> shipments() {
        return List.copyOf(shipments);
    }

    synchronized void addShipment(Shipment s, Instant at) {
        shipments.add(s);
        this.updatedAt = at;
    }

    synchronized void replaceShipments(List<Shipment> all, Instant at) {
        shipments.clear();
        shipments.addAll(all);
        this.updatedAt = at;
    }

    /** Units shipped per line id so far. */
    public synchronized Map<Long, Integer> shippedQuantities() {
        Map<Long, Integer> m = new LinkedHashMap<>();
        for (Shipment s : shipments) {
            s.quantities().forEach((k, v) -> m.merge(k, v, Integer::sum));
        }
        return m;
    }

    /** Platform-specific values kept with the order (basket ids, fulfillment order ids, …). */
    synchronized Map<String, Object> extra() {
        return extra;
    }

    synchronized void touch(Instant at) {
        this.updatedAt = at;
    }
}
