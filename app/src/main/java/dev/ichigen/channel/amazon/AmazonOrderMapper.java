package dev.ichigen.channel.amazon;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import dev.ichigen.order.Address;
import dev.ichigen.order.Charges;
import dev.ichigen.order.Customer;
import dev.ichigen.order.DeliveryRequest;
import dev.ichigen.order.DeliveryTimeSlot;
import dev.ichigen.order.DiscountKind;
import dev.ichigen.order.NewDestination;
import dev.ichigen.order.NewDiscount;
import dev.ichigen.order.NewOrder;
import dev.ichigen.order.NewOrderLine;
import dev.ichigen.order.PaymentMethod;
import dev.ichigen.order.PaymentStatus;
import dev.ichigen.shared.TaxRate;
import tools.jackson.databind.JsonNode;

/**
 * SP-API Orders v0 {@code Order} + its {@code OrderItems} → {@link NewOrder}: a pure function, no database, no Spring.
 * Mapping table in docs/CONNECTORS.md (references: amazon/spapi-getOrders-200-example.json,
 * spapi-getOrderItems-200-example.json, order-fulfillment-and-inventory-feed-rules.json).
 *
 * <p>Amazon.co.jp prices are tax-included: {@code ItemPrice} is the price of the whole line (unit price × quantity,
 * Orders v0 model: "ItemPrice is equal to the selling price of the item multiplied by the quantity ordered"),
 * {@code ItemTax} the consumption tax inside it — the rate (10 % or 8 %) is read from their ratio. Money is
 * {@code {CurrencyCode, Amount}} with a decimal string; anything but JPY is refused naming the field.
 */
final class AmazonOrderMapper {

    static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");
    /**
     * Orders not taken in (not yet an order to ship): {@code Pending} (payment not completed — Amazon.co.jp convenience
     * store / ATM / pre-paid payments, or a card not yet authorised; Amazon carries no prices nor address for them) and
     * {@code PendingAvailability} (pre-orders not yet releasable). Their LastUpdateDate changes when they become
     * Unshipped or Canceled, so polling and ORDER_CHANGE read them again then.
     */
    static final Set<String> NOT_YET_ORDERS = Set.of("Pending", "PendingAvailability");

    private AmazonOrderMapper() {
    }

    /** Whether the order is one we take in now (MFN and no longer Pending). */
    static boolean importable(JsonNode order) {
        return !NOT_YET_ORDERS.contains(order.path("OrderStatus").asString("")) && !isAfn(order);
    }

    /** Fulfilled by Amazon (FBA): Amazon ships from its own stock, nothing for our warehouse. */
    static boolean isAfn(JsonNode order) {
        return "AFN".equals(order.path("FulfillmentChannel").asString(""));
    }

    static String orderNumber(JsonNode o) {
        String n = text(o, "AmazonOrderId");
        if (n == null) {
            throw new AmazonPayloadException("AmazonOrderId", "missing");
        }
        return n;
    }

    static NewOrder map(long channelId, JsonNode o, List<JsonNode> items) {
        String number = orderNumber(o);
        String status = text(o, "OrderStatus");
        if (status == null) {
            throw new AmazonPayloadException("OrderStatus", "missing");
        }
        boolean cancelled = status.equals("Canceled");
        NewOrder.Builder b = NewOrder.builder(channelId, number);
        b.orderName(number);
        b.orderedAt(time(o, "PurchaseDate"));

        JsonNode ship = o.path("ShippingAddress");
        JsonNode buyer = o.path("BuyerInfo");
        String recipient = text(ship, "Name");
        String phone = text(ship, "Phone");
        Address address = ship.isObject() ? new Address(zip(text(ship, "PostalCode")), text(ship, "StateOrRegion"),
                text(ship, "City"), text(ship, "AddressLine1"), join(text(ship, "AddressLine2"), text(ship, "AddressLine3")))
                : null;
        // BuyerEmail is Amazon's relay address (xxx@marketplace.amazon.co.jp): mail to it reaches the buyer
        String buyerName = text(buyer, "BuyerName") != null ? text(buyer, "BuyerName") : recipient;
        b.customer(new Customer(buyerName, null, text(buyer, "BuyerEmail"), phone));
        // Amazon gives no address of the buyer: the orderer address is the shipping address
        b.ordererAddress(address);
        if (address != null || recipient != null) {
            b.destination(new NewDestination("1", recipient, null, phone,
                    text(buyer.path("BuyerTaxInfo"), "CompanyLegalName"), address));
        }

        if (items.isEmpty()) {
            throw new AmazonPayloadException("OrderItems", "no items");
        }
        long shipping = 0;
        long cod = 0;
        long wrap = 0;
        long promotion = 0;
        boolean anyStandard = false;
        TaxRate firstRate = null;
        Instant slotStart = null;
        Instant slotEnd = null;
        boolean gift = false;
        String giftMessage = null;
        boolean buyerCancel = false;
        for (int i = 0; i < items.size(); i++) {
            JsonNode it = items.get(i);
            String f = "OrderItems[" + i + "]";
            String sku = text(it, "SellerSKU");
            if (sku == null) {
                throw new AmazonPayloadException(f + ".SellerSKU", "missing");
            }
            if (!it.path("QuantityOrdered").canConvertToLong()) {
                throw new AmazonPayloadException(f + ".QuantityOrdered", "missing");
            }
            long quantity = it.path("QuantityOrdered").asLong();
            if (quantity <= 0 && !cancelled) {
                continue; // a line the buyer cancelled out of the order
            }
            long linePrice;
            TaxRate rate;
            if (it.has("ItemPrice")) {
                linePrice = money(it.path("ItemPrice"), f + ".ItemPrice");
                rate = taxRate(linePrice, it.has("ItemTax") ? money(it.path("ItemTax"), f + ".ItemTax") : null, f + ".ItemTax");
            } else if (cancelled) {
                linePrice = 0; // a Pending order cancelled before payment carries no prices
                rate = TaxRate.STANDARD_10;
            } else {
                throw new AmazonPayloadException(f + ".ItemPrice", "missing");
            }
            firstRate = firstRate == null ? rate : firstRate;
            anyStandard |= rate == TaxRate.STANDARD_10;
            long q = Math.max(1, quantity);
            // whole yen per unit; a line price that does not divide leaves the difference to the TOTAL_MISMATCH check
            long unit = BigDecimal.valueOf(linePrice).divide(BigDecimal.valueOf(q), 0, RoundingMode.HALF_UP).longValue();
            String lineKey = text(it, "OrderItemId") != null ? text(it, "OrderItemId") : String.valueOf(i + 1);
            String title = text(it, "Title") == null ? sku : text(it, "Title");
            b.line(new NewOrderLine(lineKey, "1", sku, "", null, title, q, unit, rate, true));

            shipping += money(it.path("ShippingPrice"), f + ".ShippingPrice") - money(it.path("ShippingDiscount"), f + ".ShippingDiscount");
            cod += money(it.path("CODFee"), f + ".CODFee") - money(it.path("CODFeeDiscount"), f + ".CODFeeDiscount");
            wrap += money(it.path("BuyerInfo").path("GiftWrapPrice"), f + ".BuyerInfo.GiftWrapPrice");
            promotion += Math.abs(money(it.path("PromotionDiscount"), f + ".PromotionDiscount"));
            if (slotStart == null && text(it, "ScheduledDeliveryStartDate") != null) {
                slotStart = time(it, "ScheduledDeliveryStartDate");
                slotEnd = text(it, "ScheduledDeliveryEndDate") == null ? null : time(it, "ScheduledDeliveryEndDate");
            }
            gift |= "true".equalsIgnoreCase(it.path("IsGift").asString("false"));
            String message = text(it.path("BuyerInfo"), "GiftMessageText");
            if (giftMessage == null && message != null) {
                giftMessage = message;
            }
            buyerCancel |= "true".equalsIgnoreCase(it.path("BuyerRequestedCancel").path("IsBuyerRequestedCancel").asString("false"));
        }
        if (firstRate == null) {
            throw new AmazonPayloadException("OrderItems", "no item with a quantity");
        }
        b.charges(new Charges(Math.max(0, shipping), Math.max(0, cod), wrap, true));
        if (promotion > 0) {
            // Amazon's PromotionDiscount is the seller's promotion: it lowers the taxable amount (COUPON)
            b.discount(new NewDiscount(DiscountKind.COUPON, "Amazon プロモーション", promotion,
                    anyStandard ? TaxRate.STANDARD_10 : firstRate, true));
        }
        // Points and gift cards paid for a COD order: PaymentExecutionDetail splits what the carrier collects from
        // what Amazon paid (PaymentMethod PointsAccount / GC). For other orders Amazon collects everything.
        long paidByAmazon = 0;
        for (JsonNode p : o.path("PaymentExecutionDetail")) {
            String m = text(p, "PaymentMethod");
            if ("PointsAccount".equals(m) || "GC".equals(m)) {
                paidByAmazon += money(p.path("Payment"), "PaymentExecutionDetail.Payment");
            }
        }
        b.pointsUsed(paidByAmazon);
        if (o.has("OrderTotal")) {
            b.channelGrandTotal(money(o.path("OrderTotal"), "OrderTotal"));
        }
        b.payment(paymentMethod(text(o, "PaymentMethod"), o.path("PaymentMethodDetails")),
                // an Unshipped convenience-store order has been paid (it stays Pending until then)
                "CVS".equals(text(o, "PaymentMethod")) && !cancelled ? PaymentStatus.PAID : null);

        String noshi = null;
        List<String> remarks = new ArrayList<>();
        if (giftMessage != null) {
            if (giftMessage.startsWith("のし")) {
                noshi = giftMessage.replaceFirst("^のし[\\s:：（(]*", "").replaceAll("[）)\\s]+$", "");
                noshi = noshi.isEmpty() ? "のし" : noshi;
            } else {
                remarks.add("ギフトメッセージ: " + giftMessage);
            }
        }
        if (slotStart != null || gift || noshi != null) {
            ZonedDateTime start = slotStart == null ? null : slotStart.atZone(TOKYO);
            String slotText = start == null || slotEnd == null ? null
                    : "%02d-%02d".formatted(start.getHour(), slotEnd.atZone(TOKYO).getHour());
            b.delivery(new DeliveryRequest(start == null ? null : start.toLocalDate(), DeliveryTimeSlot.normalise(slotText),
                    slotText, gift, noshi));
        }
        if (buyerCancel && !cancelled) {
            remarks.add("購入者がキャンセルを要求しています（Amazon セラーセントラルで対応してください）");
            b.tag("Amazon:キャンセル要求");
        }
        if (!remarks.isEmpty()) {
            b.remarks(String.join("\n", remarks));
        }
        if (o.path("IsPrime").asBoolean(false)) {
            b.tag("Amazon:プライム");
        }
        if (o.path("IsBusinessOrder").asBoolean(false)) {
            b.tag("Amazon:法人");
        }
        b.cancelled(cancelled);
        return b.build();
    }

    // ------------------------------------------------------------------ pieces

    /**
     * The rate from the included tax: tax ÷ (price − tax) nearest to 0.10 or 0.08 (Amazon rounds the tax of a line to
     * whole yen, so 1,000 yen at 10 % shows 90 or 91); no tax given or a free line = 10 %; a ratio far from both is
     * refused naming the field.
     */
    static TaxRate taxRate(long linePrice, Long tax, String field) {
        if (tax == null || linePrice <= 0) {
            return TaxRate.STANDARD_10;
        }
        long net = linePrice - tax;
        if (net <= 0) {
            throw new AmazonPayloadException(field, "tax " + tax + " is not part of the price " + linePrice);
        }
        double ratio = (double) tax / net;
        // a line of a few yen rounds its tax coarsely: allow ±1 yen around each rate
        boolean ten = Math.abs(tax - Math.round(net * 0.10)) <= 1 || Math.abs(ratio - 0.10) < 0.008;
        boolean eight = Math.abs(tax - Math.round(net * 0.08)) <= 1 || Math.abs(ratio - 0.08) < 0.008;
        if (ten && eight) {
            return Math.abs(ratio - 0.10) <= Math.abs(ratio - 0.08) ? TaxRate.STANDARD_10 : TaxRate.REDUCED_8;
        }
        if (ten) {
            return TaxRate.STANDARD_10;
        }
        if (eight) {
            return TaxRate.REDUCED_8;
        }
        throw new AmazonPayloadException(field, "tax " + tax + " on " + linePrice + " is neither 10% nor 8%");
    }

    /**
     * PaymentMethod (Orders v0: COD, CVS, Other) and PaymentMethodDetails: COD → 代引き, CVS → コンビニ払い, Other with
     * CreditCard → クレジットカード, other Amazon-collected payments (Amazon Pay balance, gift cards, points, carrier
     * billing through Amazon) → ポイント・ID決済.
     */
    static PaymentMethod paymentMethod(String method, JsonNode details) {
        if ("COD".equals(method)) {
            return PaymentMethod.COD;
        }
        if ("CVS".equals(method)) {
            return PaymentMethod.CONVENIENCE_STORE;
        }
        for (JsonNode d : details) {
            if ("CreditCard".equals(d.asString(""))) {
                return PaymentMethod.CARD;
            }
        }
        return PaymentMethod.POINTS_OR_ID;
    }

    /** {@code {CurrencyCode:"JPY", Amount:"1100.00"}} → whole yen (half up); absent = 0; another currency is refused. */
    static long money(JsonNode m, String field) {
        if (m == null || m.isMissingNode() || m.isNull()) {
            return 0;
        }
        String currency = text(m, "CurrencyCode");
        if (currency != null && !currency.equals("JPY")) {
            throw new AmazonPayloadException(field + ".CurrencyCode", currency + " is not JPY");
        }
        String amount = m.path("Amount").isNumber() ? m.path("Amount").asString() : text(m, "Amount");
        if (amount == null) {
            return 0;
        }
        try {
            return new BigDecimal(amount.strip()).setScale(0, RoundingMode.HALF_UP).longValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
            throw new AmazonPayloadException(field + ".Amount", "not a number");
        }
    }

    /** 7 digits → 123-4567 (full-width digits normalised). */
    static String zip(String z) {
        if (z == null) {
            return null;
        }
        String d = java.text.Normalizer.normalize(z, java.text.Normalizer.Form.NFKC).replace("-", "").strip();
        return d.matches("\\d{7}") ? d.substring(0, 3) + "-" + d.substring(3) : z.strip();
    }

    private static Instant time(JsonNode o, String field) {
        String t = text(o, field);
        if (t == null) {
            throw new AmazonPayloadException(field, "missing");
        }
        try {
            return Instant.parse(t);
        } catch (DateTimeParseException e) {
            try {
                return java.time.OffsetDateTime.parse(t).toInstant();
            } catch (DateTimeParseException e2) {
                throw new AmazonPayloadException(field, "not an ISO 8601 time");
            }
        }
    }

    private static String join(String a, String b) {
        if (a == null) {
            return b;
        }
        return b == null ? a : a + " " + b;
    }

    static String text(JsonNode n, String name) {
        if (n == null) {
            return null;
        }
        JsonNode v = n.path(name);
        if (v.isMissingNode() || v.isNull() || v.isContainer()) {
            return null;
        }
        String s = v.asString("").strip();
        return s.isEmpty() ? null : s;
    }
}
