package dev.ichigen.documents;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import dev.ichigen.fulfillment.Shipment;
import dev.ichigen.fulfillment.Shipments;
import dev.ichigen.order.Address;
import dev.ichigen.order.Charges;
import dev.ichigen.order.Destination;
import dev.ichigen.order.NewDiscount;
import dev.ichigen.order.Order;
import dev.ichigen.order.OrderLine;
import dev.ichigen.order.OrderManagement;
import dev.ichigen.order.OrderTotals;
import dev.ichigen.order.ShipmentGrouping;
import dev.ichigen.order.TaxSummary;
import dev.ichigen.shared.TaxRate;

/**
 * 納品書 (delivery slip) of one shipment as PDF: the shop (ショップ情報, logo), the recipient and the orderer, the order
 * numbers and dates of every order in the shipment (a merged shipment holds several), a Code128 barcode of the
 * shipment key (scanned at 出荷検品), the lines with ※ on 軽減税率 lines, fees, discounts, points and totals, the insert
 * flyers (同梱物, from the orders incl. rule-added ADD_FLYER ones) and the slip message.
 *
 * <p>Money: priced by the order module over the lines in this shipment ({@link SlipPricing}). An order's own amounts
 * — 送料, 代引手数料, other fees, shop discounts, points, mall coupons — are printed with the order's first shipment part
 * only, the same part that collects its 代引き (see {@code Shipments}), so a split order does not show them twice.
 *
 * <p>When the shop has a registration number the slip carries the qualified-invoice items
 * (../shared/reference/invoice/qualified-invoice-required-items.csv, 適格簡易請求書 items 1–5): the number, the
 * transaction dates, ※ with the legend 「※は軽減税率対象」, the amount per tax rate and the tax per rate, each rounded
 * down once for the document.
 *
 * <p>Characters the font lacks are printed as 〓, logged, listed at the foot of the slip and in {@link RenderedPdf}.
 */
@Service
public class DeliverySlips {

    private static final Logger log = LoggerFactory.getLogger(DeliverySlips.class);
    private static final ZoneId JAPAN = ZoneId.of("Asia/Tokyo");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy年M月d日");

    private final Shipments shipments;
    private final OrderManagement orders;
    private final ShipmentGrouping grouping;
    private final ShopProfiles profiles;
    private final PdfDocuments pdf;
    private final Clock clock;

    DeliverySlips(Shipments shipments, OrderManagement orders, ShipmentGrouping grouping, ShopProfiles profiles,
            PdfDocuments pdf, Clock clock) {
        this.shipments = shipments;
        this.orders = orders;
        this.grouping = grouping;
        this.profiles = profiles;
        this.pdf = pdf;
        this.clock = clock;
    }

    /** A printed slip line. {@code reduced}: 軽減税率 (8%), marked ※. */
    public record SlipLine(String sku, String name, long quantity, String unitPrice, String amount, String rate, boolean reduced) {
    }

    /** An amount row of the totals block (label, signed yen). */
    public record AmountRow(String label, String amount) {
    }

    /** 税率ごとの合計 row: e.g. 「10%対象」 ¥3,300, 消費税 ¥300. */
    public record TaxRow(String label, String taxable, String tax) {
    }

    /** An order in the shipment: its channel order number and order date. */
    public record OrderRef(String number, String date) {
    }

    /** The shipment {@code key} ({@code S000123}, or its bare id {@code 123}) as a 納品書 PDF; 404 when unknown. */
    public RenderedPdf render(String key) {
        Shipment s = shipments.get(normalizeKey(key));
        List<Order> members = s.orderIds().stream().map(orders::get).toList();
        Map<Long, Order> byId = members.stream().collect(Collectors.toMap(Order::id, o -> o));
        ShopProfile shop = profiles.get();
        PdfDocuments.Printer p = pdf.printer();

        // lines, priced from the order lines they come from
        List<SlipPricing.Line> priced = new ArrayList<>();
        List<SlipLine> lines = new ArrayList<>();
        boolean anyReduced = false;
        for (Shipment.Line l : s.lines()) {
            Order o = byId.get(l.orderId());
            OrderLine ol = o.lines().stream().filter(x -> x.lineNo() == l.lineNo()).findFirst().orElseThrow();
            boolean reduced = ol.taxRate() == TaxRate.REDUCED_8;
            anyReduced |= reduced;
            String name = p.text("line." + l.sku() + ".name", l.name());
            priced.add(new SlipPricing.Line(l.name(), l.quantity(), ol.unitPrice(), ol.taxRate(), ol.priceIncludesTax()));
            lines.add(new SlipLine(p.text("line.sku", l.sku()), name, l.quantity(),
                    yen(ol.unitPrice()) + (ol.priceIncludesTax() ? "" : " (税抜)"), yen(Math.multiplyExact(ol.unitPrice(), l.quantity())),
                    ol.taxRate().percent() + "%", reduced));
        }

        // order-level amounts, with each order's first part
        List<NewDiscount> discounts = new ArrayList<>();
        long shipping = 0;
        long codFee = 0;
        long otherFees = 0;
        long points = 0;
        Boolean feesIncludeTax = null;
        List<Order> carried = new ArrayList<>();
        for (Order o : members) {
            if (s.part() != firstPart(o)) {
                continue;
            }
            carried.add(o);
            discounts.addAll(o.discounts());
            Charges c = o.charges() == null ? Charges.NONE : o.charges();
            shipping += c.shippingFee();
            codFee += c.codFee();
            otherFees += c.otherFees();
            if (c.total() != 0 && feesIncludeTax == null) {
                // merged orders come from one channel and state fees on one basis; the first order's basis is used
                feesIncludeTax = c.includeTax();
            }
            points += o.totals() == null ? 0 : o.totals().pointsUsed();
        }
        OrderTotals t = SlipPricing.totals(priced, discounts, new Charges(shipping, codFee, otherFees,
                feesIncludeTax == null || feesIncludeTax), points);

        List<AmountRow> amounts = new ArrayList<>();
        amounts.add(new AmountRow("商品合計", yen(t.goodsTotal())));
        for (NewDiscount d : discounts) {
            amounts.add(new AmountRow(p.text("discount.name", d.name() == null ? d.kind().label() : d.name())
                    + (d.taxRate() == TaxRate.REDUCED_8 ? " (8%)" : ""), yen(-d.amount())));
        }
        amounts.add(new AmountRow("送料", yen(t.shippingFee())));
        if (t.codFee() != 0) {
            amounts.add(new AmountRow("代引き手数料", yen(t.codFee())));
        }
        if (t.otherFees() != 0) {
            amounts.add(new AmountRow("その他手数料", yen(t.otherFees())));
        }
        if (t.taxAdded() != 0) {
            amounts.add(new AmountRow("消費税 (外税)", yen(t.taxAdded())));
        }
        List<AmountRow> payments = new ArrayList<>();
        if (t.pointsUsed() != 0) {
            payments.add(new AmountRow("ポイント利用", yen(-t.pointsUsed())));
        }
        if (t.mallCouponTotal() != 0) {
            payments.add(new AmountRow("モール負担クーポン", yen(-t.mallCouponTotal())));
        }
        List<TaxRow> taxRows = new ArrayList<>();
        for (TaxSummary ts : t.taxSummary()) {
            taxRows.add(new TaxRow(ts.rate().percent() + "%対象" + (ts.rate() == TaxRate.REDUCED_8 ? " ※" : ""),
                    yen(ts.taxableAmount()), yen(ts.tax())));
        }

        // parties: the recipient of the shipment's lines, and the orderer
        Order first = members.getFirst();
        OrderLine firstLine = s.lines().isEmpty() ? null
                : byId.get(s.lines().getFirst().orderId()).lines().stream()
                        .filter(x -> x.lineNo() == s.lines().getFirst().lineNo()).findFirst().orElse(null);
        Destination dest = destination(byId.get(s.lines().isEmpty() ? first.id() : s.lines().getFirst().orderId()),
                firstLine == null ? null : firstLine.destination());
        Map<String, Object> recipient = new LinkedHashMap<>();
        if (dest != null) {
            recipient.put("name", p.text("recipient.name", dest.name()));
            recipient.put("company", p.text("recipient.company", dest.company()));
            recipient.put("postalCode", postal(dest.address()));
            recipient.put("address", p.text("recipient.address", addressLine(dest.address())));
            recipient.put("phone", dest.phone());
        } else {
            recipient.put("company", null);
            recipient.put("name", p.text("recipient.name", first.customer() == null ? null : first.customer().name()));
            recipient.put("postalCode", postal(first.ordererAddress()));
            recipient.put("address", p.text("recipient.address", addressLine(first.ordererAddress())));
            recipient.put("phone", first.customer() == null ? null : first.customer().phone());
        }
        Map<String, Object> orderer = new LinkedHashMap<>();
        orderer.put("name", p.text("orderer.name", first.customer() == null ? null : first.customer().name()));
        orderer.put("postalCode", postal(first.ordererAddress()));
        orderer.put("address", p.text("orderer.address", addressLine(first.ordererAddress())));

        List<OrderRef> orderRefs = members.stream()
                .map(o -> new OrderRef(p.text("order.number", o.channelOrderNumber()),
                        o.orderedAt() == null ? "" : DATE.format(o.orderedAt().atZone(JAPAN))))
                .toList();
        LinkedHashSet<String> flyers = new LinkedHashSet<>();
        members.forEach(o -> o.insertFlyers().forEach(f -> flyers.add(p.text("flyer", f))));

        Map<String, Object> shopModel = new LinkedHashMap<>();
        shopModel.put("name", p.text("shop.name", shop.shopName()));
        shopModel.put("postalCode", shop.postalCode());
        shopModel.put("address", p.text("shop.address", shop.address()));
        shopModel.put("phone", shop.phone());
        shopModel.put("email", shop.email());
        shopModel.put("message", p.text("shop.slipMessage", shop.slipMessage()));

        LocalDate shipDate = s.shippedAt() != null ? s.shippedAt().atZone(JAPAN).toLocalDate() : s.plannedShipDate();
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("shop", shopModel);
        model.put("logo", profiles.logo().map(l -> "data:" + l.contentType() + ";base64,"
                + java.util.Base64.getEncoder().encodeToString(l.data())).orElse(null));
        model.put("registrationNumber", shop.registrationNumber());
        model.put("shipmentKey", s.key());
        model.put("barcode", Barcodes.code128DataUri(s.key()));
        model.put("issueDate", DATE.format(LocalDate.now(clock.withZone(JAPAN))));
        model.put("shipDate", shipDate == null ? "" : DATE.format(shipDate));
        model.put("recipient", recipient);
        model.put("orderer", orderer);
        model.put("orders", orderRefs);
        model.put("lines", lines);
        model.put("anyReduced", anyReduced);
        model.put("amounts", amounts);
        model.put("grandTotal", yen(t.grandTotal()));
        model.put("payments", payments);
        model.put("amountToCollect", yen(t.amountToCollect()));
        model.put("codAmount", s.codAmount() == 0 ? null : yen(s.codAmount()));
        model.put("taxRows", taxRows);
        model.put("orderLevelElsewhere", carried.size() < members.size());
        model.put("flyers", List.copyOf(flyers));

        List<UnprintableCharacter> unprintable = p.unprintable();
        model.put("unprintable", unprintable.stream().map(u -> u.code()).distinct().collect(Collectors.joining(" ")));
        if (!unprintable.isEmpty()) {
            log.warn("納品書 {}: characters the font lacks printed as 〓: {}", s.key(),
                    unprintable.stream().map(u -> u.code() + " (" + u.field() + ")").distinct().collect(Collectors.joining(", ")));
        }
        byte[] bytes = pdf.render("delivery-slip", model);
        return new RenderedPdf("delivery-slip-" + s.key() + ".pdf", bytes, unprintable);
    }

    /** {@code S000123} as given; a bare number {@code 123} becomes {@code S000123}. */
    static String normalizeKey(String key) {
        String k = key == null ? "" : key.strip();
        if (!k.isEmpty() && k.chars().allMatch(Character::isDigit) && k.length() < 19) {
            return Shipment.key(Long.parseLong(k));
        }
        return k;
    }

    /** The lowest part the order has lines in: its fees, discounts and points print with that part (like its 代引き). */
    private int firstPart(Order o) {
        Map<Integer, Integer> partOf = grouping.shipmentParts(o.id());
        return o.lines().stream().filter(l -> l.sku() != null).map(l -> partOf.getOrDefault(l.lineNo(), 1))
                .min(Integer::compare).orElse(1);
    }

    private static Destination destination(Order o, String key) {
        if (o.destinations() == null || o.destinations().isEmpty()) {
            return null;
        }
        return o.destinations().stream().filter(d -> Objects.equals(d.key(), key)).findFirst().orElse(o.destinations().getFirst());
    }

    private static String postal(Address a) {
        return a == null || a.postalCode() == null ? null : "〒" + a.postalCode();
    }

    private static String addressLine(Address a) {
        if (a == null) {
            return null;
        }
        return java.util.stream.Stream.of(a.prefecture(), a.city(), a.street(), a.building()).filter(Objects::nonNull)
                .collect(Collectors.joining(" ")).strip();
    }

    static String yen(long amount) {
        return (amount < 0 ? "-¥" : "¥") + String.format("%,d", Math.abs(amount));
    }
}
