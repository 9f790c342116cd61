package dev.ichigen.channel.rakuten;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
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
import dev.ichigen.shared.TaxRate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.MissingNode;

/**
 * 楽天ペイ受注API getOrder {@code OrderModel} → {@link NewOrder}: a pure function, no database, no Spring. Mapping table
 * in docs/CONNECTORS.md. Field names are read case-insensitively (casing varies across RMS SDKs — reference README).
 *
 * <p>{@code -9999} means "not fixed yet" (送料未確定: orders to remote islands until the shop confirms them): such an
 * amount is never added into a total — the fee is left at 0, the channel total is not compared, and the order carries
 * the tag {@value #AMOUNT_NOT_FIXED_TAG} so {@link AmountNotFixedCheck} holds it until a later poll reads the fixed
 * amounts.
 */
final class RakutenOrderMapper {

    static final ObjectMapper JSON = JsonMapper.builder().build();
    /** RMS: "-9999" = 未確定 (rakuten/rms-getOrder-response-fields.csv). */
    static final long NOT_FIXED = -9999;
    static final String AMOUNT_NOT_FIXED_TAG = "楽天:金額未確定";
    /** orderProgress 900 = キャンセル確定 (rakuten/rms-orderProgress-codes.csv). */
    static final int CANCELLED = 900;
    private static final DateTimeFormatter RMS_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssZ");

    private RakutenOrderMapper() {
    }

    static NewOrder map(long channelId, JsonNode o) {
        String number = orderNumber(o);
        NewOrder.Builder b = NewOrder.builder(channelId, number);
        b.orderName(number);
        b.orderedAt(time(o, "orderDatetime"));
        List<String> notFixed = new ArrayList<>();

        JsonNode orderer = ci(o, "OrdererModel");
        if (!orderer.isObject()) {
            throw new RakutenPayloadException("OrdererModel", "missing");
        }
        b.customer(new Customer(name(orderer), kana(orderer), text(orderer, "emailAddress"), phone(orderer)));
        b.ordererAddress(address(orderer));

        JsonNode packages = ci(o, "PackageModelList");
        if (!packages.isArray() || packages.isEmpty()) {
            throw new RakutenPayloadException("PackageModelList", "missing or empty");
        }
        long shipping = 0;
        long cod = 0;
        String noshi = null;
        int lines = 0;
        TaxRate firstRate = null;
        boolean anyStandard = false;
        for (int p = 0; p < packages.size(); p++) {
            JsonNode pkg = packages.get(p);
            String pf = "PackageModelList[" + p + "]";
            if (ci(pkg, "packageDeleteFlag").asInt(0) == 1) {
                continue;
            }
            String key = ci(pkg, "basketId").isMissingNode() || ci(pkg, "basketId").isNull() ? String.valueOf(p + 1)
                    : ci(pkg, "basketId").asString();
            JsonNode sender = ci(pkg, "SenderModel"); // 送付先 = the recipient
            if (sender.isObject()) {
                b.destination(new NewDestination(key, name(sender), kana(sender), phone(sender), null, address(sender)));
            }
            shipping += amount(pkg, "postagePrice", pf + ".postagePrice", notFixed);
            cod += amount(pkg, "deliveryPrice", pf + ".deliveryPrice", notFixed);
            if (noshi == null) {
                noshi = text(pkg, "noshi");
            }
            JsonNode items = ci(pkg, "ItemModelList");
            for (int i = 0; i < items.size(); i++) {
                JsonNode it = items.get(i);
                String f = pf + ".ItemModelList[" + i + "]";
                if (ci(it, "deleteItemFlag").asInt(0) == 1) {
                    continue;
                }
                String manageNumber = text(it, "manageNumber");
                if (manageNumber == null) {
                    manageNumber = text(it, "itemNumber");
                }
                if (manageNumber == null) {
                    throw new RakutenPayloadException(f + ".manageNumber", "missing");
                }
                if (!ci(it, "units").canConvertToLong()) {
                    throw new RakutenPayloadException(f + ".units", "missing or not a whole number");
                }
                TaxRate rate = taxRate(ci(it, "taxRate"), f + ".taxRate");
                firstRate = firstRate == null ? rate : firstRate;
                anyStandard |= rate == TaxRate.STANDARD_10;
                String lineKey = text(it, "itemDetailId") != null ? text(it, "itemDetailId") : key + "-" + (i + 1);
                b.line(new NewOrderLine(lineKey, key, manageNumber, subCode(it, manageNumber),
                        null, text(it, "itemName") == null ? manageNumber : text(it, "itemName"), ci(it, "units").asLong(),
                        yen(it, "price", f + ".price"), rate, ci(it, "includeTaxFlag").asInt(1) == 1));
                lines++;
            }
        }
        if (lines == 0) {
            throw new RakutenPayloadException("PackageModelList[].ItemModelList", "no items");
        }

        // fees: 送料 and 代引料 per package (summed above), 決済手数料 and ラッピング料 per order
        long other = amount(o, "paymentCharge", "paymentCharge", notFixed);
        for (String w : List.of("WrappingModel1", "WrappingModel2")) {
            JsonNode wrap = ci(o, w);
            if (wrap.isObject() && ci(wrap, "deleteWrappingFlag").asInt(0) != 1) {
                other += amount(wrap, "price", w + ".price", notFixed);
            }
        }
        b.charges(new Charges(shipping, cod, other, true));

        // coupons: 店舗負担 lowers the price (and the taxable amount) of its rate; 楽天負担 is money received
        long shopCoupon = Math.max(0, amount(o, "couponShopPrice", "couponShopPrice", notFixed));
        long mallCoupon = Math.max(0, amount(o, "couponOtherPrice", "couponOtherPrice", notFixed));
        String couponName = couponNames(ci(o, "CouponModelList"));
        if (shopCoupon > 0) {
            long left = shopCoupon;
            // TaxSummaryModelList (version ≥ 3) says which rate each coupon yen came off; else the 10% group
            for (JsonNode t : ci(o, "TaxSummaryModelList")) {
                long c = Math.min(left, Math.max(0, ci(t, "couponPrice").asLong(0)));
                if (c > 0) {
                    b.discount(new NewDiscount(DiscountKind.COUPON, couponName, c,
                            taxRate(ci(t, "taxRate"), "TaxSummaryModelList.taxRate"), true));
                    left -= c;
                }
            }
            if (left > 0) {
                b.discount(new NewDiscount(DiscountKind.COUPON, couponName, left,
                        anyStandard ? TaxRate.STANDARD_10 : firstRate, true));
            }
        }
        if (mallCoupon > 0) {
            b.discount(new NewDiscount(DiscountKind.MALL_COUPON, "楽天負担クーポン", mallCoupon, TaxRate.STANDARD_10, true));
        }
        b.pointsUsed(Math.max(0, ci(ci(o, "PointModel"), "usedPoint").asLong(0)));

        long total = amount(o, "totalPrice", "totalPrice", notFixed);
        if (notFixed.isEmpty()) {
            // totalPrice (合計金額) = goods + fees, before coupons and points; ours is after shop coupons
            b.channelGrandTotal(total - shopCoupon);
        } else {
            b.tag(AMOUNT_NOT_FIXED_TAG);
        }

        JsonNode settlement = ci(o, "SettlementModel");
        b.payment(paymentMethod(text(settlement, "settlementMethod")), null);

        String remarks = text(o, "remarks");
        b.remarks(customerRemarks(remarks));
        LocalDate date = date(o, "deliveryDate");
        String slotText = shippingTerm(ci(o, "shippingTerm").asInt(0));
        boolean gift = ci(o, "WrappingModel1").isObject() || ci(o, "WrappingModel2").isObject();
        if (date != null || slotText != null || gift || noshi != null) {
            b.delivery(new DeliveryRequest(date, DeliveryTimeSlot.normalise(slotText), slotText, gift, noshi));
        }
        b.cancelled(ci(o, "orderProgress").asInt(0) == CANCELLED);
        return b.build();
    }

    /** The fields whose amounts are -9999 (empty = everything fixed): for the connector's waiting list. */
    static boolean amountsFixed(JsonNode o) {
        List<String> notFixed = new ArrayList<>();
        for (String f : List.of("totalPrice", "postagePrice", "deliveryPrice", "paymentCharge", "requestPrice")) {
            amount(o, f, f, notFixed);
        }
        for (JsonNode pkg : ci(o, "PackageModelList")) {
            amount(pkg, "postagePrice", "postagePrice", notFixed);
            amount(pkg, "deliveryPrice", "deliveryPrice", notFixed);
        }
        return notFixed.isEmpty();
    }

    static String orderNumber(JsonNode o) {
        String n = text(o, "orderNumber");
        if (n == null) {
            throw new RakutenPayloadException("orderNumber", "missing");
        }
        return n;
    }

    // ------------------------------------------------------------------ pieces

    /** variantId of the first SKU model; the same as the manageNumber (or none) = no sub code (RMS: a SKU-less item). */
    private static String subCode(JsonNode item, String manageNumber) {
        JsonNode skus = ci(item, "SkuModelList");
        String variant = skus.isArray() && !skus.isEmpty() ? text(skus.get(0), "variantId") : null;
        if (variant == null || variant.equalsIgnoreCase(manageNumber)) {
            return "";
        }
        return variant;
    }

    private static Address address(JsonNode m) {
        String z1 = text(m, "zipCode1");
        String z2 = text(m, "zipCode2");
        String zip = z1 == null && z2 == null ? null : (z1 == null ? "" : z1) + "-" + (z2 == null ? "" : z2);
        return new Address(zip, text(m, "prefecture"), text(m, "city"), text(m, "subAddress"), null);
    }

    private static String name(JsonNode m) {
        return join(text(m, "familyName"), text(m, "firstName"), " ");
    }

    private static String kana(JsonNode m) {
        return join(text(m, "familyNameKana"), text(m, "firstNameKana"), " ");
    }

    /** Phone in three parts (any may be null) → 03-1234-5678. */
    private static String phone(JsonNode m) {
        List<String> parts = new ArrayList<>();
        for (String f : List.of("phoneNumber1", "phoneNumber2", "phoneNumber3")) {
            String p = text(m, f);
            if (p != null) {
                parts.add(p);
            }
        }
        return parts.isEmpty() ? null : String.join("-", parts);
    }

    private static String join(String a, String b, String sep) {
        if (a == null && b == null) {
            return null;
        }
        return ((a == null ? "" : a) + sep + (b == null ? "" : b)).strip();
    }

    /** taxRate is a fraction: 0.1 → 10%, 0.08 → 8%; anything else is refused (naming the field). */
    static TaxRate taxRate(JsonNode n, String field) {
        if (n.isMissingNode() || n.isNull()) {
            return TaxRate.STANDARD_10;
        }
        BigDecimal r;
        try {
            r = n.isNumber() ? n.decimalValue() : new BigDecimal(n.asString().strip());
        } catch (NumberFormatException e) {
            throw new RakutenPayloadException(field, "not a number");
        }
        if (r.compareTo(new BigDecimal("0.1")) == 0) {
            return TaxRate.STANDARD_10;
        }
        if (r.compareTo(new BigDecimal("0.08")) == 0) {
            return TaxRate.REDUCED_8;
        }
        throw new RakutenPayloadException(field, "tax rate " + r.toPlainString() + " is neither 0.1 nor 0.08");
    }

    /** settlementMethod (決済方法名) → 支払い方法. */
    static PaymentMethod paymentMethod(String name) {
        if (name == null || name.isBlank()) {
            return PaymentMethod.OTHER;
        }
        String n = name.toLowerCase(Locale.ROOT);
        if (n.contains("代金引換") || n.contains("代引")) {
            return PaymentMethod.COD;
        }
        if (n.contains("クレジット") || n.contains("カード")) {
            return PaymentMethod.CARD;
        }
        if (n.contains("銀行") || n.contains("振込")) {
            return PaymentMethod.BANK_TRANSFER;
        }
        if (n.contains("後払")) {
            return PaymentMethod.DEFERRED;
        }
        if (n.contains("コンビニ") || n.contains("前払") || n.contains("ローソン") || n.contains("セブン")
                || n.contains("ファミリーマート")) {
            return PaymentMethod.CONVENIENCE_STORE;
        }
        if (n.contains("キャリア") || n.contains("ドコモ") || n.contains("au ") || n.contains("ソフトバンク")) {
            return PaymentMethod.CARRIER_BILLING;
        }
        if (n.contains("apple pay") || n.contains("楽天") || n.contains("ポイント") || n.contains("paypay")
                || n.contains("edy") || n.contains("google pay")) {
            return PaymentMethod.POINTS_OR_ID;
        }
        return PaymentMethod.OTHER;
    }

    /**
     * shippingTerm (お届け時間帯): 0 = none, 1 = 午前, 2 = 午後, 9 = その他, h1h2 = h1時-h2時 (e.g. 1416 = 14-16時) — RMS
     * getOrder field table. Answers the text the intake normalises.
     */
    static String shippingTerm(int term) {
        if (term <= 0) {
            return null;
        }
        return switch (term) {
            case 1 -> "午前中";
            case 2 -> "午後";
            case 9 -> null;
            default -> {
                if (term >= 700 && term <= 2424) {
                    int from = term / 100;
                    int to = term % 100;
                    yield "%02d:00-%02d:00".formatted(from, to);
                }
                yield null;
            }
        };
    }

    /**
     * The buyer's own remarks: RMS writes the chosen delivery date into the remarks as a {@code [配送日時指定:]} block,
     * which we read from {@code deliveryDate}/{@code shippingTerm} instead — only the rest is the buyer's note.
     */
    static String customerRemarks(String remarks) {
        if (remarks == null) {
            return null;
        }
        StringBuilder kept = new StringBuilder();
        boolean skipping = false;
        for (String line : remarks.split("\\R")) {
            String t = line.strip();
            if (t.startsWith("[") && t.endsWith(":]")) {
                skipping = t.equals("[配送日時指定:]");
                if (skipping || t.equals("[ご要望:]")) {
                    continue;
                }
            }
            if (!skipping) {
                kept.append(kept.isEmpty() ? "" : "\n").append(line);
            }
        }
        String s = kept.toString().strip();
        return s.isEmpty() ? null : s;
    }

    private static String couponNames(JsonNode coupons) {
        List<String> names = new ArrayList<>();
        coupons.forEach(c -> {
            String n = text(c, "couponName");
            if (n != null && !names.contains(n)) {
                names.add(n);
            }
        });
        return names.isEmpty() ? "楽天 店舗クーポン" : String.join(",", names);
    }

    // ------------------------------------------------------------------ JSON helpers

    /** A property of an object, any case. */
    static JsonNode ci(JsonNode node, String name) {
        if (node == null || !node.isObject()) {
            return MissingNode.getInstance();
        }
        JsonNode exact = node.get(name);
        if (exact != null) {
            return exact;
        }
        for (var e : node.properties()) {
            if (e.getKey().equalsIgnoreCase(name)) {
                return e.getValue();
            }
        }
        return MissingNode.getInstance();
    }

    static String text(JsonNode n, String field) {
        JsonNode v = ci(n, field);
        if (v.isMissingNode() || v.isNull()) {
            return null;
        }
        String s = v.isString() ? v.asString() : v.toString();
        return s.isBlank() ? null : s.strip();
    }

    /** An amount in yen; absent = 0; -9999 = not fixed: 0 and the field noted in {@code notFixed}. */
    private static long amount(JsonNode n, String name, String field, List<String> notFixed) {
        JsonNode v = ci(n, name);
        if (v.isMissingNode() || v.isNull()) {
            return 0;
        }
        long value = yen(n, name, field);
        if (value == NOT_FIXED) {
            notFixed.add(field);
            return 0;
        }
        return value;
    }

    private static long yen(JsonNode n, String name, String field) {
        JsonNode v = ci(n, name);
        if (v.isMissingNode() || v.isNull()) {
            throw new RakutenPayloadException(field, "missing");
        }
        try {
            BigDecimal d = v.isNumber() ? v.decimalValue() : new BigDecimal(v.asString().strip());
            return d.longValueExact();
        } catch (ArithmeticException | NumberFormatException e) {
            throw new RakutenPayloadException(field, "not a whole yen amount");
        }
    }

    private static Instant time(JsonNode o, String field) {
        String t = text(o, field);
        if (t == null) {
            throw new RakutenPayloadException(field, "missing");
        }
        try {
            return OffsetDateTime.parse(t, RMS_TIME).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return OffsetDateTime.parse(t).toInstant();
            } catch (DateTimeParseException e2) {
                throw new RakutenPayloadException(field, "not yyyy-MM-ddTHH:mm:ss+0900");
            }
        }
    }

    private static LocalDate date(JsonNode o, String field) {
        String t = text(o, field);
        if (t == null) {
            return null;
        }
        try {
            return LocalDate.parse(t.length() > 10 ? t.substring(0, 10) : t);
        } catch (DateTimeParseException e) {
            return null; // a date the intake cannot read: the remarks check sees the original
        }
    }
}
