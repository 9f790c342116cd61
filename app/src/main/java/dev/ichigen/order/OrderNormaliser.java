package dev.ichigen.order;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import dev.ichigen.shared.FieldError;
import dev.ichigen.shared.InvalidInputException;
import dev.ichigen.shared.csv.JapaneseText;

/**
 * Checks that a {@link NewOrder} can be stored at all and brings it into its normal form. Field names in
 * errors are the JSON names of {@code POST /api/v1/orders} ({@code lines[2].quantity}). What is merely
 * doubtful (an odd quantity, a price of 0, totals that disagree) is NOT refused here: the order is taken
 * and held by a check, so no channel order is ever lost.
 *
 * <p>Normal form: strings stripped, blank → {@code null}; half-width katakana → full-width in names;
 * {@code orderedAt} to microseconds (what both databases store); no destination → one destination "1" for
 * the orderer; line keys default to the position, line destinations to the first destination, sub codes
 * to ""; payment status defaults to the method's default; time slot normalised ({@link DeliveryTimeSlot});
 * tags and flyers de-duplicated.
 */
final class OrderNormaliser {

    static final long MAX_QUANTITY = 1_000_000;
    static final long MAX_AMOUNT = 10_000_000_000L;
    static final long MAX_UNIT_PRICE = 1_000_000_000L;
    static final int MAX_LINES = 1000;

    private OrderNormaliser() {
    }

    static NewOrder normalise(NewOrder o) {
        if (o == null) {
            throw new InvalidInputException("order", "is required");
        }
        List<FieldError> errors = new ArrayList<>();
        if (o.channelId() <= 0) {
            errors.add(new FieldError("channel", "販売チャネルの id を指定してください"));
        }
        String number = text("channelOrderNumber", o.channelOrderNumber(), 100, errors);
        if (number == null && errors.stream().noneMatch(e -> e.field().equals("channelOrderNumber"))) {
            errors.add(new FieldError("channelOrderNumber", "チャネルの注文番号を指定してください"));
        }
        String orderName = text("orderName", o.orderName(), 100, errors);
        Instant orderedAt = o.orderedAt() == null ? null : o.orderedAt().truncatedTo(ChronoUnit.MICROS);
        if (orderedAt == null) {
            errors.add(new FieldError("orderedAt", "注文日時を指定してください"));
        }
        Customer c = o.customer() == null ? new Customer(null, null, null, null) : o.customer();
        Customer customer = new Customer(name("customer.name", c.name(), errors), name("customer.kana", c.kana(), errors),
                text("customer.email", c.email(), 254, errors), text("customer.phone", c.phone(), 40, errors));
        Address orderer = address("ordererAddress", o.ordererAddress(), errors);

        List<NewDestination> destinations = new ArrayList<>();
        if (o.destinations() == null || o.destinations().isEmpty()) {
            if (orderer == null) {
                errors.add(new FieldError("destinations", "送付先か注文者の住所を指定してください"));
            }
            destinations.add(new NewDestination("1", customer.name(), customer.kana(), customer.phone(), null, orderer));
        } else {
            Set<String> keys = new HashSet<>();
            for (int i = 0; i < o.destinations().size(); i++) {
                NewDestination d = o.destinations().get(i);
                String p = "destinations[" + i + "]";
                if (d == null) {
                    errors.add(new FieldError(p, "is required"));
                    continue;
                }
                String key = text(p + ".key", d.key(), 100, errors);
                key = key == null ? String.valueOf(i + 1) : key;
                if (!keys.add(key)) {
                    errors.add(new FieldError(p + ".key", "送付先のキー " + key + " が重複しています"));
                }
                Address a = address(p + ".address", d.address(), errors);
                if (a == null) {
                    errors.add(new FieldError(p + ".address", "送付先の住所を指定してください"));
                }
                destinations.add(new NewDestination(key, name(p + ".name", d.name(), errors),
                        name(p + ".kana", d.kana(), errors), text(p + ".phone", d.phone(), 40, errors),
                        name(p + ".company", d.company(), errors), a));
            }
        }
        Set<String> destinationKeys = new HashSet<>();
        destinations.forEach(d -> destinationKeys.add(d.key()));

        List<NewOrderLine> lines = new ArrayList<>();
        if (o.lines() == null || o.lines().isEmpty()) {
            errors.add(new FieldError("lines", "明細を1行以上指定してください"));
        } else if (o.lines().size() > MAX_LINES) {
            errors.add(new FieldError("lines", "明細は" + MAX_LINES + "行までです"));
        } else {
            Set<String> lineKeys = new HashSet<>();
            for (int i = 0; i < o.lines().size(); i++) {
                NewOrderLine l = o.lines().get(i);
                String p = "lines[" + i + "]";
                if (l == null) {
                    errors.add(new FieldError(p, "is required"));
                    continue;
                }
                String key = text(p + ".lineKey", l.lineKey(), 100, errors);
                key = key == null ? String.valueOf(i + 1) : key;
                if (!lineKeys.add(key)) {
                    errors.add(new FieldError(p + ".lineKey", "明細のキー " + key + " が重複しています"));
                }
                String dest = text(p + ".destination", l.destination(), 100, errors);
                dest = dest == null ? destinations.getFirst().key() : dest;
                if (!destinationKeys.contains(dest)) {
                    errors.add(new FieldError(p + ".destination", "送付先 " + dest + " がありません"));
                }
                String itemCode = text(p + ".itemCode", l.itemCode(), 255, errors);
                String subCode = text(p + ".subCode", l.subCode(), 255, errors);
                if (itemCode == null && l.sku() == null) {
                    errors.add(new FieldError(p + ".itemCode", "チャネルの商品コードか SKU を指定してください"));
                }
                if (l.quantity() < 1 || l.quantity() > MAX_QUANTITY) {
                    errors.add(new FieldError(p + ".quantity", "数量は1〜" + MAX_QUANTITY + "で指定してください: " + l.quantity()));
                }
                if (l.unitPrice() < 0 || l.unitPrice() > MAX_UNIT_PRICE) {
                    errors.add(new FieldError(p + ".unitPrice", "単価は0円以上" + MAX_UNIT_PRICE + "円以下です: " + l.unitPrice()));
                }
                if (l.taxRate() == null) {
                    errors.add(new FieldError(p + ".taxRate", "税率 (10 か 8) を指定してください"));
                }
                lines.add(new NewOrderLine(key, dest, itemCode, subCode == null ? "" : subCode, l.sku(),
                        name(p + ".name", l.name(), 255, errors), l.quantity(), l.unitPrice(), l.taxRate(),
                        l.priceIncludesTax()));
            }
        }

        List<NewDiscount> discounts = new ArrayList<>();
        if (o.discounts() != null) {
            for (int i = 0; i < o.discounts().size(); i++) {
                NewDiscount d = o.discounts().get(i);
                String p = "discounts[" + i + "]";
                if (d == null) {
                    errors.add(new FieldError(p, "is required"));
                    continue;
                }
                if (d.kind() == null) {
                    errors.add(new FieldError(p + ".kind", "DISCOUNT・COUPON・MALL_COUPON のいずれかを指定してください"));
                }
                amount(p + ".amount", d.amount(), errors);
                if (d.taxRate() == null) {
                    errors.add(new FieldError(p + ".taxRate", "値引きする税率 (10 か 8) を指定してください"));
                }
                discounts.add(new NewDiscount(d.kind(), text(p + ".name", d.name(), 200, errors), d.amount(), d.taxRate(),
                        d.includesTax()));
            }
        }
        Charges charges = o.charges() == null ? Charges.NONE : o.charges();
        amount("charges.shippingFee", charges.shippingFee(), errors);
        amount("charges.codFee", charges.codFee(), errors);
        amount("charges.otherFees", charges.otherFees(), errors);
        amount("pointsUsed", o.pointsUsed(), errors);
        if (o.channelGrandTotal() != null && Math.abs(o.channelGrandTotal()) > MAX_AMOUNT) {
            errors.add(new FieldError("channelGrandTotal", "金額が大きすぎます"));
        }
        if (o.paymentMethod() == null) {
            errors.add(new FieldError("paymentMethod", "支払い方法を指定してください (CARD, COD, DEFERRED, BANK_TRANSFER, "
                    + "CONVENIENCE_STORE, CARRIER_BILLING, POINTS_OR_ID, OTHER)"));
        }
        PaymentStatus paymentStatus = o.paymentStatus() != null ? o.paymentStatus()
                : o.paymentMethod() == null ? null : o.paymentMethod().defaultStatus();

        DeliveryRequest d = o.delivery() == null ? DeliveryRequest.NONE : o.delivery();
        String slotGiven = text("delivery.timeSlot", d.timeSlot(), 100, errors);
        String slotText = text("delivery.timeSlotText", d.timeSlotText(), 100, errors);
        String slot;
        if (slotGiven != null && DeliveryTimeSlot.isNeutral(slotGiven)) {
            slot = slotGiven;
        } else {
            slotText = slotText == null ? slotGiven : slotText;
            slot = DeliveryTimeSlot.normalise(slotText);
        }
        DeliveryRequest delivery = new DeliveryRequest(d.date(), slot, slotText, d.giftWrapping(),
                text("delivery.noshi", d.noshi(), 200, errors));
        String remarks = text("remarks", o.remarks(), 4000, errors);
        List<String> tags = labels("tags", o.tags(), errors);
        List<String> flyers = labels("insertFlyers", o.insertFlyers(), errors);
        ShippingPlan s = o.shippingPlan() == null ? ShippingPlan.NONE : o.shippingPlan();
        ShippingPlan plan = new ShippingPlan(s.plannedShipDate(), text("shippingPlan.carrier", s.carrier(), 40, errors),
                text("shippingPlan.service", s.service(), 40, errors));
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return new NewOrder(o.channelId(), number, orderName, orderedAt, customer, orderer, List.copyOf(destinations),
                List.copyOf(lines), List.copyOf(discounts), charges, o.pointsUsed(), o.channelGrandTotal(), o.paymentMethod(),
                paymentStatus, delivery, remarks, tags, flyers, plan, o.cancelled());
    }

    private static Address address(String field, Address a, List<FieldError> errors) {
        if (a == null) {
            return null;
        }
        Address n = new Address(text(field + ".postalCode", a.postalCode(), 20, errors),
                text(field + ".prefecture", a.prefecture(), 20, errors), name(field + ".city", a.city(), 100, errors),
                name(field + ".street", a.street(), 255, errors), name(field + ".building", a.building(), 255, errors));
        return n.postalCode() == null && n.prefecture() == null && n.city() == null && n.street() == null
                && n.building() == null ? null : n;
    }

    private static List<String> labels(String field, List<String> values, List<FieldError> errors) {
        if (values == null) {
            return List.of();
        }
        Set<String> out = new LinkedHashSet<>();
        for (int i = 0; i < values.size(); i++) {
            String v = text(field + "[" + i + "]", values.get(i), 100, errors);
            if (v != null) {
                out.add(v);
            }
        }
        return List.copyOf(out);
    }

    private static void amount(String field, long value, List<FieldError> errors) {
        if (value < 0) {
            errors.add(new FieldError(field, "0以上で指定してください: " + value));
        } else if (value > MAX_AMOUNT) {
            errors.add(new FieldError(field, "金額が大きすぎます: " + value));
        }
    }

    private static String name(String field, String value, List<FieldError> errors) {
        return name(field, value, 200, errors);
    }

    /** A name or free text people read: half-width katakana become full-width (mails and labels garble them). */
    private static String name(String field, String value, int max, List<FieldError> errors) {
        return text(field, JapaneseText.fullWidthKatakana(value), max, errors);
    }

    private static String text(String field, String value, int max, List<FieldError> errors) {
        if (value == null) {
            return null;
        }
        String s = value.strip();
        if (s.isEmpty()) {
            return null;
        }
        if (s.length() > max) {
            errors.add(new FieldError(field, max + "文字以内で指定してください"));
        }
        return s;
    }
}
