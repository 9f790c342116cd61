package dev.ichigen.documents;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import dev.ichigen.fulfillment.Shipment;
import dev.ichigen.fulfillment.Shipments;
import dev.ichigen.inventory.PickAssignment;
import dev.ichigen.shared.Gtin;
import dev.ichigen.warehouse.PickList;
import dev.ichigen.warehouse.PickPlan;
import dev.ichigen.warehouse.PickPlanning;

/**
 * ピッキングリスト as PDF, from the warehouse module's plans (this module reads them; the warehouse module knows
 * nothing of PDFs):
 * <ul>
 * <li>{@link #batch} — トータルピッキング: the picks of several shipments summed per location, SKU and lot, in
 * location walk order (未棚入れ last), exactly as {@link PickPlanning#pickList} sorts them;</li>
 * <li>{@link #single} — one shipment's picks, in walk order, with the shipment key as a Code128 barcode on top.</li>
 * </ul>
 * Each line prints location, SKU, name, lot / expiry, quantity and a barcode of the item: its JAN as EAN-13 when the
 * product has a valid one (what 出荷検品 scans), else the SKU as Code128. Shipments flagged 引当不足 are listed at the
 * top: their missing quantity is not on the list.
 */
@Service
public class PickingLists {

    private static final Logger log = LoggerFactory.getLogger(PickingLists.class);
    private static final ZoneId JAPAN = ZoneId.of("Asia/Tokyo");
    private static final DateTimeFormatter PRINTED = DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm");

    private final PickPlanning planning;
    private final Shipments shipments;
    private final ShopProfiles profiles;
    private final PdfDocuments pdf;
    private final Clock clock;

    PickingLists(PickPlanning planning, Shipments shipments, ShopProfiles profiles, PdfDocuments pdf, Clock clock) {
        this.planning = planning;
        this.shipments = shipments;
        this.profiles = profiles;
        this.pdf = pdf;
        this.clock = clock;
    }

    /** One printed line: where, what, which lot, how many, its barcode, and (batch only) the shipments it serves. */
    public record Row(int no, String location, String sku, String name, String lot, String expiry, long quantity,
            String barcode, String barcodeText, String shipments) {
    }

    /** A flagged (引当不足) shipment and why. */
    public record Flag(String shipment, String message) {
    }

    /** トータルピッキング of the shipments given (keys or ids), or of every INSTRUCTED shipment of {@code warehouse}. */
    public RenderedPdf batch(List<String> shipmentKeys, String warehouse) {
        PickList list = planning.pickList(shipmentKeys, warehouse);
        PdfDocuments.Printer p = pdf.printer();
        List<Row> rows = new ArrayList<>();
        for (PickList.Row r : list.rows()) {
            rows.add(row(p, rows.size() + 1, r.location(), r.sku(), r.name(), r.jan(), r.lotNo(), r.expiryDate(), r.quantity(),
                    String.join(" ", r.shipments())));
        }
        Map<String, Object> model = model(p, "トータルピッキングリスト");
        model.put("warehouse", list.warehouse() == null ? "" : p.text("warehouse", list.warehouse()));
        model.put("shipmentCount", list.shipments().size());
        model.put("shipmentKeys", String.join(" ", list.shipments()));
        model.put("batch", true);
        model.put("shipmentBarcode", null);
        model.put("shipmentKey", null);
        model.put("rows", rows);
        model.put("total", rows.stream().mapToLong(Row::quantity).sum());
        model.put("flags", list.flagged().stream().map(f -> new Flag(f.shipment(), p.text("flag.message", f.message()))).toList());
        String name = list.warehouse() == null ? "picking-list.pdf" : "picking-list-" + list.warehouse() + ".pdf";
        return finish(p, model, name, "batch " + list.shipments().size() + " shipments");
    }

    /** The pick list of one shipment (key S000123 or id), its picks in walk order. */
    public RenderedPdf single(String shipmentKey) {
        PickPlan plan = planning.plan(shipmentKey);
        Shipment s = shipments.get(plan.shipmentKey());
        Map<String, String> jans = new HashMap<>();
        s.lines().forEach(l -> {
            if (l.jan() != null) {
                jans.putIfAbsent(l.sku(), l.jan());
            }
        });
        Map<String, String> names = new HashMap<>();
        s.lines().forEach(l -> names.putIfAbsent(l.sku(), l.name()));
        record Item(PickAssignment.Pick pick, String name) {
        }
        List<Item> items = new ArrayList<>();
        for (PickPlan.Line l : plan.lines()) {
            // a set line's picks are its components: their own names, not the set's
            l.picks().forEach(pk -> items.add(new Item(pk, pk.sku().value().equals(l.sku()) ? l.name()
                    : names.getOrDefault(pk.sku().value(), pk.sku().value()))));
        }
        items.sort(Comparator.comparing((Item i) -> i.pick().walkOrder() == null ? Integer.MAX_VALUE : i.pick().walkOrder())
                .thenComparing(i -> i.pick().location() == null ? "" : i.pick().location())
                .thenComparing(i -> i.pick().sku().value())
                .thenComparing(i -> i.pick().expiryDate() == null ? LocalDate.MAX : i.pick().expiryDate()));
        PdfDocuments.Printer p = pdf.printer();
        List<Row> rows = new ArrayList<>();
        for (Item i : items) {
            PickAssignment.Pick pk = i.pick();
            rows.add(row(p, rows.size() + 1, pk.location(), pk.sku().value(), i.name(), jans.get(pk.sku().value()), pk.lotNo(),
                    pk.expiryDate(), pk.quantity(), ""));
        }
        Map<String, Object> model = model(p, "ピッキングリスト");
        model.put("warehouse", plan.warehouse() == null ? "" : p.text("warehouse", plan.warehouse()));
        model.put("shipmentCount", 1);
        model.put("shipmentKeys", plan.shipmentKey());
        model.put("batch", false);
        model.put("shipmentBarcode", Barcodes.code128DataUri(plan.shipmentKey()));
        model.put("shipmentKey", plan.shipmentKey());
        model.put("rows", rows);
        model.put("total", rows.stream().mapToLong(Row::quantity).sum());
        model.put("flags", plan.complete() ? List.of() : List.of(new Flag(plan.shipmentKey(), p.text("flag.message", plan.message()))));
        return finish(p, model, "picking-list-" + plan.shipmentKey() + ".pdf", plan.shipmentKey());
    }

    private static Row row(PdfDocuments.Printer p, int no, String location, String sku, String name, String jan, String lotNo,
            LocalDate expiry, long quantity, String shipmentKeys) {
        boolean ean = jan != null && jan.length() == 13 && Gtin.problem(jan) == null;
        String barcode = ean ? Barcodes.ean13DataUri(jan) : Barcodes.code128DataUri(sku);
        return new Row(no, location == null ? "未棚入れ" : p.text("line." + sku + ".location", location), p.text("line.sku", sku),
                p.text("line." + sku + ".name", name), lotNo == null ? "" : p.text("line." + sku + ".lot", lotNo),
                expiry == null ? "" : expiry.toString(), quantity, barcode, ean ? jan : sku, shipmentKeys);
    }

    private Map<String, Object> model(PdfDocuments.Printer p, String title) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("title", title);
        model.put("shopName", p.text("shop.name", profiles.get().shopName()));
        model.put("printedAt", PRINTED.format(clock.instant().atZone(JAPAN)));
        return model;
    }

    private RenderedPdf finish(PdfDocuments.Printer p, Map<String, Object> model, String fileName, String what) {
        List<UnprintableCharacter> unprintable = p.unprintable();
        model.put("unprintable", unprintable.stream().map(UnprintableCharacter::code).distinct().collect(Collectors.joining(" ")));
        if (!unprintable.isEmpty()) {
            log.warn("ピッキングリスト {}: characters the font lacks printed as 〓: {}", what,
                    unprintable.stream().map(u -> u.code() + " (" + u.field() + ")").distinct().collect(Collectors.joining(", ")));
        }
        return new RenderedPdf(fileName, pdf.render("picking-list", model), unprintable);
    }
}
