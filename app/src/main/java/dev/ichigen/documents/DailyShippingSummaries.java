package dev.ichigen.documents;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import dev.ichigen.fulfillment.Shipment;
import dev.ichigen.fulfillment.Shipments;
import dev.ichigen.order.Order;
import dev.ichigen.order.OrderManagement;
import dev.ichigen.shipping.Carrier;

/**
 * 出荷日報 (daily shipping summary) as PDF: the shipments marked shipped on one date (Japan time, 0:00–24:00 JST), per
 * carrier with the count, parcels and tracking numbers, and the grand total. For the hand-over to the drivers and the
 * day's record.
 */
@Service
public class DailyShippingSummaries {

    private static final Logger log = LoggerFactory.getLogger(DailyShippingSummaries.class);
    private static final ZoneId JAPAN = ZoneId.of("Asia/Tokyo");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy年M月d日 (E)", java.util.Locale.JAPAN);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

    private final Shipments shipments;
    private final OrderManagement orders;
    private final ShopProfiles profiles;
    private final PdfDocuments pdf;
    private final Clock clock;

    DailyShippingSummaries(Shipments shipments, OrderManagement orders, ShopProfiles profiles, PdfDocuments pdf, Clock clock) {
        this.shipments = shipments;
        this.orders = orders;
        this.profiles = profiles;
        this.pdf = pdf;
        this.clock = clock;
    }

    /** One shipped shipment in the summary. */
    public record Row(String key, String shippedAt, String orderNumbers, String recipient, String prefecture, String service,
            String cod, String trackingNumbers) {
    }

    /** One carrier's block: its label, shipment count, parcel count (tracking numbers) and rows. */
    public record CarrierBlock(String carrier, int shipments, int parcels, List<Row> rows) {
    }

    public RenderedPdf render(LocalDate date) {
        List<Shipment> shipped = shipments.shippedBetween(date.atStartOfDay(JAPAN).toInstant(),
                date.plusDays(1).atStartOfDay(JAPAN).toInstant());
        PdfDocuments.Printer p = pdf.printer();
        Map<String, List<Shipment>> byCarrier = new TreeMap<>();
        shipped.forEach(s -> byCarrier.computeIfAbsent(s.carrier() == null ? "" : s.carrier(), c -> new ArrayList<>()).add(s));
        List<CarrierBlock> blocks = new ArrayList<>();
        int parcels = 0;
        for (var e : byCarrier.entrySet()) {
            List<Row> rows = new ArrayList<>();
            int carrierParcels = 0;
            for (Shipment s : e.getValue()) {
                List<Order> members = s.orderIds().stream().map(orders::get).toList();
                Order first = members.getFirst();
                var dest = first.destinations() == null || first.destinations().isEmpty() ? null : first.destinations().getFirst();
                String name = dest != null ? dest.name() : first.customer() == null ? null : first.customer().name();
                String prefecture = dest != null && dest.address() != null ? dest.address().prefecture()
                        : first.ordererAddress() == null ? null : first.ordererAddress().prefecture();
                int n = Math.max(1, s.tracking().size());
                carrierParcels += n;
                rows.add(new Row(s.key(), s.shippedAt() == null ? "" : TIME.format(s.shippedAt().atZone(JAPAN)),
                        p.text("order.number", members.stream().map(Order::channelOrderNumber).collect(Collectors.joining(", "))),
                        p.text("recipient.name", name), p.text("recipient.prefecture", prefecture),
                        s.service() == null ? "" : s.service(), s.codAmount() == 0 ? "" : DeliverySlips.yen(s.codAmount()),
                        s.tracking().stream().map(Shipment.Tracking::trackingNumber).collect(Collectors.joining(" "))));
            }
            parcels += carrierParcels;
            Carrier c = Carrier.parse(e.getKey());
            blocks.add(new CarrierBlock(c == null ? e.getKey() : c.label(), e.getValue().size(), carrierParcels, rows));
        }
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("date", DATE.format(date));
        model.put("shopName", p.text("shop.name", profiles.get().shopName()));
        model.put("blocks", blocks);
        model.put("total", shipped.size());
        model.put("parcels", parcels);
        model.put("printedAt", DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm").format(clock.instant().atZone(JAPAN)));
        List<UnprintableCharacter> unprintable = p.unprintable();
        model.put("unprintable", unprintable.stream().map(UnprintableCharacter::code).distinct().collect(Collectors.joining(" ")));
        if (!unprintable.isEmpty()) {
            log.warn("出荷日報 {}: characters the font lacks printed as 〓: {}", date,
                    unprintable.stream().map(u -> u.code() + " (" + u.field() + ")").distinct().collect(Collectors.joining(", ")));
        }
        return new RenderedPdf("daily-shipping-summary-" + date + ".pdf", pdf.render("daily-summary", model), unprintable);
    }
}
