package dev.ichigen.fulfillment;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.ichigen.order.Address;
import dev.ichigen.order.Destination;
import dev.ichigen.order.Order;
import dev.ichigen.order.OrderLine;
import dev.ichigen.order.OrderManagement;
import dev.ichigen.platform.AuditLog;
import dev.ichigen.shared.FieldError;
import dev.ichigen.shared.InvalidInputException;
import dev.ichigen.shared.csv.CsvSource;
import dev.ichigen.shipping.Carrier;
import dev.ichigen.shipping.IssuedImport;
import dev.ichigen.shipping.IssuedTracking;
import dev.ichigen.shipping.LabelExport;
import dev.ichigen.shipping.LabelFormats;
import dev.ichigen.shipping.ParcelLabel;

/**
 * 送り状データ of shipments: the carrier's import file for the open shipments of that carrier which have no tracking
 * number yet (INSTRUCTED and PACKED — many warehouses print the label before packing), and the carrier's issued
 * data read back: tracking numbers attached by shipment key (several per shipment = 個口).
 */
@Service
public class ShipmentLabels {

    /** What an import attached: rows taken, and the refused rows (file line, column, reason). */
    public record TrackingImport(String format, int attached, int alreadyKnown, List<String> shipmentKeys, List<FieldError> errors) {
    }

    private final JdbcClient jdbc;
    private final Shipments shipments;
    private final OrderManagement orders;
    private final LabelFormats formats;
    private final FulfillmentSettingsStore settings;
    private final AuditLog audit;
    private final Clock clock;

    ShipmentLabels(JdbcClient jdbc, Shipments shipments, OrderManagement orders, LabelFormats formats,
            FulfillmentSettingsStore settings, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.shipments = shipments;
        this.orders = orders;
        this.formats = formats;
        this.settings = settings;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * The label file(s) for the open shipments of the format's carrier without a tracking number ({@code status}
     * INSTRUCTED or PACKED narrows it; {@code null} = both). Parcels that cannot go are in the result's problems.
     */
    @Transactional(readOnly = true)
    public LabelExport export(String format, ShipmentStatus status) {
        LabelFormats.Format f = formats.formats().stream().filter(x -> x.id().equals(format)).findFirst()
                .orElseThrow(() -> new InvalidInputException("format", "送り状の形式 " + format + " はありません"));
        if (status != null && !status.open()) {
            throw new InvalidInputException("status", "出荷指示済（INSTRUCTED）か検品済（PACKED）を指定してください");
        }
        FulfillmentSettings conf = settings.get();
        if (conf.senderName() == null || conf.senderPhone() == null || conf.senderPostalCode() == null || conf.senderStreet() == null) {
            throw new InvalidInputException("settings", "出荷設定のご依頼主（名前・電話・郵便番号・住所）を先に登録してください");
        }
        ParcelLabel.Party sender = new ParcelLabel.Party(conf.senderName(), null, null, conf.senderPhone(), conf.senderPostalCode(),
                conf.senderPrefecture(), conf.senderCity(), conf.senderStreet(), conf.senderBuilding());
        List<ParcelLabel> parcels = new ArrayList<>();
        for (ShipmentStatus s : status == null ? List.of(ShipmentStatus.INSTRUCTED, ShipmentStatus.PACKED) : List.of(status)) {
            for (Shipment sh : shipments.list(s, 10_000)) {
                if (Carrier.parse(sh.carrier()) == f.carrier() && sh.tracking().isEmpty()) {
                    parcels.add(parcel(sh, sender));
                }
            }
        }
        parcels.sort(java.util.Comparator.comparing(ParcelLabel::shipmentKey));
        return formats.export(format, parcels, settings.account(f.carrier()));
    }

    private ParcelLabel parcel(Shipment sh, ParcelLabel.Party sender) {
        Order first = orders.get(sh.orderIds().getFirst());
        ParcelLabel.Party recipient = recipient(first, sh);
        List<String> names = sh.lines().stream().map(Shipment.Line::name).distinct().toList();
        String contents = names.size() == 1 ? names.getFirst() : names.getFirst() + " 他";
        ParcelLabel.Cool cool = ParcelLabel.Cool.valueOf(sh.cool()); // the same names: NONE, CHILLED, FROZEN
        long codTax = sh.codAmount() == 0 ? 0 : sh.codAmount() * 10 / 110; // 内消費税額等 at the standard 10 % rate
        return new ParcelLabel(sh.key(), sh.plannedShipDate(), recipient, sender, contents, sh.deliveryDate(), sh.timeSlot(), cool,
                sh.codAmount(), codTax, 1, sh.service(), null, sh.orderIds().size() > 1 ? "同梱" + sh.orderIds().size() + "件" : null);
    }

    /** The destination of the shipment's lines in its first order; the orderer when the order has no destination. */
    private static ParcelLabel.Party recipient(Order o, Shipment sh) {
        String destKey = o.lines().stream().filter(l -> sh.lines().stream().anyMatch(x -> x.orderId() == o.id() && x.lineNo() == l.lineNo()))
                .map(OrderLine::destination).filter(java.util.Objects::nonNull).findFirst().orElse(null);
        Destination d = o.destinations().stream().filter(x -> destKey == null || x.key().equals(destKey)).findFirst().orElse(null);
        if (d != null && d.address() != null) {
            Address a = d.address();
            return new ParcelLabel.Party(d.name(), d.kana(), d.company(), d.phone(), a.postalCode(), a.prefecture(), a.city(),
                    a.street(), a.building());
        }
        Address a = o.ordererAddress();
        return new ParcelLabel.Party(o.customer().name(), o.customer().kana(), null, o.customer().phone(), a.postalCode(),
                a.prefecture(), a.city(), a.street(), a.building());
    }

    /**
     * Reads the carrier's issued data and attaches each tracking number to its shipment by key. Rows with a wrong
     * check digit, without key or number (from the format), an unknown key, or a shipment that is not open
     * (cancelled, shipped) are refused with the file line; the other rows are attached. Importing a file again
     * attaches nothing new.
     */
    @Transactional
    public TrackingImport importTracking(String format, CsvSource file) {
        IssuedImport issued = formats.importIssued(format, file);
        List<FieldError> errors = new ArrayList<>(issued.errors());
        int attached = 0;
        int known = 0;
        Set<String> keys = new java.util.LinkedHashSet<>();
        for (IssuedTracking t : issued.tracking()) {
            Long id = Shipment.idOf(t.shipmentKey());
            Shipment sh = id == null ? null : shipments.load(id).orElse(null);
            if (sh == null) {
                errors.add(new FieldError("row " + t.line() + ".shipmentKey", t.line() + "行目: お客様管理番号 " + t.shipmentKey() + " の出荷はありません"));
                continue;
            }
            if (!sh.status().open()) {
                errors.add(new FieldError("row " + t.line() + ".shipmentKey", t.line() + "行目: 出荷 " + sh.key() + " は" + sh.status().label()
                        + "のため送り状番号を付けられません"));
                continue;
            }
            if (Carrier.parse(sh.carrier()) != t.carrier()) {
                errors.add(new FieldError("row " + t.line() + ".shipmentKey", t.line() + "行目: 出荷 " + sh.key() + " の配送業者は " + sh.carrier()
                        + " です（このファイルは " + t.carrier().label() + "）"));
                continue;
            }
            int n = jdbc.sql("""
                    insert into shipment_tracking (shipment_id, tracking_number, carrier, attached_at)
                    select :s, :t, :c, :now where not exists
                        (select 1 from shipment_tracking where shipment_id = :s and tracking_number = :t)""")
                    .param("s", sh.id()).param("t", t.trackingNumber()).param("c", t.carrier().name())
                    .param("now", Shipments.ts(clock.instant())).update();
            if (n == 1) {
                attached++;
                keys.add(sh.key());
            } else {
                known++;
            }
        }
        if (attached > 0) {
            audit.record("shipment.tracking", "shipment", null, "送り状番号を取込 " + attached + " 件（" + format.toLowerCase(Locale.ROOT) + "）",
                    null, keys);
        }
        return new TrackingImport(format, attached, known, List.copyOf(keys), errors);
    }
}
