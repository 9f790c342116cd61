package dev.ichigen.notification;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import dev.ichigen.fulfillment.Shipment;
import dev.ichigen.order.Order;
import dev.ichigen.order.OrderLine;
import dev.ichigen.shipping.Carrier;

/** The values of the {@link MailVariable}s for an order (and its shipment), as plain text. */
final class MailValues {

    private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy/MM/dd");

    private MailValues() {
    }

    static Map<MailVariable, String> samples() {
        Map<MailVariable, String> values = new EnumMap<>(MailVariable.class);
        for (MailVariable v : MailVariable.values()) {
            values.put(v, v.sample());
        }
        return values;
    }

    static Map<MailVariable, String> of(Order o, String shopName) {
        Map<MailVariable, String> values = new EnumMap<>(MailVariable.class);
        values.put(MailVariable.SHOP_NAME, shopName);
        values.put(MailVariable.ORDER_NUMBER, orderNumber(o));
        Instant at = o.orderedAt() != null ? o.orderedAt() : o.createdAt();
        values.put(MailVariable.ORDER_DATE, at == null ? "" : DATE.format(at.atZone(TOKYO)));
        values.put(MailVariable.ORDER_TOTAL, o.totals() == null ? "" : yen(o.totals().grandTotal()));
        List<String> items = new ArrayList<>();
        for (OrderLine l : o.lines()) {
            items.add("・" + (l.name() == null ? (l.sku() == null ? l.itemCode() : l.sku().value()) : l.name()) + " × " + l.quantity());
        }
        values.put(MailVariable.ORDER_ITEMS, String.join("\n", items));
        values.put(MailVariable.ORDER_PAYMENT_METHOD, o.paymentMethod() == null ? "" : o.paymentMethod().label());
        values.put(MailVariable.CUSTOMER_NAME, o.customer() == null || o.customer().name() == null ? "" : o.customer().name());
        values.put(MailVariable.PAYMENT_AMOUNT, o.totals() == null ? "" : yen(o.totals().amountToCollect()));
        return values;
    }

    static void putShipment(Map<MailVariable, String> values, Shipment s) {
        values.put(MailVariable.SHIPMENT_NUMBER, s.key());
        Carrier carrier = Carrier.parse(s.carrier());
        values.put(MailVariable.CARRIER_NAME, carrier != null ? carrier.label() : s.carrier() == null ? "" : s.carrier());
        List<String> numbers = new ArrayList<>();
        List<String> urls = new ArrayList<>();
        for (Shipment.Tracking t : s.tracking()) {
            numbers.add(t.trackingNumber());
            Carrier c = t.carrier() != null ? Carrier.parse(t.carrier()) : carrier;
            if (c == null && t.carrier() != null) {
                try {
                    c = Carrier.valueOf(t.carrier());
                } catch (IllegalArgumentException unknown) {
                    c = carrier;
                }
            }
            String url = t.url() != null ? t.url() : c != null ? c.trackingUrl(t.trackingNumber()) : null;
            if (url != null) {
                urls.add(url);
            }
        }
        values.put(MailVariable.TRACKING_NUMBER, String.join("\n", numbers));
        values.put(MailVariable.TRACKING_URL, String.join("\n", urls));
    }

    static String orderNumber(Order o) {
        return o.channelOrderNumber() != null && !o.channelOrderNumber().isBlank() ? o.channelOrderNumber() : String.valueOf(o.id());
    }

    static String yen(long amount) {
        return String.format("%,d円", amount);
    }
}
