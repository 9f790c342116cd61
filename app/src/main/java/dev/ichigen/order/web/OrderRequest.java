package dev.ichigen.order.web;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import dev.ichigen.order.Address;
import dev.ichigen.order.Charges;
import dev.ichigen.order.Customer;
import dev.ichigen.order.DeliveryRequest;
import dev.ichigen.order.DiscountKind;
import dev.ichigen.order.NewDestination;
import dev.ichigen.order.NewDiscount;
import dev.ichigen.order.NewOrder;
import dev.ichigen.order.NewOrderLine;
import dev.ichigen.order.PaymentMethod;
import dev.ichigen.order.PaymentStatus;
import dev.ichigen.order.ShippingPlan;
import dev.ichigen.shared.FieldError;
import dev.ichigen.shared.Sku;
import dev.ichigen.shared.TaxRate;

/**
 * The body of {@code POST /api/v1/orders}: a {@link NewOrder} in JSON. Amounts are whole yen; tax rates
 * {@code 10} or {@code 8} (also {@code "STANDARD_10"}, {@code "0.08"}); times ISO-8601 (without offset =
 * Japan time); dates {@code 2025-06-01}. Omitted: {@code priceIncludesTax}/{@code includesTax}/
 * {@code charges.includeTax} true, line keys = position, destinations = the orderer.
 */
record OrderRequest(Long channel, String channelOrderNumber, String orderName, String orderedAt, Customer customer,
        Address ordererAddress, List<NewDestination> destinations, List<Line> lines, List<Discount> discounts,
        ChargesJson charges, Long pointsUsed, Long channelGrandTotal, String paymentMethod, String paymentStatus,
        Delivery delivery, String remarks, List<String> tags, List<String> insertFlyers, Plan shippingPlan,
        Boolean cancelled) {

    record Line(String lineKey, String destination, String itemCode, String subCode, String sku, String name, Long quantity,
            Long unitPrice, String taxRate, Boolean priceIncludesTax) {
    }

    record Discount(String kind, String name, Long amount, String taxRate, Boolean includesTax) {
    }

    record ChargesJson(Long shippingFee, Long codFee, Long otherFees, Boolean includeTax) {
    }

    record Delivery(String date, String timeSlot, String timeSlotText, Boolean giftWrapping, String noshi) {
    }

    record Plan(String plannedShipDate, String carrier, String service) {
    }

    private static final ZoneId JAPAN = ZoneId.of("Asia/Tokyo");

    /**
     * The command, with every value that cannot even be read reported in {@code errors} (JSON field names).
     * Missing numbers become values the intake refuses with its own message (quantity 0, price −1).
     */
    NewOrder toNewOrder(List<FieldError> errors) {
        if (channel == null) {
            errors.add(new FieldError("channel", "販売チャネルの id を指定してください"));
        }
        List<NewOrderLine> lineValues = new ArrayList<>();
        if (lines != null) {
            for (int i = 0; i < lines.size(); i++) {
                Line l = lines.get(i);
                String p = "lines[" + i + "]";
                if (l == null) {
                    lineValues.add(null);
                    continue;
                }
                Sku sku = null;
                if (l.sku() != null && !l.sku().isBlank()) {
                    if (Sku.isValid(l.sku().strip())) {
                        sku = Sku.of(l.sku().strip());
                    } else {
                        errors.add(new FieldError(p + ".sku", "SKU は半角英数字と . _ + # - の64文字以内です: " + l.sku()));
                    }
                }
                if (l.quantity() == null) {
                    errors.add(new FieldError(p + ".quantity", "数量を指定してください"));
                }
                if (l.unitPrice() == null) {
                    errors.add(new FieldError(p + ".unitPrice", "単価を指定してください"));
                }
                lineValues.add(new NewOrderLine(l.lineKey(), l.destination(), l.itemCode(), l.subCode(), sku, l.name(),
                        l.quantity() == null ? 1 : l.quantity(), l.unitPrice() == null ? 0 : l.unitPrice(),
                        taxRate(p + ".taxRate", l.taxRate(), errors), l.priceIncludesTax() == null || l.priceIncludesTax()));
            }
        }
        List<NewDiscount> discountValues = new ArrayList<>();
        if (discounts != null) {
            for (int i = 0; i < discounts.size(); i++) {
                Discount d = discounts.get(i);
                String p = "discounts[" + i + "]";
                if (d == null) {
                    discountValues.add(null);
                    continue;
                }
                DiscountKind kind = null;
                if (d.kind() == null) {
                    kind = DiscountKind.DISCOUNT;
                } else if ((kind = DiscountKind.parse(d.kind())) == null) {
                    errors.add(new FieldError(p + ".kind", "DISCOUNT・COUPON・MALL_COUPON のいずれかです: " + d.kind()));
                    kind = DiscountKind.DISCOUNT;
                }
                if (d.amount() == null) {
                    errors.add(new FieldError(p + ".amount", "金額を指定してください"));
                }
                discountValues.add(new NewDiscount(kind, d.name(), d.amount() == null ? 0 : d.amount(),
                        taxRate(p + ".taxRate", d.taxRate(), errors), d.includesTax() == null || d.includesTax()));
            }
        }
        ChargesJson c = charges == null ? new ChargesJson(null, null, null, null) : charges;
        Charges chargeValues = new Charges(zero(c.shippingFee()), zero(c.codFee()), zero(c.otherFees()),
                c.includeTax() == null || c.includeTax());
        PaymentMethod method = null;
        if (paymentMethod != null && (method = PaymentMethod.parse(paymentMethod)) == null) {
            errors.add(new FieldError("paymentMethod", "CARD・COD・DEFERRED・BANK_TRANSFER・CONVENIENCE_STORE・"
                    + "CARRIER_BILLING・POINTS_OR_ID・OTHER のいずれかです: " + paymentMethod));
        }
        PaymentStatus status = null;
        if (paymentStatus != null && (status = PaymentStatus.parse(paymentStatus)) == null) {
            errors.add(new FieldError("paymentStatus", "NOT_REQUIRED・PENDING・AUTHORIZED・PAID・REFUNDED・FAILED のいずれかです: "
                    + paymentStatus));
        }
        Delivery d = delivery == null ? new Delivery(null, null, null, null, null) : delivery;
        DeliveryRequest deliveryValue = new DeliveryRequest(date("delivery.date", d.date(), errors), d.timeSlot(),
                d.timeSlotText(), Boolean.TRUE.equals(d.giftWrapping()), d.noshi());
        Plan s = shippingPlan == null ? new Plan(null, null, null) : shippingPlan;
        ShippingPlan plan = new ShippingPlan(date("shippingPlan.plannedShipDate", s.plannedShipDate(), errors), s.carrier(),
                s.service());
        return new NewOrder(channel == null ? 0 : channel, channelOrderNumber, orderName,
                time("orderedAt", orderedAt, errors), customer, ordererAddress, destinations, lineValues, discountValues,
                chargeValues, zero(pointsUsed), channelGrandTotal, method, status, deliveryValue, remarks, tags, insertFlyers,
                plan, Boolean.TRUE.equals(cancelled));
    }

    private static long zero(Long value) {
        return value == null ? 0 : value;
    }

    private static TaxRate taxRate(String field, String text, List<FieldError> errors) {
        if (text == null || text.isBlank()) {
            return null; // the intake names the missing rate
        }
        try {
            return TaxRate.parse(text);
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError(field, "税率は 10 か 8 です: " + text));
            return TaxRate.STANDARD_10;
        }
    }

    private static Instant time(String field, String text, List<FieldError> errors) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String t = text.strip();
        try {
            return OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeParseException e) {
            // next form
        }
        for (String pattern : new String[] { "yyyy-MM-dd'T'HH:mm[:ss]", "yyyy-MM-dd HH:mm[:ss]", "yyyy/MM/dd HH:mm[:ss]" }) {
            try {
                return LocalDateTime.parse(t, DateTimeFormatter.ofPattern(pattern)).atZone(JAPAN).toInstant();
            } catch (DateTimeParseException e) {
                // next form
            }
        }
        errors.add(new FieldError(field, "日時は ISO-8601 (2025-04-01T10:00:00+09:00) か 2025/04/01 10:00 で指定してください: " + text));
        return Instant.EPOCH;
    }

    private static LocalDate date(String field, String text, List<FieldError> errors) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String t = text.strip().replace('/', '-');
        try {
            return LocalDate.parse(t);
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(field, "日付は 2025-06-01 の形で指定してください: " + text));
            return null;
        }
    }
}
