package dev.ichigen.order;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Component;

import dev.ichigen.platform.Page;
import dev.ichigen.shared.Sku;
import dev.ichigen.shared.TaxRate;

/**
 * The order tables, in plain SQL. Writes of child rows are JDBC batches (one statement per table), so
 * taking in an order costs a handful of statements whatever its size.
 */
@Component
class OrderStore {

    /** The header columns a change needs, read with a row lock. */
    record Header(long id, long channelId, String channelOrderNumber, Instant orderedAt, OrderStatus status,
            PaymentStatus paymentStatus, AllocationState allocation, String warehouse, String shortfall,
            Instant cancelledAt, String cancelReason, Instant shippedAt, String contentHash, Instant statusChangedAt,
            String dupKeyPhone, String dupKeyEmail, String mergeKey, Long mergeGroupId) {

        boolean cancelled() {
            return cancelledAt != null;
        }

        boolean shipped() {
            return shippedAt != null;
        }
    }

    /** A stored line as allocation needs it. */
    record StoredLine(int lineNo, String lineKey, Sku sku, long quantity, OrderSnapshot.LineProblem problem) {
    }

    /** A stored hold with what re-checks need. */
    record HoldRow(long id, String code, String detail, HoldSource source, String sourceRef, String raisedBy,
            String basisHash, boolean open, HoldResolution resolution) {
    }

    /** A history line to append. */
    record HistoryRow(String kind, String field, String before, String after, String note) {
    }

    private static final String HEADER = """
            select id, channel_id, channel_order_number, ordered_at, status, payment_status, allocation,
                   allocation_warehouse, shortfall, cancelled_at, cancel_reason, shipped_at, content_hash,
                   status_changed_at, dup_key_phone, dup_key_email, merge_key, merge_group_id
            from sales_order""";

    private final JdbcClient jdbc;
    private final JdbcTemplate template;

    OrderStore(JdbcClient jdbc, JdbcTemplate template) {
        this.jdbc = jdbc;
        this.template = template;
    }

    // ------------------------------------------------------------------ header

    Optional<Header> lockByNumber(long channelId, String number) {
        return jdbc.sql(HEADER + " where channel_id = :c and channel_order_number = :n for update")
                .param("c", channelId).param("n", number).query((rs, i) -> header(rs)).optional();
    }

    Optional<Header> lock(long id) {
        return jdbc.sql(HEADER + " where id = :id for update").param("id", id).query((rs, i) -> header(rs)).optional();
    }

    Optional<Long> idByNumber(long channelId, String number) {
        return jdbc.sql("select id from sales_order where channel_id = :c and channel_order_number = :n")
                .param("c", channelId).param("n", number).query(Long.class).optional();
    }

    boolean exists(long id) {
        return jdbc.sql("select count(*) from sales_order where id = :id").param("id", id).query(Long.class).single() > 0;
    }

    String channelContent(long id) {
        return jdbc.sql("select channel_content from sales_order where id = :id").param("id", id).query(String.class).single();
    }

    /**
     * Inserts the header (status NEW) unless the channel order exists already — then {@code null}: another
     * intake of the same order got there first (ON CONFLICT DO NOTHING waits for it to commit).
     */
    Long insert(NewOrder o, OrderTotals t, String hash, String content, Instant now) {
        var keys = new GeneratedKeyHolder();
        int count = jdbc.sql("""
                insert into sales_order (channel_id, channel_order_number, order_name, ordered_at, status, status_changed_at,
                    customer_name, customer_kana, customer_email, customer_phone, orderer_postal_code, orderer_prefecture,
                    orderer_city, orderer_street, orderer_building, payment_method, payment_status, delivery_date,
                    delivery_time_slot, delivery_time_text, gift_wrapping, noshi, remarks, planned_ship_date, carrier,
                    carrier_service, shipping_fee, cod_fee, other_fees, fees_include_tax, points_used, goods_total,
                    discount_total, mall_coupon_total, tax_added, grand_total, amount_to_collect, channel_grand_total,
                    taxable_10, tax_10, taxable_8, tax_8, allocation, content_hash, channel_content,
                    created_at, updated_at)
                values (:channel, :number, :orderName, :orderedAt, 'NEW', :now, :customerName, :customerKana, :email, :phone,
                    :postalCode, :prefecture, :city, :street, :building, :paymentMethod, :paymentStatus, :deliveryDate,
                    :timeSlot, :timeText, :gift, :noshi, :remarks, :plannedShipDate, :carrier, :service, :shippingFee,
                    :codFee, :otherFees, :feesIncludeTax, :points, :goods, :discounts, :mallCoupons, :taxAdded, :grand,
                    :toCollect, :channelGrand, :taxable10, :tax10, :taxable8, :tax8, 'NOT_ALLOCATABLE', :hash,
                    :content, :now, :now)
                on conflict do nothing""")
                .paramSource(headerParams(o, t, hash, content, now)).update(keys, "id");
        if (count == 0) {
            return null;
        }
        return keys.getKey().longValue();
    }

    void updateContent(long id, NewOrder o, OrderTotals t, String hash, String content, Instant now) {
        jdbc.sql("""
                update sales_order set order_name = :orderName, ordered_at = :orderedAt, customer_name = :customerName,
                    customer_kana = :customerKana, customer_email = :email, customer_phone = :phone,
                    orderer_postal_code = :postalCode, orderer_prefecture = :prefecture, orderer_city = :city,
                    orderer_street = :street, orderer_building = :building, payment_method = :paymentMethod,
                    payment_status = :paymentStatus, delivery_date = :deliveryDate, delivery_time_slot = :timeSlot,
                    delivery_time_text = :timeText, gift_wrapping = :gift, noshi = :noshi, remarks = :remarks,
                    planned_ship_date = :plannedShipDate, carrier = :carrier, carrier_service = :service,
                    shipping_fee = :shippingFee, cod_fee = :codFee, other_fees = :otherFees,
                    fees_include_tax = :feesIncludeTax, points_used = :points, goods_total = :goods,
                    discount_total = :discounts, mall_coupon_total = :mallCoupons, tax_added = :taxAdded,
                    grand_total = :grand, amount_to_collect = :toCollect, channel_grand_total = :channelGrand,
                    taxable_10 = :taxable10, tax_10 = :tax10, taxable_8 = :taxable8, tax_8 = :tax8,
                    content_hash = :hash, channel_content = :content, updated_at = :now
                where id = :id""")
                .paramSource(headerParams(o, t, hash, content, now).addValue("id", id)).update();
    }

    void updateHash(long id, String hash, String content) {
        jdbc.sql("update sales_order set content_hash = :h, channel_content = :c where id = :id")
                .param("h", hash).param("c", content).param("id", id).update();
    }

    /** Writes the derived state of an order (status, allocation, payment, duplicate keys, final flags). */
    void updateState(OrderState s, Instant now) {
        jdbc.sql("""
                update sales_order set status = :status, status_changed_at = :changedAt, allocation = :allocation,
                    allocation_warehouse = :warehouse, shortfall = :shortfall, payment_status = :payment,
                    dup_key_phone = :dupPhone, dup_key_email = :dupEmail, merge_key = :mergeKey, cancelled_at = :cancelledAt, cancel_reason = :cancelReason,
                    shipped_at = :shippedAt, updated_at = :now
                where id = :id""")
                .param("status", s.status.name()).param("changedAt", odt(s.statusChangedAt))
                .param("allocation", s.allocation.name()).param("warehouse", s.warehouse)
                .param("shortfall", Texts.truncate(s.shortfall, 500)).param("payment", s.paymentStatus.name())
                .param("dupPhone", s.duplicateKeys.get(0)).param("dupEmail", s.duplicateKeys.get(1)).param("mergeKey", s.mergeKey)
                .param("cancelledAt", odt(s.cancelledAt)).param("cancelReason", Texts.truncate(s.cancelReason, 500))
                .param("shippedAt", odt(s.shippedAt)).param("now", odt(now)).param("id", s.id).update();
    }

    private static org.springframework.jdbc.core.namedparam.MapSqlParameterSource headerParams(NewOrder o, OrderTotals t,
            String hash, String content, Instant now) {
        Address a = o.ordererAddress() == null ? new Address(null, null, null, null, null) : o.ordererAddress();
        long taxable10 = 0;
        long tax10 = 0;
        long taxable8 = 0;
        long tax8 = 0;
        for (TaxSummary s : t.taxSummary()) {
            if (s.rate() == TaxRate.STANDARD_10) {
                taxable10 = s.taxableAmount();
                tax10 = s.tax();
            } else {
                taxable8 = s.taxableAmount();
                tax8 = s.tax();
            }
        }
        var p = new org.springframework.jdbc.core.namedparam.MapSqlParameterSource();
        p.addValue("channel", o.channelId()).addValue("number", o.channelOrderNumber()).addValue("orderName", o.orderName())
                .addValue("orderedAt", odt(o.orderedAt())).addValue("now", odt(now))
                .addValue("customerName", o.customer().name()).addValue("customerKana", o.customer().kana())
                .addValue("email", o.customer().email()).addValue("phone", o.customer().phone())
                .addValue("postalCode", a.postalCode()).addValue("prefecture", a.prefecture()).addValue("city", a.city())
                .addValue("street", a.street()).addValue("building", a.building())
                .addValue("paymentMethod", o.paymentMethod().name()).addValue("paymentStatus", o.paymentStatus().name())
                .addValue("deliveryDate", o.delivery().date(), Types.DATE).addValue("timeSlot", o.delivery().timeSlot())
                .addValue("timeText", o.delivery().timeSlotText()).addValue("gift", o.delivery().giftWrapping())
                .addValue("noshi", o.delivery().noshi()).addValue("remarks", o.remarks())
                .addValue("plannedShipDate", o.shippingPlan().plannedShipDate(), Types.DATE)
                .addValue("carrier", o.shippingPlan().carrier()).addValue("service", o.shippingPlan().service())
                .addValue("shippingFee", t.shippingFee()).addValue("codFee", t.codFee()).addValue("otherFees", t.otherFees())
                .addValue("feesIncludeTax", o.charges().includeTax()).addValue("points", t.pointsUsed())
                .addValue("goods", t.goodsTotal()).addValue("discounts", t.discountTotal())
                .addValue("mallCoupons", t.mallCouponTotal()).addValue("taxAdded", t.taxAdded())
                .addValue("grand", t.grandTotal()).addValue("toCollect", t.amountToCollect())
                .addValue("channelGrand", t.channelGrandTotal(), Types.BIGINT).addValue("taxable10", taxable10)
                .addValue("tax10", tax10).addValue("taxable8", taxable8).addValue("tax8", tax8).addValue("hash", hash)
                .addValue("content", content);
        return p;
    }

    // ------------------------------------------------------------------ children

    /** Inserts destinations, lines (numbered 1…n), discounts, tags, flyers and search keys of a new order. */
    void insertChildren(long id, NewOrder o, List<OrderSnapshot.Line> lines) {
        insertDestinations(id, o);
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            rows.add(lineRow(id, i + 1, i, lines.get(i)));
        }
        insertLines(rows);
        insertDiscounts(id, o);
        insertLabels("order_tag", "tag", id, o.tags(), "CHANNEL");
        insertLabels("order_flyer", "flyer", id, o.insertFlyers(), "CHANNEL");
        insertSearchKeys(id, o);
    }

    /**
     * Replaces the channel's content of an existing order. Lines are matched by line key: a kept line keeps
     * its number (and so its reservation reference), a new line gets the next free number. Tags and flyers
     * added by rules or people stay. Returns the line numbers per line key after the change.
     */
    Map<String, Integer> replaceChildren(long id, NewOrder o, List<OrderSnapshot.Line> lines, List<StoredLine> before) {
        template.update("delete from order_destination where order_id = ?", id);
        insertDestinations(id, o);
        Map<String, Integer> numbers = new LinkedHashMap<>();
        int next = 1;
        for (StoredLine l : before) {
            numbers.put(l.lineKey(), l.lineNo());
            next = Math.max(next, l.lineNo() + 1);
        }
        Set<String> keep = new LinkedHashSet<>();
        List<Object[]> inserts = new ArrayList<>();
        List<Object[]> updates = new ArrayList<>();
        Map<String, Integer> after = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            OrderSnapshot.Line line = lines.get(i);
            String key = line.line().lineKey();
            Integer no = numbers.get(key);
            if (no == null) {
                no = next++;
                inserts.add(lineRow(id, no, i, line));
            } else {
                Object[] r = lineRow(id, no, i, line);
                // same columns minus the keys, then the keys for the where clause
                updates.add(new Object[] { r[2], r[3], r[4], r[5], r[6], r[7], r[8], r[9], r[10], r[11], r[12], r[13], r[14],
                        id, no });
            }
            keep.add(key);
            after.put(key, no);
        }
        for (StoredLine l : before) {
            if (!keep.contains(l.lineKey())) {
                template.update("delete from order_line where order_id = ? and line_no = ?", id, l.lineNo());
            }
        }
        if (!updates.isEmpty()) {
            template.batchUpdate("""
                    update order_line set line_key = ?, position = ?, dest_key = ?, item_code = ?, sub_code = ?,
                        given_sku = ?, sku = ?, problem = ?, name = ?, quantity = ?, unit_price = ?, tax_rate = ?,
                        price_includes_tax = ?
                    where order_id = ? and line_no = ?""", updates);
        }
        insertLines(inserts);
        template.update("delete from order_discount where order_id = ?", id);
        insertDiscounts(id, o);
        template.update("delete from order_tag where order_id = ? and source = 'CHANNEL'", id);
        template.update("delete from order_flyer where order_id = ? and source = 'CHANNEL'", id);
        insertLabels("order_tag", "tag", id, o.tags(), "CHANNEL");
        insertLabels("order_flyer", "flyer", id, o.insertFlyers(), "CHANNEL");
        template.update("delete from order_search_key where order_id = ?", id);
        insertSearchKeys(id, o);
        return after;
    }

    /** Stores the SKUs lines resolved to on a re-check (e.g. a channel item mapped since). */
    void updateLineResolution(long id, List<StoredLine> lines) {
        template.batchUpdate("update order_line set sku = ?, problem = ? where order_id = ? and line_no = ?",
                lines.stream().map(l -> new Object[] { l.sku() == null ? null : l.sku().value(),
                        l.problem() == null ? null : l.problem().name(), id, l.lineNo() }).toList());
    }

    private static Object[] lineRow(long id, int lineNo, int position, OrderSnapshot.Line line) {
        NewOrderLine l = line.line();
        return new Object[] { id, lineNo, l.lineKey(), position, l.destination(), l.itemCode(),
                l.subCode() == null ? "" : l.subCode(), l.sku() == null ? null : l.sku().value(),
                line.sku() == null ? null : line.sku().value(), line.problem() == null ? null : line.problem().name(),
                l.name(), l.quantity(), l.unitPrice(), l.taxRate().name(), l.priceIncludesTax() };
    }

    private void insertLines(List<Object[]> rows) {
        if (!rows.isEmpty()) {
            template.batchUpdate("""
                    insert into order_line (order_id, line_no, line_key, position, dest_key, item_code, sub_code, given_sku,
                        sku, problem, name, quantity, unit_price, tax_rate, price_includes_tax)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", rows);
        }
    }

    private void insertDestinations(long id, NewOrder o) {
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < o.destinations().size(); i++) {
            NewDestination d = o.destinations().get(i);
            Address a = d.address() == null ? new Address(null, null, null, null, null) : d.address();
            rows.add(new Object[] { id, d.key(), i, d.name(), d.kana(), d.phone(), d.company(), a.postalCode(),
                    a.prefecture(), a.city(), a.street(), a.building() });
        }
        template.batchUpdate("""
                insert into order_destination (order_id, dest_key, position, name, kana, phone, company, postal_code,
                    prefecture, city, street, building)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", rows);
    }

    private void insertDiscounts(long id, NewOrder o) {
        if (o.discounts().isEmpty()) {
            return;
        }
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < o.discounts().size(); i++) {
            NewDiscount d = o.discounts().get(i);
            rows.add(new Object[] { id, i, d.kind().name(), d.name(), d.amount(), d.taxRate().name(), d.includesTax() });
        }
        template.batchUpdate("""
                insert into order_discount (order_id, position, kind, name, amount, tax_rate, includes_tax)
                values (?, ?, ?, ?, ?, ?, ?)""", rows);
    }

    private void insertLabels(String table, String column, long id, List<String> values, String source) {
        if (values.isEmpty()) {
            return;
        }
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            rows.add(new Object[] { id, values.get(i), i, source });
        }
        // a rule or a person may have added the same label already: keep theirs
        template.batchUpdate("insert into " + table + " (order_id, " + column + ", position, source) values (?, ?, ?, ?) on conflict do nothing",
                rows);
    }

    private void insertSearchKeys(long id, NewOrder o) {
        Set<String> keys = SearchKeys.of(o);
        if (keys.isEmpty()) {
            return;
        }
        template.batchUpdate("insert into order_search_key (search_key, order_id) values (?, ?)",
                keys.stream().map(k -> new Object[] { k, id }).toList());
    }

    ShippingPlan shippingPlan(long id) {
        return jdbc.sql("select planned_ship_date, carrier, carrier_service from sales_order where id = :id").param("id", id)
                .query((rs, i) -> new ShippingPlan(rs.getObject(1, LocalDate.class), rs.getString(2), rs.getString(3)))
                .single();
    }

    void updateShippingPlan(long id, ShippingPlan plan) {
        jdbc.sql("update sales_order set planned_ship_date = :d, carrier = :c, carrier_service = :s where id = :id")
                .param("d", plan.plannedShipDate(), java.sql.Types.DATE).param("c", plan.carrier())
                .param("s", plan.service()).param("id", id).update();
    }

    List<StoredLine> lines(long id) {
        return jdbc.sql("select line_no, line_key, sku, quantity, problem from order_line where order_id = :id order by position")
                .param("id", id)
                .query((rs, i) -> new StoredLine(rs.getInt(1), rs.getString(2), sku(rs.getString(3)), rs.getLong(4),
                        problem(rs.getString(5))))
                .list();
    }

    // ------------------------------------------------------------------ holds

    List<HoldRow> holdRows(long id) {
        return jdbc.sql("""
                select id, code, detail, source, source_ref, raised_by, basis_hash, resolved_at, resolution
                from order_hold where order_id = :id order by id""").param("id", id)
                .query((rs, i) -> new HoldRow(rs.getLong(1), rs.getString(2), rs.getString(3),
                        HoldSource.valueOf(rs.getString(4)), rs.getString(5), rs.getString(6), rs.getString(7),
                        rs.getObject(8) == null, rs.getString(9) == null ? null : HoldResolution.valueOf(rs.getString(9))))
                .list();
    }

    long insertHold(long orderId, String code, String detail, HoldSource source, String sourceRef, String raisedBy,
            String basisHash, Instant now) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("""
                insert into order_hold (order_id, code, detail, source, source_ref, raised_by, basis_hash, created_at)
                values (:o, :code, :detail, :source, :ref, :raisedBy, :basis, :now)""")
                .param("o", orderId).param("code", code).param("detail", Texts.truncate(detail, 1000))
                .param("source", source.name()).param("ref", Texts.truncate(sourceRef, 100)).param("raisedBy", raisedBy)
                .param("basis", basisHash).param("now", odt(now)).update(keys, "id");
        return keys.getKey().longValue();
    }

    void updateHoldDetail(long holdId, String detail, String basisHash) {
        jdbc.sql("update order_hold set detail = :d, basis_hash = :b where id = :id")
                .param("d", Texts.truncate(detail, 1000)).param("b", basisHash).param("id", holdId).update();
    }

    boolean resolveHold(long holdId, HoldResolution resolution, String by, String note, Instant now) {
        return jdbc.sql("""
                update order_hold set resolved_at = :now, resolved_by = :by, resolution = :r, note = :note
                where id = :id and resolved_at is null""")
                .param("now", odt(now)).param("by", by).param("r", resolution.name())
                .param("note", Texts.truncate(note, 1000)).param("id", holdId).update() > 0;
    }

    // ------------------------------------------------------------------ history

    void appendHistory(long orderId, List<HistoryRow> rows, String actor, Instant now) {
        if (rows.isEmpty()) {
            return;
        }
        OffsetDateTime at = odt(now);
        template.batchUpdate("""
                insert into order_history (order_id, occurred_at, actor, kind, field, before_value, after_value, note)
                values (?, ?, ?, ?, ?, ?, ?, ?)""", new BatchPreparedStatementSetter() {
            @Override
            public void setValues(PreparedStatement ps, int i) throws SQLException {
                HistoryRow r = rows.get(i);
                ps.setLong(1, orderId);
                ps.setObject(2, at);
                ps.setString(3, Texts.truncate(actor, 120));
                ps.setString(4, r.kind());
                ps.setString(5, Texts.truncate(r.field(), 200));
                ps.setString(6, Texts.truncate(r.before(), 1000));
                ps.setString(7, Texts.truncate(r.after(), 1000));
                ps.setString(8, Texts.truncate(r.note(), 1000));
            }

            @Override
            public int getBatchSize() {
                return rows.size();
            }
        });
    }

    List<OrderHistoryEntry> history(long orderId) {
        return jdbc.sql("""
                select id, occurred_at, actor, kind, field, before_value, after_value, note
                from order_history where order_id = :id order by id""").param("id", orderId)
                .query((rs, i) -> new OrderHistoryEntry(rs.getLong(1), instant(rs, 2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8)))
                .list();
    }

    // ------------------------------------------------------------------ reading whole orders

    /** The order with lines (allocation filled in by the caller), holds, destinations, discounts, labels. */
    Optional<Order> load(long id, Map<Integer, String[]> reservationByLine) {
        Optional<Order> header = jdbc.sql("select * from sales_order where id = :id").param("id", id)
                .query((rs, i) -> order(rs, List.of(), List.of(), List.of(), List.of(), List.of(), List.of()))
                .optional();
        if (header.isEmpty()) {
            return header;
        }
        List<Destination> destinations = jdbc.sql("select * from order_destination where order_id = :id order by position")
                .param("id", id)
                .query((rs, i) -> new Destination(rs.getString("dest_key"), rs.getString("name"), rs.getString("kana"),
                        rs.getString("phone"), rs.getString("company"), new Address(rs.getString("postal_code"),
                                rs.getString("prefecture"), rs.getString("city"), rs.getString("street"),
                                rs.getString("building"))))
                .list();
        List<OrderLine> lines = jdbc.sql("select * from order_line where order_id = :id order by position").param("id", id)
                .query((rs, i) -> {
                    String[] r = reservationByLine.get(rs.getInt("line_no"));
                    return new OrderLine(rs.getInt("line_no"), rs.getString("line_key"), rs.getString("dest_key"),
                            rs.getString("item_code"), rs.getString("sub_code"), sku(rs.getString("given_sku")),
                            sku(rs.getString("sku")),
                            problem(rs.getString("problem")), rs.getString("name"), rs.getLong("quantity"),
                            rs.getLong("unit_price"), TaxRate.valueOf(rs.getString("tax_rate")),
                            rs.getBoolean("price_includes_tax"), r == null ? null : r[0], r == null ? null : r[1]);
                })
                .list();
        List<NewDiscount> discounts = jdbc.sql("select * from order_discount where order_id = :id order by position")
                .param("id", id)
                .query((rs, i) -> new NewDiscount(DiscountKind.valueOf(rs.getString("kind")), rs.getString("name"),
                        rs.getLong("amount"), TaxRate.valueOf(rs.getString("tax_rate")), rs.getBoolean("includes_tax")))
                .list();
        List<String> tags = jdbc.sql("select tag from order_tag where order_id = :id order by source, position, tag")
                .param("id", id).query(String.class).list();
        List<String> flyers = jdbc.sql("select flyer from order_flyer where order_id = :id order by source, position, flyer")
                .param("id", id).query(String.class).list();
        List<Hold> holds = holds(id);
        Order h = header.get();
        return Optional.of(new Order(h.id(), h.channelId(), h.channelOrderNumber(), h.orderName(), h.orderedAt(), h.status(),
                h.statusChangedAt(), h.customer(), h.ordererAddress(), destinations, lines, discounts, h.charges(),
                h.paymentMethod(), h.paymentStatus(), h.delivery(), h.remarks(), tags, flyers, h.shippingPlan(), h.totals(),
                h.allocation(), holds, h.cancelledAt(), h.cancelReason(), h.shippedAt(), h.createdAt(), h.updatedAt()));
    }

    List<Hold> holds(long id) {
        return jdbc.sql("""
                select id, code, detail, source, source_ref, created_at, resolved_at, resolved_by, resolution, note
                from order_hold where order_id = :id order by id""").param("id", id)
                .query((rs, i) -> new Hold(rs.getLong(1), rs.getString(2), rs.getString(3),
                        HoldSource.valueOf(rs.getString(4)), rs.getString(5), instant(rs, 6), instant(rs, 7),
                        rs.getString(8), rs.getString(9) == null ? null : HoldResolution.valueOf(rs.getString(9)),
                        rs.getString(10)))
                .list();
    }

    private static Order order(ResultSet rs, List<Destination> destinations, List<OrderLine> lines,
            List<NewDiscount> discounts, List<String> tags, List<String> flyers, List<Hold> holds) throws SQLException {
        List<TaxSummary> summary = new ArrayList<>();
        if (rs.getLong("taxable_10") != 0 || rs.getLong("tax_10") != 0) {
            summary.add(new TaxSummary(TaxRate.STANDARD_10, rs.getLong("taxable_10"), rs.getLong("tax_10")));
        }
        if (rs.getLong("taxable_8") != 0 || rs.getLong("tax_8") != 0) {
            summary.add(new TaxSummary(TaxRate.REDUCED_8, rs.getLong("taxable_8"), rs.getLong("tax_8")));
        }
        Long channelGrand = rs.getObject("channel_grand_total") == null ? null : rs.getLong("channel_grand_total");
        OrderTotals totals = new OrderTotals(rs.getLong("goods_total"), rs.getLong("discount_total"),
                rs.getLong("mall_coupon_total"), rs.getLong("shipping_fee"), rs.getLong("cod_fee"), rs.getLong("other_fees"),
                rs.getLong("tax_added"), rs.getLong("grand_total"), rs.getLong("points_used"),
                rs.getLong("amount_to_collect"), channelGrand, summary);
        return new Order(rs.getLong("id"), rs.getLong("channel_id"), rs.getString("channel_order_number"),
                rs.getString("order_name"), instant(rs, "ordered_at"), OrderStatus.valueOf(rs.getString("status")),
                instant(rs, "status_changed_at"),
                new Customer(rs.getString("customer_name"), rs.getString("customer_kana"), rs.getString("customer_email"),
                        rs.getString("customer_phone")),
                new Address(rs.getString("orderer_postal_code"), rs.getString("orderer_prefecture"),
                        rs.getString("orderer_city"), rs.getString("orderer_street"), rs.getString("orderer_building")),
                destinations, lines, discounts,
                new Charges(rs.getLong("shipping_fee"), rs.getLong("cod_fee"), rs.getLong("other_fees"),
                        rs.getBoolean("fees_include_tax")),
                PaymentMethod.valueOf(rs.getString("payment_method")), PaymentStatus.valueOf(rs.getString("payment_status")),
                new DeliveryRequest(rs.getObject("delivery_date", LocalDate.class), rs.getString("delivery_time_slot"),
                        rs.getString("delivery_time_text"), rs.getBoolean("gift_wrapping"), rs.getString("noshi")),
                rs.getString("remarks"), tags, flyers,
                new ShippingPlan(rs.getObject("planned_ship_date", LocalDate.class), rs.getString("carrier"),
                        rs.getString("carrier_service")),
                totals,
                new Allocation(AllocationState.valueOf(rs.getString("allocation")), rs.getString("allocation_warehouse"),
                        rs.getString("shortfall")),
                holds, instant(rs, "cancelled_at"), rs.getString("cancel_reason"), instant(rs, "shipped_at"),
                instant(rs, "created_at"), instant(rs, "updated_at"));
    }

    // ------------------------------------------------------------------ list, search, counts

    Page<OrderSummary> search(OrderQuery q, Collection<String> searchKeys, int page, int size) {
        StringBuilder where = new StringBuilder(" where 1 = 1");
        Map<String, Object> params = new HashMap<>();
        if (q.channelId() != null) {
            where.append(" and o.channel_id = :channel");
            params.put("channel", q.channelId());
        }
        if (q.channelOrderNumber() != null && !q.channelOrderNumber().isBlank()) {
            where.append(" and o.channel_order_number = :number");
            params.put("number", q.channelOrderNumber().strip());
        }
        if (q.status() != null) {
            where.append(" and o.status = :status");
            params.put("status", q.status().name());
        }
        if (searchKeys != null) {
            if (searchKeys.isEmpty()) {
                return new Page<>(List.of(), page, size, 0);
            }
            where.append(" and o.id in (select k.order_id from order_search_key k where k.search_key in (:keys))");
            params.put("keys", searchKeys);
        }
        long total = jdbc.sql("select count(*) from sales_order o" + where).params(params).query(Long.class).single();
        if (total == 0) {
            return new Page<>(List.of(), page, size, 0);
        }
        Map<String, Object> pageParams = new HashMap<>(params);
        pageParams.put("limit", size);
        pageParams.put("offset", (long) page * size);
        List<OrderSummary> rows = summaries(where + " order by o.ordered_at desc, o.id desc limit :limit offset :offset",
                pageParams);
        return new Page<>(rows, page, size, total);
    }

    /** Order list rows with their open hold codes, for orders {@code where} ({@code o} = sales_order) selects. */
    List<OrderSummary> summaries(String where, Map<String, Object> params) {
        List<OrderSummary> rows = jdbc.sql("""
                select o.id, o.channel_id, o.channel_order_number, o.order_name, o.ordered_at, o.status, o.customer_name,
                       coalesce((select d.prefecture from order_destination d where d.order_id = o.id
                                 and d.position = (select min(d2.position) from order_destination d2 where d2.order_id = o.id)),
                                o.orderer_prefecture),
                       o.grand_total, o.amount_to_collect, o.payment_method, o.payment_status, o.allocation
                from sales_order o""" + where)
                .params(params)
                .query((rs, i) -> new OrderSummary(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                        instant(rs, 5), OrderStatus.valueOf(rs.getString(6)), rs.getString(7), rs.getString(8), rs.getLong(9), rs.getLong(10),
                        PaymentMethod.valueOf(rs.getString(11)), PaymentStatus.valueOf(rs.getString(12)),
                        AllocationState.valueOf(rs.getString(13)), new ArrayList<>()))
                .list();
        if (!rows.isEmpty()) {
            Map<Long, OrderSummary> byId = new HashMap<>();
            rows.forEach(r -> byId.put(r.id(), r));
            jdbc.sql("select order_id, code from order_hold where order_id in (:ids) and resolved_at is null order by id")
                    .param("ids", byId.keySet()).query(rs -> {
                        byId.get(rs.getLong(1)).openHolds().add(rs.getString(2));
                    });
        }
        return rows;
    }

    OrderCounts counts(Instant closedSince) {
        Map<OrderStatus, Long> byStatus = new LinkedHashMap<>();
        for (OrderStatus s : OrderStatus.values()) {
            byStatus.put(s, 0L);
        }
        List<OrderCounts.ChannelCount> byChannel = new ArrayList<>();
        java.util.function.Consumer<ResultSet> add = rs -> {
            try {
                OrderStatus s = OrderStatus.valueOf(rs.getString(1));
                long n = rs.getLong(3);
                byStatus.merge(s, n, Long::sum);
                byChannel.add(new OrderCounts.ChannelCount(rs.getLong(2), s, n));
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        };
        jdbc.sql("""
                select status, channel_id, count(*) from sales_order
                where status in ('NEW', 'ON_HOLD', 'AWAITING_PAYMENT', 'AWAITING_STOCK', 'READY_TO_SHIP')
                group by status, channel_id order by status, channel_id""").query(add::accept);
        jdbc.sql("""
                select status, channel_id, count(*) from sales_order
                where status in ('SHIPPED', 'CANCELLED') and ordered_at >= :since
                group by status, channel_id order by status, channel_id""").param("since", odt(closedSince)).query(add::accept);
        return new OrderCounts(byStatus, byChannel, closedSince);
    }

    // ------------------------------------------------------------------ payment reconciliation

    /** Open (not cancelled, not shipped) orders paid by {@code method} whose payment is PENDING, oldest first. */
    List<PaymentDue> awaitingPayment(PaymentMethod method) {
        return jdbc.sql("""
                select id, channel_id, channel_order_number, order_name, ordered_at, customer_name, customer_kana,
                       amount_to_collect, payment_method, status
                from sales_order
                where payment_status = 'PENDING' and payment_method = :method and cancelled_at is null and shipped_at is null
                order by ordered_at, id""")
                .param("method", method.name())
                .query((rs, i) -> new PaymentDue(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), instant(rs, 5),
                        rs.getString(6), rs.getString(7), rs.getLong(8), PaymentMethod.valueOf(rs.getString(9)),
                        OrderStatus.valueOf(rs.getString(10))))
                .list();
    }

    // ------------------------------------------------------------------ helpers

    private static Header header(ResultSet rs) throws SQLException {
        return new Header(rs.getLong(1), rs.getLong(2), rs.getString(3), instant(rs, 4), OrderStatus.valueOf(rs.getString(5)),
                PaymentStatus.valueOf(rs.getString(6)), AllocationState.valueOf(rs.getString(7)), rs.getString(8),
                rs.getString(9), instant(rs, 10), rs.getString(11), instant(rs, 12), rs.getString(13), instant(rs, 14),
                rs.getString(15), rs.getString(16), rs.getString(17), rs.getObject(18, Long.class));
    }

    static OffsetDateTime odt(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    private static Sku sku(String value) {
        return value == null ? null : Sku.of(value);
    }

    private static OrderSnapshot.LineProblem problem(String value) {
        return value == null ? null : OrderSnapshot.LineProblem.valueOf(value);
    }
}
