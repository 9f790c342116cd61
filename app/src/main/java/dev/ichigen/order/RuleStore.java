package dev.ichigen.order;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Component;

import tools.jackson.databind.json.JsonMapper;

/**
 * The rule tables ({@code order_rule}, {@code order_rule_version}, {@code order_rule_applied}) and the few
 * order columns rule actions write. The enabled rules are cached for 5 s per instance (they are read on every
 * intake); a save on this instance drops the cache at once.
 */
@Component
class RuleStore {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final long CACHE_NANOS = 5_000_000_000L;

    /** The JSON stored in {@code order_rule_version.definition}. */
    record Definition(RuleCondition conditions, List<RuleAction> actions) {
    }

    private final JdbcClient jdbc;
    private volatile List<OrderRule> active;
    private volatile long activeReadAt;

    RuleStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    // ------------------------------------------------------------------ rules

    /** Enabled, not archived rules in evaluation order (cached briefly). */
    List<OrderRule> active() {
        List<OrderRule> list = active;
        long now = System.nanoTime();
        if (list == null || now - activeReadAt > CACHE_NANOS) {
            list = query(" where r.archived = false and r.enabled = true");
            active = list;
            activeReadAt = now;
        }
        return list;
    }

    void invalidate() {
        active = null;
    }

    List<OrderRule> list(boolean includeArchived) {
        return query(includeArchived ? "" : " where r.archived = false");
    }

    Optional<OrderRule> get(long id) {
        return query(" where r.id = " + id).stream().findFirst();
    }

    Optional<OrderRule> lock(long id) {
        return jdbc.sql("select id from order_rule where id = :id for update").param("id", id).query(Long.class).optional()
                .flatMap(x -> get(id));
    }

    private List<OrderRule> query(String where) {
        return jdbc.sql("""
                select r.id, r.name, r.enabled, r.archived, r.position, r.current_version, v.stop_after_match, v.definition,
                       r.created_at, r.updated_at, r.updated_by
                from order_rule r join order_rule_version v on v.rule_id = r.id and v.version = r.current_version"""
                + where + " order by r.position, r.id")
                .query((rs, i) -> {
                    Definition d = definition(rs.getString(8));
                    return new OrderRule(rs.getLong(1), rs.getString(2), rs.getBoolean(3), rs.getBoolean(4), rs.getInt(5),
                            rs.getInt(6), rs.getBoolean(7), d.conditions(), d.actions(), instant(rs, 9), instant(rs, 10),
                            rs.getString(11));
                }).list();
    }

    List<OrderRuleVersion> versions(long ruleId) {
        return jdbc.sql("""
                select rule_id, version, name, stop_after_match, definition, created_at, created_by
                from order_rule_version where rule_id = :id order by version desc""").param("id", ruleId)
                .query((rs, i) -> {
                    Definition d = definition(rs.getString(5));
                    return new OrderRuleVersion(rs.getLong(1), rs.getInt(2), rs.getString(3), rs.getBoolean(4),
                            d.conditions(), d.actions(), instant(rs, 6), rs.getString(7));
                }).list();
    }

    long insert(RuleDraft d, String actor, Instant now) {
        int position = jdbc.sql("select coalesce(max(position), 0) + 10 from order_rule").query(Integer.class).single();
        var keys = new GeneratedKeyHolder();
        jdbc.sql("""
                insert into order_rule (name, enabled, archived, position, current_version, created_at, updated_at, updated_by)
                values (:name, :enabled, false, :position, 1, :now, :now, :by)""")
                .param("name", d.name().strip()).param("enabled", d.enabled() == null || d.enabled())
                .param("position", position).param("now", OrderStore.odt(now)).param("by", actor).update(keys, "id");
        long id = keys.getKey().longValue();
        insertVersion(id, 1, d, actor, now);
        invalidate();
        return id;
    }

    int newVersion(OrderRule current, RuleDraft d, String actor, Instant now) {
        int version = current.version() + 1;
        insertVersion(current.id(), version, d, actor, now);
        jdbc.sql("""
                update order_rule set name = :name, enabled = :enabled, current_version = :v, updated_at = :now,
                    updated_by = :by where id = :id""")
                .param("name", d.name().strip()).param("enabled", d.enabled() == null ? current.enabled() : d.enabled())
                .param("v", version).param("now", OrderStore.odt(now)).param("by", actor).param("id", current.id()).update();
        invalidate();
        return version;
    }

    private void insertVersion(long id, int version, RuleDraft d, String actor, Instant now) {
        jdbc.sql("""
                insert into order_rule_version (rule_id, version, name, stop_after_match, definition, created_at, created_by)
                values (:id, :v, :name, :stop, :def, :now, :by)""")
                .param("id", id).param("v", version).param("name", d.name().strip()).param("stop", d.stops())
                .param("def", JSON.writeValueAsString(new Definition(d.conditions(), d.actions())))
                .param("now", OrderStore.odt(now)).param("by", actor).update();
    }

    void setFlags(long id, boolean enabled, boolean archived, String actor, Instant now) {
        jdbc.sql("update order_rule set enabled = :e, archived = :a, updated_at = :now, updated_by = :by where id = :id")
                .param("e", enabled).param("a", archived).param("now", OrderStore.odt(now)).param("by", actor)
                .param("id", id).update();
        invalidate();
    }

    void setPosition(long id, int position) {
        jdbc.sql("update order_rule set position = :p where id = :id").param("p", position).param("id", id).update();
        invalidate();
    }

    static Definition definition(String json) {
        return JSON.readValue(json, Definition.class);
    }

    static String json(Object value) {
        return JSON.writeValueAsString(value);
    }

    // ------------------------------------------------------------------ what rules did to orders

    void recordApplied(long orderId, long ruleId, int version, String actions, Instant now) {
        jdbc.sql("""
                insert into order_rule_applied (order_id, rule_id, version, applied_at, actions)
                values (:o, :r, :v, :now, :a) on conflict do nothing""")
                .param("o", orderId).param("r", ruleId).param("v", version).param("now", OrderStore.odt(now))
                .param("a", Texts.truncate(actions, 1000)).update();
    }

    List<AppliedRule> applied(long orderId) {
        return jdbc.sql("""
                select a.rule_id, r.name, a.version, a.applied_at, a.actions
                from order_rule_applied a join order_rule r on r.id = a.rule_id
                where a.order_id = :o order by a.applied_at, a.rule_id, a.version""").param("o", orderId)
                .query((rs, i) -> new AppliedRule(rs.getLong(1), rs.getString(2), rs.getInt(3), instant(rs, 4),
                        rs.getString(5)))
                .list();
    }

    /** Current names of rules by id (for holds that name their rule). */
    Map<Long, String> names(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        Map<Long, String> names = new java.util.HashMap<>();
        jdbc.sql("select id, name from order_rule where id in (:ids)").param("ids", ids)
                .query(rs -> {
                    names.put(rs.getLong(1), rs.getString(2));
                });
        return names;
    }

    List<String> tags(long orderId) {
        return jdbc.sql("select tag from order_tag where order_id = :o").param("o", orderId).query(String.class).list();
    }

    List<String> flyers(long orderId) {
        return jdbc.sql("select flyer from order_flyer where order_id = :o").param("o", orderId).query(String.class).list();
    }

    void addLabel(String table, String column, long orderId, String value, int position) {
        jdbc.sql("insert into " + table + " (order_id, " + column + ", position, source) values (:o, :v, :p, 'RULE')"
                + " on conflict do nothing")
                .param("o", orderId).param("v", value).param("p", position).update();
    }

    void setCarrier(long orderId, String carrier, String service) {
        jdbc.sql("update sales_order set carrier = :c, carrier_service = :s where id = :o")
                .param("c", carrier).param("s", service).param("o", orderId).update();
    }

    void setPlannedShipDate(long orderId, LocalDate date) {
        jdbc.sql("update sales_order set planned_ship_date = :d where id = :o").param("d", date, Types.DATE)
                .param("o", orderId).update();
    }

    void setDeliveryDate(long orderId, LocalDate date) {
        jdbc.sql("update sales_order set delivery_date = :d where id = :o").param("d", date, Types.DATE)
                .param("o", orderId).update();
    }

    void updateRuleHold(long holdId, String detail, String basisHash, String sourceRef) {
        jdbc.sql("update order_hold set detail = :d, basis_hash = :b, source_ref = :r where id = :id")
                .param("d", Texts.truncate(detail, 1000)).param("b", basisHash).param("r", sourceRef).param("id", holdId)
                .update();
    }

    /**
     * Earlier orders (not cancelled) of the customer with this phone number or e-mail address: through the
     * search keys (phone digits, e-mail in word form; they also hold recipients' phones), one indexed look-up.
     */
    long previousOrders(long orderId, Instant orderedAt, Customer customer) {
        List<String> keys = new ArrayList<>();
        if (customer != null) {
            String phone = Texts.digits(customer.phone());
            if (phone.length() >= 6) {
                keys.add(phone);
            }
            if (customer.email() != null && !customer.email().isBlank()) {
                keys.add(Texts.word(customer.email()));
            }
        }
        if (keys.isEmpty()) {
            return 0;
        }
        return jdbc.sql("""
                select count(distinct k.order_id) from order_search_key k join sales_order o on o.id = k.order_id
                where k.search_key in (:keys) and k.order_id <> :id and o.ordered_at < :at and o.status <> 'CANCELLED'""")
                .param("keys", keys).param("id", orderId).param("at", OrderStore.odt(orderedAt)).query(Long.class).single();
    }

    /** The most recent orders, newest first (dry run). */
    List<Long> lastOrders(int n) {
        return jdbc.sql("select id from sales_order order by ordered_at desc, id desc limit :n").param("n", n)
                .query(Long.class).list();
    }

    /** Open orders (not shipped, not cancelled), oldest first (re-apply). */
    List<Long> openOrders() {
        return jdbc.sql("""
                select id from sales_order where status in ('NEW', 'ON_HOLD', 'AWAITING_PAYMENT', 'AWAITING_STOCK',
                    'READY_TO_SHIP') order by ordered_at, id""").query(Long.class).list();
    }

    Optional<OrderStatus> status(long orderId) {
        return jdbc.sql("select status from sales_order where id = :o").param("o", orderId).query(String.class).optional()
                .map(OrderStatus::valueOf);
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }
}
