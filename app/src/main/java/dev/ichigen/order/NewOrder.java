package dev.ichigen.order;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * An order as a channel states it (受注データ) — the command every intake hands to
 * {@link OrderIntake#accept}: the REST endpoint for the own site, CSV order files and the channel connectors.
 * Built most easily with {@link #builder(long, String)}.
 *
 * <p>Money is whole yen. {@code pointsUsed} (ポイント利用) is a means of payment, not a discount: it lowers
 * the amount to collect but not the taxable amount (消費税の課税標準は値引き後の対価; points paid are part
 * of the price). {@code channelGrandTotal} is the channel's own grand total (goods − discounts + fees + 外税,
 * before points and mall coupons); it is compared with ours and a difference holds the order, it never
 * refuses it. {@code paymentStatus} {@code null} = the method's {@link PaymentMethod#defaultStatus() default}.
 * {@code cancelled} = the channel reports the order cancelled.
 */
public record NewOrder(long channelId, String channelOrderNumber, String orderName, Instant orderedAt, Customer customer,
        Address ordererAddress, List<NewDestination> destinations, List<NewOrderLine> lines, List<NewDiscount> discounts,
        Charges charges, long pointsUsed, Long channelGrandTotal, PaymentMethod paymentMethod, PaymentStatus paymentStatus,
        DeliveryRequest delivery, String remarks, List<String> tags, List<String> insertFlyers, ShippingPlan shippingPlan,
        boolean cancelled) {

    public static Builder builder(long channelId, String channelOrderNumber) {
        return new Builder(channelId, channelOrderNumber);
    }

    /** A copy with {@code cancelled} set. */
    public NewOrder asCancelled() {
        return new NewOrder(channelId, channelOrderNumber, orderName, orderedAt, customer, ordererAddress, destinations,
                lines, discounts, charges, pointsUsed, channelGrandTotal, paymentMethod, paymentStatus, delivery, remarks,
                tags, insertFlyers, shippingPlan, true);
    }

    /** Fluent construction for connectors, importers and tests; unset values are empty/zero/{@code null}. */
    public static final class Builder {
        private final long channelId;
        private final String channelOrderNumber;
        private String orderName;
        private Instant orderedAt;
        private Customer customer;
        private Address ordererAddress;
        private final List<NewDestination> destinations = new ArrayList<>();
        private final List<NewOrderLine> lines = new ArrayList<>();
        private final List<NewDiscount> discounts = new ArrayList<>();
        private Charges charges = Charges.NONE;
        private long pointsUsed;
        private Long channelGrandTotal;
        private PaymentMethod paymentMethod;
        private PaymentStatus paymentStatus;
        private DeliveryRequest delivery = DeliveryRequest.NONE;
        private String remarks;
        private final List<String> tags = new ArrayList<>();
        private final List<String> insertFlyers = new ArrayList<>();
        private ShippingPlan shippingPlan = ShippingPlan.NONE;
        private boolean cancelled;

        private Builder(long channelId, String channelOrderNumber) {
            this.channelId = channelId;
            this.channelOrderNumber = channelOrderNumber;
        }

        public Builder orderName(String value) { this.orderName = value; return this; }
        public Builder orderedAt(Instant value) { this.orderedAt = value; return this; }
        public Builder customer(Customer value) { this.customer = value; return this; }
        public Builder ordererAddress(Address value) { this.ordererAddress = value; return this; }
        public Builder destination(NewDestination value) { this.destinations.add(value); return this; }
        public Builder line(NewOrderLine value) { this.lines.add(value); return this; }
        public Builder lines(List<NewOrderLine> values) { this.lines.addAll(values); return this; }
        public Builder discount(NewDiscount value) { this.discounts.add(value); return this; }
        public Builder charges(Charges value) { this.charges = value; return this; }
        public Builder pointsUsed(long value) { this.pointsUsed = value; return this; }
        public Builder channelGrandTotal(Long value) { this.channelGrandTotal = value; return this; }
        public Builder payment(PaymentMethod method, PaymentStatus status) { this.paymentMethod = method; this.paymentStatus = status; return this; }
        public Builder delivery(DeliveryRequest value) { this.delivery = value; return this; }
        public Builder remarks(String value) { this.remarks = value; return this; }
        public Builder tag(String value) { this.tags.add(value); return this; }
        public Builder insertFlyer(String value) { this.insertFlyers.add(value); return this; }
        public Builder shippingPlan(ShippingPlan value) { this.shippingPlan = value; return this; }
        public Builder cancelled(boolean value) { this.cancelled = value; return this; }

        public NewOrder build() {
            return new NewOrder(channelId, channelOrderNumber, orderName, orderedAt, customer, ordererAddress,
                    List.copyOf(destinations), List.copyOf(lines), List.copyOf(discounts), charges, pointsUsed,
                    channelGrandTotal, paymentMethod, paymentStatus, delivery, remarks, List.copyOf(tags),
                    List.copyOf(insertFlyers), shippingPlan, cancelled);
        }
    }
}
