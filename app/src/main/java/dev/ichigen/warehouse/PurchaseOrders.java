package dev.ichigen.warehouse;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.ichigen.catalog.CatalogItem;
import dev.ichigen.catalog.ProductCatalog;
import dev.ichigen.inventory.Warehouse;
import dev.ichigen.inventory.WarehouseManagement;
import dev.ichigen.platform.AuditLog;
import dev.ichigen.platform.CurrentActor;
import dev.ichigen.shared.ConflictException;
import dev.ichigen.shared.FieldError;
import dev.ichigen.shared.InvalidInputException;
import dev.ichigen.shared.NotFoundException;
import dev.ichigen.shared.Sku;

/**
 * 発注: purchase orders to suppliers. Status follows the receipts (OPEN → PARTIALLY_RECEIVED → RECEIVED, from the
 * good quantities received per line) until a person closes the order (CLOSED: the rest is not coming). One public
 * method = one transaction.
 */
@Service
public class PurchaseOrders {

    private static final Pattern NUMBER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,39}");

    private final JdbcClient jdbc;
    private final WarehouseManagement warehouses;
    private final ProductCatalog catalog;
    private final AuditLog audit;
    private final Clock clock;

    PurchaseOrders(JdbcClient jdbc, WarehouseManagement warehouses, ProductCatalog catalog, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.warehouses = warehouses;
        this.catalog = catalog;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional
    public PurchaseOrder create(NewPurchaseOrder command) {
        List<FieldError> errors = new ArrayList<>();
        if (command.number() != null && !command.number().isBlank() && !NUMBER.matcher(command.number().strip()).matches()) {
            errors.add(new FieldError("number", "must be 1-40 characters of A-Z a-z 0-9 _ -"));
        }
        if (command.supplier() == null || command.supplier().isBlank()) {
            errors.add(new FieldError("supplier", "is required"));
        } else if (command.supplier().strip().length() > 200) {
            errors.add(new FieldError("supplier", "must be at most 200 characters"));
        }
        if (command.note() != null && command.note().strip().length() > 500) {
            errors.add(new FieldError("note", "must be at most 500 characters"));
        }
        Warehouse warehouse = null;
        if (command.warehouse() == null || command.warehouse().isBlank()) {
            errors.add(new FieldError("warehouse", "is required"));
        } else {
            warehouse = warehouses.list().stream().filter(w -> w.code().equals(command.warehouse().strip())).findFirst().orElse(null);
            if (warehouse == null) {
                errors.add(new FieldError("warehouse", "no warehouse " + command.warehouse()));
            }
        }
        List<NewPurchaseOrder.Line> lines = command.lines() == null ? List.of() : command.lines();
        if (lines.isEmpty()) {
            errors.add(new FieldError("lines", "must contain at least one line"));
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < lines.size(); i++) {
            NewPurchaseOrder.Line l = lines.get(i);
            String prefix = "lines[" + i + "].";
            if (l.quantity() == null || l.quantity() <= 0) {
                errors.add(new FieldError(prefix + "quantity", "must be 1 or more"));
            }
            if (l.sku() == null || l.sku().isBlank()) {
                errors.add(new FieldError(prefix + "sku", "is required"));
                continue;
            }
            Optional<CatalogItem> item = catalog.item(Sku.of(l.sku().strip()));
            if (item.isEmpty()) {
                errors.add(new FieldError(prefix + "sku", "no product " + l.sku()));
            } else if (!item.get().kind().stocked()) {
                errors.add(new FieldError(prefix + "sku", l.sku() + " holds no stock of its own (set or variation parent)"));
            } else if (!seen.add(l.sku().strip())) {
                errors.add(new FieldError(prefix + "sku", "appears twice"));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        OffsetDateTime now = clock.instant().atOffset(ZoneOffset.UTC);
        String number = command.number() == null || command.number().isBlank() ? null : command.number().strip();
        if (number != null && jdbc.sql("select count(*) from purchase_order where po_number = :n").param("n", number)
                .query(Long.class).single() > 0) {
            throw new ConflictException("発注番号 " + number + " は既にあります");
        }
        var keys = new GeneratedKeyHolder();
        jdbc.sql("""
                insert into purchase_order (po_number, supplier, warehouse_id, expected_date, status, note, created_at, created_by, updated_at)
                values (:n, :supplier, :w, :expected, 'OPEN', :note, :now, :by, :now)""")
                .param("n", number != null ? number : "tmp-" + java.util.UUID.randomUUID()).param("supplier", command.supplier().strip())
                .param("w", warehouse.id()).param("expected", command.expectedDate())
                .param("note", command.note() == null || command.note().isBlank() ? null : command.note().strip())
                .param("now", now).param("by", CurrentActor.name()).update(keys, "id");
        long id = keys.getKey().longValue();
        if (number == null) {
            number = String.format("PO%06d", id);
            jdbc.sql("update purchase_order set po_number = :n where id = :id").param("n", number).param("id", id).update();
        }
        for (int i = 0; i < lines.size(); i++) {
            jdbc.sql("""
                    insert into purchase_order_line (purchase_order_id, line_no, sku, quantity, received_quantity, damaged_quantity)
                    values (:po, :no, :sku, :q, 0, 0)""").param("po", id).param("no", i + 1).param("sku", lines.get(i).sku().strip())
                    .param("q", lines.get(i).quantity()).update();
        }
        PurchaseOrder created = load(id).orElseThrow();
        audit.record("purchase-order.create", "purchase_order", number, "発注 " + number + "（" + created.supplier() + "）", null, null);
        return created;
    }

    @Transactional(readOnly = true)
    public PurchaseOrder get(String number) {
        return find(number).orElseThrow(() -> new NotFoundException("発注 " + number + " はありません"));
    }

    @Transactional(readOnly = true)
    public Optional<PurchaseOrder> find(String number) {
        return jdbc.sql("select id from purchase_order where po_number = :n").param("n", number).query(Long.class).optional()
                .flatMap(this::load);
    }

    /** Purchase orders in a status (all when null), newest first. */
    @Transactional(readOnly = true)
    public List<PurchaseOrder> list(PurchaseOrderStatus status, int limit) {
        List<Long> ids = status == null
                ? jdbc.sql("select id from purchase_order order by id desc limit :n").param("n", limit).query(Long.class).list()
                : jdbc.sql("select id from purchase_order where status = :s order by id desc limit :n").param("s", status.name())
                        .param("n", limit).query(Long.class).list();
        return ids.stream().map(id -> load(id).orElseThrow()).toList();
    }

    /** 締め: nothing more is expected; later receipts against it are refused. Closing twice changes nothing. */
    @Transactional
    public PurchaseOrder close(String number) {
        PurchaseOrder po = get(number);
        if (po.status() == PurchaseOrderStatus.CLOSED) {
            return po;
        }
        jdbc.sql("update purchase_order set status = 'CLOSED', updated_at = :now where id = :id")
                .param("now", clock.instant().atOffset(ZoneOffset.UTC)).param("id", po.id()).update();
        audit.record("purchase-order.close", "purchase_order", number, "発注 " + number + " を締め", po.status().name(), "CLOSED");
        return load(po.id()).orElseThrow();
    }

    // ---- for Receiving (same module, joins its transaction) ----

    /** The PO row locked for a receipt. */
    PurchaseOrder lockForReceipt(String number, String field) {
        Long id = jdbc.sql("select id from purchase_order where po_number = :n for update").param("n", number).query(Long.class)
                .optional().orElseThrow(() -> new InvalidInputException(field, "no purchase order " + number));
        return load(id).orElseThrow();
    }

    void addReceived(long poId, int lineNo, long good, long damaged) {
        jdbc.sql("""
                update purchase_order_line set received_quantity = received_quantity + :g, damaged_quantity = damaged_quantity + :d
                where purchase_order_id = :po and line_no = :no""").param("g", good).param("d", damaged).param("po", poId)
                .param("no", lineNo).update();
    }

    /** Recomputes OPEN / PARTIALLY_RECEIVED / RECEIVED from the lines (a CLOSED order stays closed). */
    void refreshStatus(long poId) {
        PurchaseOrder po = load(poId).orElseThrow();
        if (po.status() == PurchaseOrderStatus.CLOSED) {
            return;
        }
        boolean all = po.lines().stream().allMatch(l -> l.receivedQuantity() >= l.quantity());
        boolean any = po.lines().stream().anyMatch(l -> l.receivedQuantity() > 0);
        PurchaseOrderStatus status = all ? PurchaseOrderStatus.RECEIVED : any ? PurchaseOrderStatus.PARTIALLY_RECEIVED
                : PurchaseOrderStatus.OPEN;
        jdbc.sql("update purchase_order set status = :s, updated_at = :now where id = :id").param("s", status.name())
                .param("now", clock.instant().atOffset(ZoneOffset.UTC)).param("id", poId).update();
    }

    Optional<PurchaseOrder> load(long id) {
        List<PurchaseOrder.Line> lines = jdbc.sql("""
                select line_no, sku, quantity, received_quantity, damaged_quantity from purchase_order_line
                where purchase_order_id = :id order by line_no""").param("id", id)
                .query((rs, i) -> new PurchaseOrder.Line(rs.getInt(1), rs.getString(2), rs.getLong(3), rs.getLong(4), rs.getLong(5)))
                .list();
        return jdbc.sql("""
                select p.id, p.po_number, p.supplier, w.code, p.expected_date, p.status, p.note, p.created_at, p.created_by
                from purchase_order p join warehouse w on w.id = p.warehouse_id where p.id = :id""").param("id", id)
                .query((rs, i) -> new PurchaseOrder(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getObject(5, LocalDate.class), PurchaseOrderStatus.valueOf(rs.getString(6)), rs.getString(7), lines,
                        rs.getObject(8, OffsetDateTime.class).toInstant(), rs.getString(9)))
                .optional();
    }
}
