package dev.ichigen.channel.shopify;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

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
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Shopify order JSON (REST {@code orders.json} and the {@code orders/*} webhooks, same shape) → {@link NewOrder}: a pure
 * function, no database, no Spring. The mapping table is in docs/CONNECTORS.md. Ids exceed 2^53 (reference:
 * shopify/orders-create-webhook-test-payload.json): they are read as exact integers and kept as text, never as double.
 * A payload without what an order needs ({@code id}, {@code created_at}, {@code line_items}) is refused with a
 * {@link ShopifyPayloadException} naming the field; an item nobody has mapped is NOT refused — the order is taken in
 * and the intake holds it (UNMAPPED_ITEM).
 */
final class ShopifyOrderMapper {

    static final ObjectMapper JSON = JsonMapper.builder().build();

    private ShopifyOrderMapper() {
    }

    /** Parses raw bytes; malformed JSON is a {@link ShopifyPayloadException} on {@code body}. */
    static JsonNode parse(byte[] body) {
        try {
            JsonNode node = JSON.readTree(body);
            if (node == null || !node.isObject()) {
                throw new ShopifyPayloadException("body", "not a JSON object");
            }
            return node;
        } catch (tools.jackson.core.JacksonException e) {
            throw new ShopifyPayloadException("body", "malformed JSON (" + e.getOriginalMessage() + ")");
        }
    }

    static NewOrder map(long channelId, JsonNode o) {
        String id = id(o.path("id"), "id");
        NewOrder.Builder b = NewOrder.builder(channelId, id);
        b.orderName(text(o, "name"));
        b.orderedAt(time(o, o.hasNonNull("created_at") ? "created_at" : "processed_at"));
        boolean taxesIncluded = o.path("taxes_included").asBoolean(true);

        JsonNode billing = o.path("billing_address");
        JsonNode shipping = o.path("shipping_address");
        JsonNode customer = o.path("customer");
        String name = personName(billing);
        if (name == null) {
            name = joinName(text(customer, "last_name"), text(customer, "first_name"));
        }
        String email = firstNonBlank(text(o, "email"), text(o, "contact_email"), text(customer, "email"));
        String phone = firstNonBlank(text(billing, "phone"), text(o, "phone"), text(customer, "phone"));
        b.customer(new Customer(name, null, email, phone));
        if (billing.isObject()) {
            b.ordererAddress(address(billing));
        } else if (customer.path("default_address").isObject()) {
            b.ordererAddress(address(customer.path("default_address")));
        }
        if (shipping.isObject()) {
            b.destination(new NewDestination("1", personName(shipping), null, text(shipping, "phone"),
                    text(shipping, "company"), address(shipping)));
        }

        JsonNode items = o.path("line_items");
        if (!items.isArray() || items.isEmpty()) {
            throw new ShopifyPayloadException("line_items", "missing or empty");
        }
        TaxRate firstRate = null;
        for (int i = 0; i < items.size(); i++) {
            JsonNode li = items.get(i);
            String field = "line_items[" + i + "]";
            String sku = text(li, "sku");
            String itemCode = sku != null ? sku
                    : li.hasNonNull("variant_id") ? "variant:" + id(li.path("variant_id"), field + ".variant_id") : null;
            if (itemCode == null) {
                throw new ShopifyPayloadException(field + ".sku", "neither sku nor variant_id");
            }
            if (!li.path("quantity").canConvertToLong()) {
                throw new ShopifyPayloadException(field + ".quantity", "missing or not a whole number");
            }
            TaxRate rate = taxRate(li.path("tax_lines"));
            if (firstRate == null) {
                firstRate = rate;
            }
            String title = firstNonBlank(text(li, "name"), text(li, "title"), itemCode);
            b.line(new NewOrderLine(li.hasNonNull("id") ? id(li.path("id"), field + ".id") : String.valueOf(i + 1), null,
                    itemCode, null, null, title, li.path("quantity").asLong(), yen(li, "price", field + ".price"), rate,
                    taxesIncluded));
        }
        TaxRate discountRate = firstRate == null ? TaxRate.STANDARD_10 : firstRate;

        long discounts = yenOrZero(o, "total_discounts");
        if (discounts > 0) {
            List<String> codes = new ArrayList<>();
            o.path("discount_codes").forEach(d -> {
                if (d.hasNonNull("code")) {
                    codes.add(d.path("code").asString());
                }
            });
            // Shopify's total_discounts is shop-funded (値引き/クーポン): it lowers the taxable amount. Split by rate is
            // not in the REST order; it is booked on the first line's rate (see docs/CONNECTORS.md).
            b.discount(new NewDiscount(codes.isEmpty() ? DiscountKind.DISCOUNT : DiscountKind.COUPON,
                    codes.isEmpty() ? "Shopify 値引き" : String.join(",", codes), discounts, discountRate, taxesIncluded));
        }
        long shippingFee = 0;
        JsonNode shippingLines = o.path("shipping_lines");
        for (int i = 0; i < shippingLines.size(); i++) {
            JsonNode s = shippingLines.get(i);
            shippingFee += s.hasNonNull("discounted_price") ? yen(s, "discounted_price", "shipping_lines[" + i + "].discounted_price")
                    : yen(s, "price", "shipping_lines[" + i + "].price");
        }
        b.charges(new Charges(shippingFee, 0, 0, taxesIncluded));
        if (o.hasNonNull("total_price")) {
            b.channelGrandTotal(yen(o, "total_price", "total_price"));
        }

        String gateway = text(o, "gateway");
        if (gateway == null && o.path("payment_gateway_names").isArray() && !o.path("payment_gateway_names").isEmpty()) {
            gateway = o.path("payment_gateway_names").get(0).asString();
        }
        PaymentMethod method = paymentMethod(gateway);
        b.payment(method, paymentStatus(text(o, "financial_status"), method));
        b.remarks(text(o, "note"));
        b.delivery(delivery(o.path("note_attributes")));
        b.cancelled(o.hasNonNull("cancelled_at"));
        return b.build();
    }

    /** The order id (the channel order number) without mapping the rest — for logs and de-duplication. */
    static String orderId(JsonNode o) {
        return id(o.path("id"), "id");
    }

    /** When the order last changed ({@code updated_at}), for the polling cursor; {@code null} when absent. */
    static Instant updatedAt(JsonNode o) {
        String t = text(o, "updated_at");
        try {
            return t == null ? null : OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    // ------------------------------------------------------------------ pieces

    private static Address address(JsonNode a) {
        String country = text(a, "country_code");
        String prefecture = country == null || country.equalsIgnoreCase("JP")
                ? Prefectures.of(text(a, "province_code"), text(a, "province"))
                : text(a, "province");
        return new Address(zip(text(a, "zip")), prefecture, text(a, "city"), text(a, "address1"), text(a, "address2"));
    }

    /** 1000001 / 100-0001 / １００－０００１ → 100-0001; anything else as given. */
    static String zip(String zip) {
        if (zip == null) {
            return null;
        }
        String digits = java.text.Normalizer.normalize(zip, java.text.Normalizer.Form.NFKC).replaceAll("[\\s\\-ー−]", "");
        return digits.matches("\\d{7}") ? digits.substring(0, 3) + "-" + digits.substring(3) : zip.strip();
    }

    private static String personName(JsonNode a) {
        if (!a.isObject()) {
            return null;
        }
        // Japanese order: family name first (Shopify's "name" is "first last")
        String joined = joinName(text(a, "last_name"), text(a, "first_name"));
        return joined != null ? joined : text(a, "name");
    }

    private static String joinName(String family, String given) {
        if (family == null && given == null) {
            return null;
        }
        return ((family == null ? "" : family) + " " + (given == null ? "" : given)).strip();
    }

    private static TaxRate taxRate(JsonNode taxLines) {
        if (taxLines.isArray() && !taxLines.isEmpty() && taxLines.get(0).hasNonNull("rate")) {
            BigDecimal rate = taxLines.get(0).path("rate").decimalValue();
            if (rate.compareTo(new BigDecimal("0.08")) == 0) {
                return TaxRate.REDUCED_8;
            }
        }
        return TaxRate.STANDARD_10;
    }

    static PaymentMethod paymentMethod(String gateway) {
        if (gateway == null || gateway.isBlank()) {
            return PaymentMethod.OTHER;
        }
        String g = gateway.toLowerCase(Locale.ROOT);
        if (g.contains("cod") || g.contains("cash on delivery") || g.contains("代引") || g.contains("代金引換")) {
            return PaymentMethod.COD;
        }
        if (g.contains("銀行") || g.contains("bank")) {
            return PaymentMethod.BANK_TRANSFER;
        }
        if (g.contains("後払") || g.contains("np") || g.contains("paidy") || g.contains("atone")) {
            return PaymentMethod.DEFERRED;
        }
        if (g.contains("コンビニ") || g.contains("konbini") || g.contains("convenience")) {
            return PaymentMethod.CONVENIENCE_STORE;
        }
        if (g.contains("paypay") || g.contains("楽天ペイ") || g.contains("rakuten") || g.contains("amazon")
                || g.contains("paypal") || g.contains("line pay") || g.contains("d払い")) {
            return PaymentMethod.POINTS_OR_ID;
        }
        if (g.contains("shopify_payments") || g.contains("visa") || g.contains("master") || g.contains("card")
                || g.contains("stripe") || g.contains("bogus") || g.contains("カード")) {
            return PaymentMethod.CARD;
        }
        return PaymentMethod.OTHER;
    }

    /** financial_status → 入金状況; {@code null} = the method's default (代引き: 不要). */
    static PaymentStatus paymentStatus(String financial, PaymentMethod method) {
        if (financial == null) {
            return null;
        }
        return switch (financial) {
            case "paid", "partially_refunded" -> PaymentStatus.PAID;
            case "authorized" -> PaymentStatus.AUTHORIZED;
            case "pending", "partially_paid" -> method == PaymentMethod.COD ? null : PaymentStatus.PENDING;
            case "refunded" -> PaymentStatus.REFUNDED;
            case "voided" -> PaymentStatus.FAILED;
            default -> null;
        };
    }

    /**
     * お届け希望 from {@code note_attributes} — Shopify has no delivery-date field; Japanese shops use a date-picker app
     * that writes note attributes. Names read: 配送希望日 / お届け希望日 / delivery_date, 配送希望時間帯 / お届け時間帯 /
     * delivery_time, ギフト包装 / gift_wrapping, のし / noshi.
     */
    private static DeliveryRequest delivery(JsonNode attributes) {
        LocalDate date = null;
        String slotText = null;
        boolean gift = false;
        String noshi = null;
        for (JsonNode a : attributes) {
            String n = text(a, "name");
            String v = text(a, "value");
            if (n == null || v == null) {
                continue;
            }
            switch (n) {
                case "配送希望日", "お届け希望日", "delivery_date" -> {
                    try {
                        date = LocalDate.parse(v.replace('/', '-'));
                    } catch (DateTimeParseException e) {
                        // kept out: the intake has no free-text date; the remarks check sees the note
                    }
                }
                case "配送希望時間帯", "お届け時間帯", "delivery_time" -> slotText = v;
                case "ギフト包装", "gift_wrapping" -> gift = !v.equals("希望しない") && !v.equalsIgnoreCase("false") && !v.equals("なし");
                case "のし", "noshi" -> noshi = v;
                default -> {
                }
            }
        }
        if (date == null && slotText == null && !gift && noshi == null) {
            return DeliveryRequest.NONE;
        }
        return new DeliveryRequest(date, DeliveryTimeSlot.normalise(slotText), slotText, gift, noshi);
    }

    // ------------------------------------------------------------------ JSON helpers

    /** An id as exact decimal text: a JSON integer of any size or a numeric string — never through double. */
    static String id(JsonNode n, String field) {
        if (n.isIntegralNumber()) {
            BigInteger v = n.bigIntegerValue();
            return v.toString();
        }
        if (n.isString() && n.asString().strip().matches("\\d{1,20}")) {
            return n.asString().strip();
        }
        if (n.isMissingNode() || n.isNull()) {
            throw new ShopifyPayloadException(field, "missing");
        }
        throw new ShopifyPayloadException(field, "not an integer id");
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.path(field);
        if (v.isMissingNode() || v.isNull()) {
            return null;
        }
        String s = v.isString() ? v.asString() : v.toString();
        return s.isBlank() ? null : s.strip();
    }

    private static Instant time(JsonNode o, String field) {
        String t = text(o, field);
        if (t == null) {
            throw new ShopifyPayloadException("created_at", "missing");
        }
        try {
            return OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeParseException e) {
            throw new ShopifyPayloadException(field, "not an ISO-8601 time");
        }
    }

    /** Money as Shopify sends it (decimal string, shop currency); JPY has no minor unit. Rounded half up for others. */
    private static long yen(JsonNode n, String name, String field) {
        JsonNode v = n.path(name);
        if (v.isMissingNode() || v.isNull()) {
            throw new ShopifyPayloadException(field, "missing");
        }
        try {
            BigDecimal d = v.isNumber() ? v.decimalValue() : new BigDecimal(v.asString().strip());
            if (d.signum() < 0) {
                throw new ShopifyPayloadException(field, "negative");
            }
            return d.setScale(0, RoundingMode.HALF_UP).longValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
            throw new ShopifyPayloadException(field, "not an amount");
        }
    }

    private static long yenOrZero(JsonNode n, String name) {
        return n.hasNonNull(name) ? yen(n, name, name) : 0;
    }

    private static String firstNonBlank(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return null;
    }
}
