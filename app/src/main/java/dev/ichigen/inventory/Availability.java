package dev.ichigen.inventory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

import dev.ichigen.catalog.ProductCatalog;
import dev.ichigen.catalog.ProductKind;
import dev.ichigen.shared.Sku;

/**
 * Reads what is available (引当可能数) per warehouse, for stocked SKUs from their balances and for sets
 * from their components' balances. A set needs all its components in one warehouse (a reservation takes
 * a whole order from one warehouse), so a set's availability is, per warehouse, the minimum over its
 * components of floor(available / quantity per set), and in total the sum of that over the active
 * warehouses — never more than could really be reserved.
 */
@Component
class Availability {

    /** One warehouse's figures for a SKU. */
    record Level(long warehouseId, String warehouse, boolean active, long onHand, long reserved, long available) {
    }

    private final JdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate named;
    private final ProductCatalog catalog;

    Availability(JdbcTemplate jdbc, ProductCatalog catalog) {
        this.jdbc = jdbc;
        this.named = new NamedParameterJdbcTemplate(jdbc);
        this.catalog = catalog;
    }

    /** Every warehouse (active or not) in allocation order, with zeros where the SKU has no balance. */
    List<Level> levels(Sku sku, ProductKind kind) {
        if (kind == ProductKind.SET) {
            return setLevels(sku);
        }
        return jdbc.query("""
                select w.id, w.code, w.active, coalesce(b.on_hand, 0), coalesce(b.reserved, 0)
                from warehouse w left join stock_balance b on b.warehouse_id = w.id and b.sku = ?
                order by w.priority, w.id""",
                (rs, i) -> new Level(rs.getLong(1), rs.getString(2), rs.getBoolean(3), rs.getLong(4), rs.getLong(5),
                        rs.getLong(4) - rs.getLong(5)),
                sku.value());
    }

    /** Available over active warehouses (for a set: complete sets). */
    long totalAvailable(Sku sku, ProductKind kind) {
        if (kind == ProductKind.SET) {
            return setLevels(sku).stream().filter(Level::active).mapToLong(Level::available).sum();
        }
        Long total = jdbc.queryForObject("""
                select coalesce(sum(b.on_hand - b.reserved), 0) from stock_balance b
                join warehouse w on w.id = b.warehouse_id
                where b.sku = ? and w.active = true""", Long.class, sku.value());
        return total == null ? 0 : total;
    }

    private List<Level> setLevels(Sku set) {
        Map<Sku, Integer> components = catalog.setComponents(set);
        List<Level> levels = new ArrayList<>();
        Map<Long, Map<String, Long>> availableByWarehouse = new HashMap<>();
        if (!components.isEmpty()) {
            named.query("""
                    select warehouse_id, sku, on_hand - reserved as available from stock_balance
                    where sku in (:skus)""",
                    new MapSqlParameterSource("skus", components.keySet().stream().map(Sku::value).toList()),
                    rs -> {
                        availableByWarehouse.computeIfAbsent(rs.getLong(1), k -> new LinkedHashMap<>())
                                .put(rs.getString(2), rs.getLong(3));
                    });
        }
        jdbc.query("select id, code, active from warehouse order by priority, id", rs -> {
            long warehouseId = rs.getLong(1);
            Map<String, Long> available = availableByWarehouse.getOrDefault(warehouseId, Map.of());
            long sets = components.isEmpty() ? 0 : Long.MAX_VALUE;
            for (Map.Entry<Sku, Integer> component : components.entrySet()) {
                long have = Math.max(0, available.getOrDefault(component.getKey().value(), 0L));
                sets = Math.min(sets, have / component.getValue());
            }
            levels.add(new Level(warehouseId, rs.getString(2), rs.getBoolean(3), 0, 0, sets));
        });
        return levels;
    }
}
