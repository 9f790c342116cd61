package dev.ichigen.catalog;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import dev.ichigen.shared.Sku;

/**
 * Read-only questions other modules ask of the product master on their hot paths (inventory asks
 * them on every reservation): kept to plain indexed look-ups. Joins the caller's transaction.
 */
@Service
public class ProductCatalog {

    private final JdbcClient jdbc;

    ProductCatalog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<CatalogItem> item(Sku sku) {
        return jdbc.sql("select sku, kind, name, lot_managed, status from product where sku = :sku")
                .param("sku", sku.value())
                .query((rs, i) -> item(rs))
                .optional();
    }

    /**
     * {@link #item} for several SKUs in one look-up (an order's lines: one round trip instead of one per line);
     * SKUs that are not in the product master are absent from the map.
     */
    public Map<Sku, CatalogItem> items(Collection<Sku> skus) {
        Map<Sku, CatalogItem> items = new HashMap<>();
        if (skus.isEmpty()) {
            return items;
        }
        jdbc.sql("select sku, kind, name, lot_managed, status from product where sku in (:skus)")
                .param("skus", skus.stream().map(Sku::value).distinct().toList())
                .query(rs -> {
                    CatalogItem item = item(rs);
                    items.put(item.sku(), item);
                });
        return items;
    }

    private static CatalogItem item(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new CatalogItem(Sku.of(rs.getString("sku")), ProductKind.valueOf(rs.getString("kind")), rs.getString("name"),
                rs.getBoolean("lot_managed"), "ACTIVE".equals(rs.getString("status")));
    }

    /** Components of a set and how many of each one set holds, in SKU order; empty when {@code sku} is no set. */
    public Map<Sku, Integer> setComponents(Sku sku) {
        Map<Sku, Integer> components = new LinkedHashMap<>();
        jdbc.sql("select component_sku, quantity from set_component where set_sku = :sku order by component_sku")
                .param("sku", sku.value())
                .query(rs -> {
                    components.put(Sku.of(rs.getString("component_sku")), rs.getInt("quantity"));
                });
        return components;
    }

    /** The sets that contain {@code component}, in SKU order. */
    public List<Sku> setsContaining(Sku component) {
        return jdbc.sql("select set_sku from set_component where component_sku = :sku order by set_sku")
                .param("sku", component.value())
                .query((rs, i) -> Sku.of(rs.getString("set_sku")))
                .list();
    }
}
