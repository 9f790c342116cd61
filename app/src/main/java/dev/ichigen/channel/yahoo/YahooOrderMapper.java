package dev.ichigen.channel.yahoo;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

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

/**
 * Yahoo!ショッピング 注文詳細API {@code orderInfo} {@code <OrderInfo>} → {@link NewOrder}: a pure function, no database, no
 * Spring. Mapping table in docs/CONNECTORS.md (reference: yahoo/orderInfo-response-fields.csv, -skeleton.xml).
 *
 * <p>{@code Pay/Bill*} is the orderer (注文者), {@code Ship/Ship*} the recipient (お届け先). {@code ItemTaxRatio} is a
 * percent (10 / 8). {@code Detail/Discount} (ストアクーポン等の値引き) lowers the taxable amount; {@code UsePoint} is a
 * means of payment; {@code Detail/TotalPrice} is after points, so the channel grand total we compare is
 * {@code TotalPrice + UsePoint}. {@code OrderStatus 4} = キャンセル (yahoo/order-status-codes.csv).
 */
final class YahooOrderMapper {

    /** OrderStatus 4 = キャンセル (yahoo/order-status-codes.csv). */
    static final String CANCELLED = "4";

    private YahooOrderMapper() {
    }

    static NewOrder map(long channelId, Element o) {
        String number = orderNumber(o);
        NewOrder.Builder b = NewOrder.builder(channelId, number);
        b.orderName(number);
        b.orderedAt(time(o, "OrderTime"));

        Element pay = child(o, "Pay");
        Element ship = child(o, "Ship");
        Element detail = child(o, "Detail");
        if (pay == null) {
            throw new YahooPayloadException("Pay", "missing");
        }
        b.customer(new Customer(join(text(pay, "BillLastName"), text(pay, "BillFirstName")),
                join(text(pay, "BillLastNameKana"), text(pay, "BillFirstNameKana")), text(pay, "BillMailAddress"),
                phone(text(pay, "BillPhoneNumber"))));
        b.ordererAddress(address(pay, "Bill"));
        if (ship != null && (text(ship, "ShipLastName") != null || text(ship, "ShipZipCode") != null)) {
            b.destination(new NewDestination("1", join(text(ship, "ShipLastName"), text(ship, "ShipFirstName")),
                    join(text(ship, "ShipLastNameKana"), text(ship, "ShipFirstNameKana")), phone(text(ship, "ShipPhoneNumber")),
                    null, address(ship, "Ship")));
        }

        List<Element> items = children(o, "Item");
        if (items.isEmpty()) {
            throw new YahooPayloadException("Item", "no items");
        }
        boolean anyStandard = false;
        TaxRate firstRate = null;
        for (int i = 0; i < items.size(); i++) {
            Element it = items.get(i);
            String f = "Item[" + i + "]";
            String itemId = text(it, "ItemId");
            if (itemId == null) {
                throw new YahooPayloadException(f + ".ItemId", "missing");
            }
            long quantity = yen(it, "Quantity", f + ".Quantity");
            TaxRate rate = taxRate(text(it, "ItemTaxRatio"), f + ".ItemTaxRatio");
            firstRate = firstRate == null ? rate : firstRate;
            anyStandard |= rate == TaxRate.STANDARD_10;
            String sub = text(it, "SubCode");
            String lineKey = text(it, "LineId") != null ? text(it, "LineId") : String.valueOf(i + 1);
            String title = text(it, "Title") == null ? itemId : text(it, "Title");
            b.line(new NewOrderLine(lineKey, "1", itemId, sub == null ? "" : sub, null, title, quantity,
                    yen(it, "UnitPrice", f + ".UnitPrice"), rate, true));
        }

        long shipping = amount(detail, "ShipCharge", "Detail.ShipCharge");
        long cod = amount(detail, "PayCharge", "Detail.PayCharge"); // 手数料 (代引手数料 etc.)
        long wrap = amount(detail, "GiftWrapCharge", "Detail.GiftWrapCharge");
        b.charges(new Charges(shipping, cod, wrap, true));

        long discount = Math.max(0, amount(detail, "Discount", "Detail.Discount"));
        if (discount > 0) {
            b.discount(new NewDiscount(DiscountKind.COUPON, "Yahoo! ストアクーポン", discount,
                    anyStandard ? TaxRate.STANDARD_10 : firstRate, true));
        }
        long points = Math.max(0, amount(detail, "UsePoint", "Detail.UsePoint"));
        b.pointsUsed(points);
        if (detail != null && text(detail, "TotalPrice") != null) {
            b.channelGrandTotal(yen(detail, "TotalPrice", "Detail.TotalPrice") + points);
        }

        String methodName = text(pay, "PayMethodName");
        b.payment(paymentMethod(text(pay, "PayMethod"), methodName),
                null);

        b.remarks(text(o, "BuyerComments"));
        if (ship != null) {
            LocalDate date = date(text(ship, "ShipRequestDate"));
            String slot = text(ship, "ShipRequestTime");
            boolean gift = "true".equalsIgnoreCase(text(ship, "NeedGiftWrap"));
            String noshi = noshi(text(ship, "GiftWrapName"));
            if (date != null || slot != null || gift || noshi != null) {
                b.delivery(new DeliveryRequest(date, DeliveryTimeSlot.normalise(slot), slot, gift, noshi));
            }
        }
        b.cancelled(CANCELLED.equals(text(o, "OrderStatus")) || "false".equalsIgnoreCase(text(o, "IsActive")));
        return b.build();
    }

    static String orderNumber(Element o) {
        String n = text(o, "OrderId");
        if (n == null) {
            throw new YahooPayloadException("OrderId", "missing");
        }
        return n;
    }

    // ------------------------------------------------------------------ pieces

    /** ItemTaxRatio is a percent: 10 → 10%, 8 → 8%; absent = 10%; anything else is refused (naming the field). */
    static TaxRate taxRate(String text, String field) {
        if (text == null) {
            return TaxRate.STANDARD_10;
        }
        return switch (text.strip()) {
            case "10" -> TaxRate.STANDARD_10;
            case "8" -> TaxRate.REDUCED_8;
            default -> throw new YahooPayloadException(field, "tax rate " + text.strip() + " is neither 10 nor 8");
        };
    }

    /**
     * PayMethod code (payment_a1 = クレジットカード, payment_b1 = 商品代引, payment_d1 = 銀行振込, payment_a8 = コンビニ …)
     * and its name → 支払い方法; the name decides when the code is not one we know.
     */
    static PaymentMethod paymentMethod(String code, String name) {
        if (code != null) {
            switch (code.strip()) {
                case "payment_a1" -> {
                    return PaymentMethod.CARD;
                }
                case "payment_b1" -> {
                    return PaymentMethod.COD;
                }
                case "payment_d1" -> {
                    return PaymentMethod.BANK_TRANSFER;
                }
                case "payment_a8" -> {
                    return PaymentMethod.CONVENIENCE_STORE;
                }
                case "payment_a17" -> {
                    return PaymentMethod.POINTS_OR_ID;
                }
                case "payment_a19" -> {
                    return PaymentMethod.DEFERRED;
                }
                default -> {
                }
            }
        }
        if (name == null || name.isBlank()) {
            return PaymentMethod.OTHER;
        }
        String n = name.toLowerCase(Locale.ROOT);
        if (n.contains("代引") || n.contains("代金引換")) {
            return PaymentMethod.COD;
        }
        if (n.contains("paypayクレジット") || n.contains("後払")) {
            return PaymentMethod.DEFERRED;
        }
        if (n.contains("クレジット") || n.contains("カード")) {
            return PaymentMethod.CARD;
        }
        if (n.contains("銀行") || n.contains("振込")) {
            return PaymentMethod.BANK_TRANSFER;
        }
        if (n.contains("コンビニ") || n.contains("前払")) {
            return PaymentMethod.CONVENIENCE_STORE;
        }
        if (n.contains("キャリア") || n.contains("ドコモ") || n.contains("ソフトバンク")) {
            return PaymentMethod.CARRIER_BILLING;
        }
        if (n.contains("paypay") || n.contains("ポイント")) {
            return PaymentMethod.POINTS_OR_ID;
        }
        return PaymentMethod.OTHER;
    }

    /** GiftWrapName "のし（御祝）" → 御祝; any other wrapping name is not a のし. */
    static String noshi(String giftWrapName) {
        if (giftWrapName == null || !giftWrapName.startsWith("のし")) {
            return null;
        }
        String s = giftWrapName.substring(2).replaceAll("^[（(:：\\s]+|[）)\\s]+$", "");
        return s.isEmpty() ? "のし" : s;
    }

    /** 7 digits without hyphen (Yahoo!) → 123-4567. */
    static String zip(String z) {
        if (z == null) {
            return null;
        }
        String d = z.replace("-", "").strip();
        return d.length() == 7 ? d.substring(0, 3) + "-" + d.substring(3) : z.strip();
    }

    /**
     * Phone digits without hyphens (Yahoo!) → hyphenated: 携帯/IP (0[5789]0) 3-4-4, 東京・大阪 (03/06) 2-4-4, フリーダイヤル
     * 0120 4-3-3, other landlines 3-3-4 (市外局番 lengths vary; the digits are kept whole).
     */
    static String phone(String p) {
        if (p == null) {
            return null;
        }
        String d = p.replace("-", "").strip();
        if (!d.matches("\\d{10,11}")) {
            return p.strip();
        }
        if (d.length() == 11) {
            return d.substring(0, 3) + "-" + d.substring(3, 7) + "-" + d.substring(7);
        }
        if (d.startsWith("03") || d.startsWith("06")) {
            return d.substring(0, 2) + "-" + d.substring(2, 6) + "-" + d.substring(6);
        }
        if (d.startsWith("0120")) {
            return d.substring(0, 4) + "-" + d.substring(4, 7) + "-" + d.substring(7);
        }
        return d.substring(0, 3) + "-" + d.substring(3, 6) + "-" + d.substring(6);
    }

    private static Address address(Element m, String prefix) {
        return new Address(zip(text(m, prefix + "ZipCode")), text(m, prefix + "Prefecture"), text(m, prefix + "City"),
                text(m, prefix + "Address1"), text(m, prefix + "Address2"));
    }

    private static String join(String a, String b) {
        if (a == null && b == null) {
            return null;
        }
        return ((a == null ? "" : a) + " " + (b == null ? "" : b)).strip();
    }

    private static long amount(Element n, String name, String field) {
        if (n == null || text(n, name) == null) {
            return 0;
        }
        return yen(n, name, field);
    }

    private static long yen(Element n, String name, String field) {
        String v = text(n, name);
        if (v == null) {
            throw new YahooPayloadException(field, "missing");
        }
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new YahooPayloadException(field, "not a whole number");
        }
    }

    private static Instant time(Element o, String field) {
        String t = text(o, field);
        if (t == null) {
            throw new YahooPayloadException(field, "missing");
        }
        try {
            return OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeParseException e) {
            throw new YahooPayloadException(field, "not yyyy-MM-ddTHH:mm:ss+09:00");
        }
    }

    private static LocalDate date(String t) {
        if (t == null) {
            return null;
        }
        try {
            String d = t.replace("/", "-");
            return d.matches("\\d{8}") ? LocalDate.parse(d, java.time.format.DateTimeFormatter.BASIC_ISO_DATE)
                    : LocalDate.parse(d.length() > 10 ? d.substring(0, 10) : d);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    // ------------------------------------------------------------------ XML helpers

    /**
     * Parses an answer with the JDK's parser, DOCTYPEs refused and external entities off (XXE: OWASP XML External Entity
     * Prevention Cheat Sheet, JAXP DocumentBuilderFactory).
     */
    static Element parse(byte[] xml) throws IOException, SAXException {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            f.setNamespaceAware(false);
            DocumentBuilder builder = f.newDocumentBuilder();
            builder.setErrorHandler(null);
            return builder.parse(new ByteArrayInputStream(xml)).getDocumentElement();
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
    }

    static Element child(Element e, String name) {
        if (e == null) {
            return null;
        }
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element c && c.getTagName().equals(name)) {
                return c;
            }
        }
        return null;
    }

    static List<Element> children(Element e, String name) {
        List<Element> list = new ArrayList<>();
        if (e != null) {
            for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n instanceof Element c && c.getTagName().equals(name)) {
                    list.add(c);
                }
            }
        }
        return list;
    }

    /** The stripped text of a direct child; empty or absent = null. */
    static String text(Element e, String name) {
        Element c = child(e, name);
        if (c == null) {
            return null;
        }
        String s = c.getTextContent();
        return s == null || s.isBlank() ? null : s.strip();
    }
}
