package dev.ichigen.warehouse;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.ichigen.catalog.CatalogItem;
import dev.ichigen.catalog.Product;
import dev.ichigen.catalog.ProductCatalog;
import dev.ichigen.catalog.ProductManagement;
import dev.ichigen.catalog.ProductQuery;
import dev.ichigen.inventory.InventoryManagement;
import dev.ichigen.inventory.LotInfo;
import dev.ichigen.inventory.StockReference;
import dev.ichigen.inventory.Warehouse;
import dev.ichigen.inventory.WarehouseLocation;
import dev.ichigen.inventory.WarehouseManagement;
import dev.ichigen.platform.AuditLog;
import dev.ichigen.platform.CurrentActor;
import dev.ichigen.shared.ConflictException;
import dev.ichigen.shared.FieldError;
import dev.ichigen.shared.InvalidInputException;
import dev.ichigen.shared.NotFoundException;
import dev.ichigen.shared.Sku;

/**
 * 入荷・検品・棚入れ: posts a receipt in one transaction — every line checked first (errors name the line and field,
 * e.g. {@code lines[1].expiryDate}; nothing is written when any line is wrong), then the receipt and its lines are
 * stored, the good units of each line go into stock at the put-away location and lot through
 * {@link InventoryManagement#receiveInto} (ledger movement RECEIPT, so every channel sees the new quantity), and the
 * purchase order's received/damaged quantities and status are updated. Damaged units are recorded on the receipt line
 * and the PO line only: they never become stock. Idempotent by receipt key.
 */
@Service
public class Receiving {

    /** Ledger reference type of receipt movements (id = receipt key, line = receipt line number). */
    public static final String REFERENCE_TYPE = "RECEIPT";
    private static final ZoneId JAPAN = ZoneId.of("Asia/Tokyo");

    private final JdbcClient jdbc;
    private final PurchaseOrders purchaseOrders;
    private final InventoryManagement inventory;
    private final WarehouseManagement warehouses;
    private final ProductCatalog catalog;
    private final ProductManagement products;
    private final AuditLog audit;
    private final Clock clock;

    Receiving(JdbcClient jdbc, PurchaseOrders purchaseOrders, InventoryManagement inventory, WarehouseManagement warehouses,
            ProductCatalog catalog, ProductManagement products, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.purchaseOrders = purchaseOrders;
        this.inventory = inventory;
        this.warehouses = warehouses;
        this.catalog = catalog;
        this.products = products;
        this.audit = audit;
        this.clock = clock;
    }

    /** A line after checking. */
    private record Checked(int lineNo, Integer poLineNo, Sku sku, boolean lotManaged, Long expected, long counted, long damaged,
            String damageReason, String lotNo, LocalDate expiry, String location) {
    }

    @Transactional
    public Receipt post(NewReceipt command) {
        List<FieldError> errors = new ArrayList<>();
        String key = command.receiptKey() == null ? null : command.receiptKey().strip();
        if (key == null || key.isEmpty()) {
            errors.add(new FieldError("receiptKey", "is required"));
        } else if (key.length() > 100) {
            errors.add(new FieldError("receiptKey", "must be at most 100 characters"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        Optional<Receipt> existing = find(key);
        if (existing.isPresent()) {
            return existing.get().withAlreadyPosted();
        }
        PurchaseOrder po = null;
        String poNumber = blankToNull(command.purchaseOrder());
        if (poNumber != null) {
            po = purchaseOrders.lockForReceipt(poNumber, "purchaseOrder");
            if (po.status() == PurchaseOrderStatus.CLOSED) {
                throw new ConflictException("発注 " + poNumber + " は締め済みです。入荷できません");
            }
        }
        String warehouseCode = po != null ? po.warehouse() : blankToNull(command.warehouse());
        Warehouse warehouse = null;
        if (warehouseCode == null) {
            errors.add(new FieldError("warehouse", "is required for a receipt without purchase order"));
        } else {
            warehouse = warehouses.list().stream().filter(w -> w.code().equals(warehouseCode)).findFirst().orElse(null);
            if (warehouse == null) {
                errors.add(new FieldError("warehouse", "no warehouse " + warehouseCode));
            } else if (po != null && command.warehouse() != null && !command.warehouse().isBlank()
                    && !command.warehouse().strip().equals(warehouseCode)) {
                errors.add(new FieldError("warehouse", "purchase order %s is for warehouse %s".formatted(poNumber, warehouseCode)));
            }
        }
        checkLength("supplier", command.supplier(), 200, errors);
        checkLength("note", command.note(), 500, errors);
        Set<String> locationCodes = warehouse == null ? Set.of()
                : warehouses.locations(warehouse.code()).stream().filter(WarehouseLocation::active).map(WarehouseLocation::code)
                        .collect(Collectors.toSet());
        List<NewReceipt.Line> lines = command.lines() == null ? List.of() : command.lines();
        if (lines.isEmpty()) {
            errors.add(new FieldError("lines", "must contain at least one line"));
        }
        LocalDate today = clock.instant().atZone(JAPAN).toLocalDate();
        List<Checked> checked = new ArrayList<>();
        Map<Integer, Long> goodPerPoLine = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            NewReceipt.Line l = lines.get(i);
            String p = "lines[" + i + "].";
            int before = errors.size();
            Sku sku = resolveSku(l, p, errors);
            CatalogItem item = sku == null ? null : catalog.item(sku).orElse(null);
            if (sku != null && item == null) {
                errors.add(new FieldError(p + "sku", "no product " + sku));
            } else if (item != null && !item.kind().stocked()) {
                errors.add(new FieldError(p + "sku", sku + " holds no stock of its own (set or variation parent)"));
            }
            long counted = l.countedQuantity() == null ? -1 : l.countedQuantity();
            long damaged = l.damagedQuantity() == null ? 0 : l.damagedQuantity();
            if (l.countedQuantity() == null) {
                errors.add(new FieldError(p + "countedQuantity", "is required"));
            } else if (counted <= 0) {
                errors.add(new FieldError(p + "countedQuantity", "must be 1 or more"));
            }
            if (damaged < 0) {
                errors.add(new FieldError(p + "damagedQuantity", "must be 0 or more"));
            } else if (counted > 0 && damaged > counted) {
                errors.add(new FieldError(p + "damagedQuantity", "must not exceed countedQuantity (%d)".formatted(counted)));
            }
            String reason = blankToNull(l.damageReason());
            if (damaged > 0 && reason == null) {
                errors.add(new FieldError(p + "damageReason", "is required when damagedQuantity is given"));
            }
            checkLength(p + "damageReason", reason, 200, errors);
            String lotNo = blankToNull(l.lotNo());
            boolean lotManaged = item != null && item.lotManaged();
            if (lotManaged) {
                if (lotNo == null) {
                    errors.add(new FieldError(p + "lotNo", "is required: %s is lot-managed".formatted(sku)));
                } else if (lotNo.length() > 40) {
                    errors.add(new FieldError(p + "lotNo", "must be at most 40 characters"));
                }
                if (l.expiryDate() == null) {
                    errors.add(new FieldError(p + "expiryDate", "is required: %s is lot-managed".formatted(sku)));
                } else if (l.expiryDate().isBefore(today)) {
                    errors.add(new FieldError(p + "expiryDate", "%s is past: expired goods are not received into stock"
                            .formatted(l.expiryDate())));
                }
            } else if (item != null && (lotNo != null || l.expiryDate() != null)) {
                errors.add(new FieldError(p + (lotNo != null ? "lotNo" : "expiryDate"), sku + " is not lot-managed: leave lot and expiry empty"));
            }
            String location = blankToNull(l.location());
            if (location != null && warehouse != null && !locationCodes.contains(location)) {
                errors.add(new FieldError(p + "location", "no active location %s in warehouse %s".formatted(location, warehouse.code())));
            }
            Integer poLineNo = l.poLineNo();
            Long expected = l.expectedQuantity();
            if (po != null && sku != null) {
                PurchaseOrder.Line poLine = null;
                for (PurchaseOrder.Line candidate : po.lines()) {
                    if (poLineNo != null ? candidate.lineNo() == poLineNo : candidate.sku().equals(sku.value())) {
                        poLine = candidate;
                        break;
                    }
                }
                if (poLine == null) {
                    errors.add(new FieldError(p + (poLineNo != null ? "poLineNo" : "sku"), "%s is not on purchase order %s"
                            .formatted(poLineNo != null ? "line " + poLineNo : sku, poNumber)));
                } else if (!poLine.sku().equals(sku.value())) {
                    errors.add(new FieldError(p + "sku", "purchase order %s line %d is %s, not %s".formatted(poNumber, poLine.lineNo(),
                            poLine.sku(), sku)));
                } else {
                    poLineNo = poLine.lineNo();
                    long alreadyThisReceipt = goodPerPoLine.getOrDefault(poLineNo, 0L);
                    expected = Math.max(0, poLine.outstanding() - alreadyThisReceipt);
                    goodPerPoLine.merge(poLineNo, Math.max(0, counted - damaged), Long::sum);
                }
            } else if (po == null && poLineNo != null) {
                errors.add(new FieldError(p + "poLineNo", "only for a receipt against a purchase order"));
            }
            if (expected != null && expected < 0) {
                errors.add(new FieldError(p + "expectedQuantity", "must be 0 or more"));
            }
            if (errors.size() == before) {
                checked.add(new Checked(i + 1, poLineNo, sku, lotManaged, expected, counted, damaged, reason, lotNo,
                        lotManaged ? l.expiryDate() : null, location));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        // claim the key first: a concurrent post of the same key waits here and then finds it taken
        OffsetDateTime now = clock.instant().atOffset(ZoneOffset.UTC);
        var keys = new GeneratedKeyHolder();
        int inserted = jdbc.sql("""
                insert into receipt (receipt_key, purchase_order_id, warehouse_id, supplier, note, received_at, received_by)
                values (:k, :po, :w, :supplier, :note, :now, :by) on conflict do nothing""")
                .param("k", key).param("po", po == null ? null : po.id()).param("w", warehouse.id())
                .param("supplier", blankToNull(command.supplier()) != null ? command.supplier().strip() : po == null ? null : po.supplier())
                .param("note", blankToNull(command.note())).param("now", now).param("by", CurrentActor.name())
                .update(keys, "id");
        if (inserted == 0) {
            return find(key).orElseThrow().withAlreadyPosted();
        }
        long id = keys.getKey().longValue();
        for (Checked c : checked) {
            jdbc.sql("""
                    insert into receipt_line (receipt_id, line_no, po_line_no, sku, expected_quantity, counted_quantity, damaged_quantity,
                        damage_reason, lot_no, expiry_date, location_id)
                    values (:r, :no, :po, :sku, :exp, :counted, :damaged, :reason, :lot, :expiry,
                        coalesce((select id from warehouse_location where warehouse_id = :w and code = :loc), 0))""")
                    .param("r", id).param("no", c.lineNo()).param("po", c.poLineNo()).param("sku", c.sku().value())
                    .param("exp", c.expected()).param("counted", c.counted()).param("damaged", c.damaged())
                    .param("reason", c.damageReason()).param("lot", c.lotNo()).param("expiry", c.expiry())
                    .param("w", warehouse.id()).param("loc", c.location()).update();
            long good = c.counted() - c.damaged();
            if (good > 0) {
                try {
                    inventory.receiveInto(c.sku(), warehouse.code(), c.location(),
                            c.lotManaged() ? new LotInfo(c.lotNo(), c.expiry()) : null, good,
                            new StockReference(REFERENCE_TYPE, key, String.valueOf(c.lineNo())),
                            po == null ? "入荷 " + key : "入荷 " + key + "（発注 " + po.number() + "）");
                } catch (InvalidInputException e) {
                    // e.g. a known lot number with another expiry date: name the line
                    throw new InvalidInputException(e.errors().stream()
                            .map(f -> new FieldError("lines[" + (c.lineNo() - 1) + "]." + f.field(), f.message())).toList());
                }
            }
            if (po != null) {
                purchaseOrders.addReceived(po.id(), c.poLineNo(), good, c.damaged());
            }
        }
        if (po != null) {
            purchaseOrders.refreshStatus(po.id());
        }
        Receipt receipt = find(key).orElseThrow();
        long good = receipt.lines().stream().mapToLong(Receipt.Line::goodQuantity).sum();
        long damaged = receipt.lines().stream().mapToLong(Receipt.Line::damagedQuantity).sum();
        audit.record("receipt.post", "receipt", key, "入荷 %s: 良品 %d・破損 %d%s".formatted(key, good, damaged,
                po == null ? "" : "（発注 " + po.number() + "）"), null, null);
        return receipt;
    }

    /** A scanned product for the 入荷 screen: SKU, name and whether lot and expiry are needed. */
    public record ScannedItem(String sku, String name, String jan, boolean lotManaged) {
    }

    /** The stocked product a scanned code (JAN, or SKU) names; empty when none or several match. */
    @Transactional(readOnly = true)
    public Optional<ScannedItem> identify(String code) {
        if (code == null || code.isBlank()) {
            return Optional.empty();
        }
        String c = code.strip();
        List<FieldError> errors = new ArrayList<>();
        Sku sku = c.chars().allMatch(Character::isDigit)
                ? resolveSku(new NewReceipt.Line(null, c, null, null, null, null, null, null, null, null), "", errors) : null;
        if (sku == null) {
            sku = Sku.of(c);
        }
        Sku found = sku;
        return catalog.item(found).filter(i -> i.kind().stocked()).map(i -> new ScannedItem(found.value(), i.name(),
                products.find(found).map(Product::jan).map(j -> j.value()).orElse(null), i.lotManaged()));
    }

    @Transactional(readOnly = true)
    public Receipt get(String key) {
        return find(key).orElseThrow(() -> new NotFoundException("入荷 " + key + " はありません"));
    }

    @Transactional(readOnly = true)
    public Optional<Receipt> find(String key) {
        return jdbc.sql("select id from receipt where receipt_key = :k").param("k", key).query(Long.class).optional().map(this::load);
    }

    /** Receipts, newest first (of one purchase order when {@code purchaseOrder} is given). */
    @Transactional(readOnly = true)
    public List<Receipt> list(String purchaseOrder, int limit) {
        List<Long> ids = purchaseOrder == null || purchaseOrder.isBlank()
                ? jdbc.sql("select id from receipt order by id desc limit :n").param("n", limit).query(Long.class).list()
                : jdbc.sql("""
                        select r.id from receipt r join purchase_order p on p.id = r.purchase_order_id
                        where p.po_number = :po order by r.id desc limit :n""").param("po", purchaseOrder.strip()).param("n", limit)
                        .query(Long.class).list();
        return ids.stream().map(this::load).toList();
    }

    private Receipt load(long id) {
        List<Receipt.Line> lines = jdbc.sql("""
                select l.line_no, l.po_line_no, l.sku, l.expected_quantity, l.counted_quantity, l.damaged_quantity, l.damage_reason,
                       l.lot_no, l.expiry_date, wl.code
                from receipt_line l left join warehouse_location wl on wl.id = l.location_id
                where l.receipt_id = :id order by l.line_no""").param("id", id).query((rs, i) -> {
            int po = rs.getInt(2);
            Integer poLine = rs.wasNull() ? null : po;
            long exp = rs.getLong(4);
            Long expected = rs.wasNull() ? null : exp;
            return new Receipt.Line(rs.getInt(1), poLine, rs.getString(3), expected, rs.getLong(5), rs.getLong(6), rs.getString(7),
                    rs.getString(8), rs.getObject(9, LocalDate.class), rs.getString(10));
        }).list();
        return jdbc.sql("""
                select r.id, r.receipt_key, p.po_number, w.code, r.supplier, r.note, r.received_at, r.received_by
                from receipt r join warehouse w on w.id = r.warehouse_id left join purchase_order p on p.id = r.purchase_order_id
                where r.id = :id""").param("id", id)
                .query((rs, i) -> new Receipt(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getString(6), lines, rs.getObject(7, OffsetDateTime.class).toInstant(), rs.getString(8), false))
                .single();
    }

    private Sku resolveSku(NewReceipt.Line l, String p, List<FieldError> errors) {
        String sku = blankToNull(l.sku());
        if (sku != null) {
            return Sku.of(sku);
        }
        String jan = blankToNull(l.jan());
        if (jan == null) {
            errors.add(new FieldError(p + "sku", "is required (or jan)"));
            return null;
        }
        List<Product> found = products.search(new ProductQuery(jan, null, null, null, null, null), 0, 20).items().stream()
                .filter(x -> x.jan() != null && x.jan().value().equals(jan)).toList();
        if (found.isEmpty()) {
            errors.add(new FieldError(p + "jan", "no product with JAN " + jan));
            return null;
        }
        if (found.size() > 1) {
            errors.add(new FieldError(p + "jan", "JAN %s belongs to several products: give the SKU".formatted(jan)));
            return null;
        }
        return found.getFirst().sku();
    }

    private static void checkLength(String field, String value, int max, List<FieldError> errors) {
        if (value != null && value.strip().length() > max) {
            errors.add(new FieldError(field, "must be at most " + max + " characters"));
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
