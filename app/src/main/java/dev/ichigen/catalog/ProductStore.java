package dev.ichigen.catalog;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.ichigen.shared.ConflictException;
import dev.ichigen.shared.Gtin;
import dev.ichigen.shared.Sku;
import dev.ichigen.shared.TaxRate;
import dev.ichigen.shared.csv.JapaneseText;

/** SQL for the product and set_component tables; joins the caller's transaction. */
@Component
class ProductStore {

    /** Chunk size for IN lists and batches (well under PostgreSQL's 32,767 bind parameters). */
    static final int CHUNK = 500;

    private static final String COLUMNS = """
            sku, kind, parent_sku, gtin, name, name_kana, brand, category, price_yen, tax_rate, price_includes_tax,
            cost_price_yen, sale_starts_at, sale_ends_at, description, weight_grams, length_mm, width_mm, height_mm,
            temperature_zone, shipping_category, lot_managed, status, variation_axis1, variation_axis2,
            variation_value1, variation_value2, version, created_at, updated_at""";

    private static final String INSERT = "insert into product (" + COLUMNS + ") values (:sku, :kind, :parentSku, :gtin,"
            + " :name, :nameKana, :brand, :category, :price, :taxRate, :priceIncludesTax, :costPrice, :saleStartsAt,"
            + " :saleEndsAt, :description, :weightGrams, :lengthMm, :widthMm, :heightMm, :temperatureZone,"
            + " :shippingCategory, :lotManaged, :status, :axis1, :axis2, :value1, :value2, :version, :createdAt, :updatedAt)";

    private static final String UPDATE = """
            update product set kind = :kind, parent_sku = :parentSku, gtin = :gtin, name = :name, name_kana = :nameKana,
              brand = :brand, category = :category, price_yen = :price, tax_rate = :taxRate,
              price_includes_tax = :priceIncludesTax, cost_price_yen = :costPrice, sale_starts_at = :saleStartsAt,
              sale_ends_at = :saleEndsAt, description = :description, weight_grams = :weightGrams, length_mm = :lengthMm,
              width_mm = :widthMm, height_mm = :heightMm, temperature_zone = :temperatureZone,
              shipping_category = :shippingCategory, lot_managed = :lotManaged, status = :status,
              variation_axis1 = :axis1, variation_axis2 = :axis2, variation_value1 = :value1, variation_value2 = :value2,
              version = :version, updated_at = :updatedAt
            where sku = :sku and version = :previousVersion""";

    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate named;

    ProductStore(JdbcClient jdbc, NamedParameterJdbcTemplate named) {
        this.jdbc = jdbc;
        this.named = named;
    }

    Optional<Product> find(Sku sku) {
        List<Product> found = findAll(List.of(sku));
        return found.isEmpty() ? Optional.empty() : Optional.of(found.getFirst());
    }

    /** Locks the product row until the transaction ends (used to serialise changes under one parent). */
    boolean lock(Sku sku) {
        return jdbc.sql("select sku from product where sku = :sku for update").param("sku", sku.value())
                .query(String.class).optional().isPresent();
    }

    /** The products among {@code skus} that exist, in SKU order. */
    List<Product> findAll(Collection<Sku> skus) {
        List<Product> result = new ArrayList<>();
        List<String> values = skus.stream().map(Sku::value).distinct().sorted().toList();
        for (int i = 0; i < values.size(); i += CHUNK) {
            List<String> chunk = values.subList(i, Math.min(values.size(), i + CHUNK));
            result.addAll(withComponents(jdbc.sql("select " + COLUMNS + " from product where sku in (:skus) order by sku")
                    .param("skus", chunk).query((rs, n) -> map(rs)).list()));
        }
        return result;
    }

    /** Stored kind and variation axes of the given SKUs (a light look-up for validating references). */
    Map<Sku, Reference> references(Collection<Sku> skus) {
        Map<Sku, Reference> result = new HashMap<>();
        List<String> values = skus.stream().map(Sku::value).distinct().toList();
        for (int i = 0; i < values.size(); i += CHUNK) {
            jdbc.sql("select sku, kind, variation_axis1, variation_axis2 from product where sku in (:skus)")
                    .param("skus", values.subList(i, Math.min(values.size(), i + CHUNK)))
                    .query(rs -> {
                        result.put(Sku.of(rs.getString(1)), new Reference(ProductKind.valueOf(rs.getString(2)),
                                list(rs.getString(3), rs.getString(4))));
                    });
        }
        return result;
    }

    /** Kind and variation axes: what other products' rules need to know about a product. */
    record Reference(ProductKind kind, List<String> variationAxes) {
    }

    /** The variants stored under {@code parent} with their values. */
    List<VariantKey> variantsOf(Sku parent) {
        return jdbc.sql("select sku, variation_value1, variation_value2 from product where parent_sku = :p order by sku")
                .param("p", parent.value())
                .query((rs, n) -> new VariantKey(Sku.of(rs.getString(1)), list(rs.getString(2), rs.getString(3))))
                .list();
    }

    /** The variants stored under each of {@code parents} (parents without variants are absent). */
    Map<Sku, List<VariantKey>> variantsOf(Collection<Sku> parents) {
        Map<Sku, List<VariantKey>> result = new HashMap<>();
        List<String> values = parents.stream().map(Sku::value).distinct().toList();
        for (int i = 0; i < values.size(); i += CHUNK) {
            jdbc.sql("select parent_sku, sku, variation_value1, variation_value2 from product where parent_sku in (:p)")
                    .param("p", values.subList(i, Math.min(values.size(), i + CHUNK)))
                    .query(rs -> {
                        result.computeIfAbsent(Sku.of(rs.getString(1)), k -> new ArrayList<>())
                                .add(new VariantKey(Sku.of(rs.getString(2)), list(rs.getString(3), rs.getString(4))));
                    });
        }
        return result;
    }

    /** A variant under a parent with its values on the parent's axes. */
    record VariantKey(Sku sku, List<String> values) {
    }

    List<Sku> setsContaining(Sku component) {
        return jdbc.sql("select set_sku from set_component where component_sku = :sku order by set_sku")
                .param("sku", component.value()).query((rs, n) -> Sku.of(rs.getString(1))).list();
    }

    void insert(List<Product> products) {
        for (int i = 0; i < products.size(); i += CHUNK) {
            List<Product> chunk = products.subList(i, Math.min(products.size(), i + CHUNK));
            named.batchUpdate(INSERT, chunk.stream().map(p -> params(p, null)).toArray(SqlParameterSource[]::new));
            replaceComponents(chunk);
        }
    }

    /** Updates each product whose stored version is {@code version - 1}; a concurrent change is a conflict. */
    void update(List<Product> products) {
        for (int i = 0; i < products.size(); i += CHUNK) {
            List<Product> chunk = products.subList(i, Math.min(products.size(), i + CHUNK));
            int[] counts = named.batchUpdate(UPDATE,
                    chunk.stream().map(p -> params(p, p.version() - 1)).toArray(SqlParameterSource[]::new));
            for (int j = 0; j < counts.length; j++) {
                // JDBC drivers may answer SUCCESS_NO_INFO (-2) for batched statements; 0 means the version moved on
                if (counts[j] == 0) {
                    throw new ConflictException("商品 " + chunk.get(j).sku() + " は同時に変更されました。読み直してからやり直してください");
                }
            }
            replaceComponents(chunk);
        }
    }

    private void replaceComponents(List<Product> products) {
        List<String> touched = products.stream().map(p -> p.sku().value()).toList();
        jdbc.sql("delete from set_component where set_sku in (:skus)").param("skus", touched).update();
        List<SqlParameterSource> rows = new ArrayList<>();
        for (Product p : products) {
            for (SetComponent c : p.components()) {
                rows.add(new MapSqlParameterSource().addValue("set", p.sku().value())
                        .addValue("component", c.sku().value()).addValue("quantity", c.quantity()));
            }
        }
        if (!rows.isEmpty()) {
            named.batchUpdate("insert into set_component (set_sku, component_sku, quantity) values (:set, :component, :quantity)",
                    rows.toArray(SqlParameterSource[]::new));
        }
    }

    /** One page of products matching {@code query}, in SKU order. */
    List<Product> search(ProductQuery query, int page, int size) {
        Where where = where(query);
        where.params.put("limit", size);
        where.params.put("offset", (long) page * size);
        return withComponents(jdbc.sql("select " + COLUMNS + " from product" + where.sql + " order by sku limit :limit offset :offset")
                .params(where.params).query((rs, n) -> map(rs)).list());
    }

    long count(ProductQuery query) {
        Where where = where(query);
        return jdbc.sql("select count(*) from product" + where.sql).params(where.params).query(Long.class).single();
    }

    /** Up to {@code limit} products matching {@code query} with a SKU after {@code after} (keyset paging for exports). */
    List<Product> after(ProductQuery query, Sku after, int limit) {
        Where where = where(query);
        String sql = "select " + COLUMNS + " from product" + where.sql;
        if (after != null) {
            sql += " and sku > :after";
            where.params.put("after", after.value());
        }
        where.params.put("limit", limit);
        return withComponents(jdbc.sql(sql + " order by sku limit :limit").params(where.params).query((rs, n) -> map(rs)).list());
    }

    private record Where(String sql, Map<String, Object> params) {
    }

    private static Where where(ProductQuery q) {
        StringBuilder sql = new StringBuilder(" where 1=1");
        Map<String, Object> params = new HashMap<>();
        if (q.text() != null && !q.text().isBlank()) {
            String text = JapaneseText.nfkc(q.text()).toLowerCase(java.util.Locale.ROOT);
            sql.append(" and (lower(sku) like :q escape '\\' or lower(name) like :q escape '\\'"
                    + " or lower(name_kana) like :q escape '\\' or name_kana like :qKana escape '\\'"
                    + " or lower(brand) like :q escape '\\' or gtin like :q escape '\\')");
            params.put("q", "%" + escapeLike(text) + "%");
            params.put("qKana", "%" + escapeLike(hiraganaToKatakana(text)) + "%");
        }
        if (q.category() != null && !q.category().isBlank()) {
            sql.append(" and (category = :category or category like :categoryPrefix escape '\\')");
            params.put("category", q.category().strip());
            params.put("categoryPrefix", escapeLike(q.category().strip()) + ">%");
        }
        if (q.brand() != null && !q.brand().isBlank()) {
            sql.append(" and brand = :brand");
            params.put("brand", q.brand().strip());
        }
        if (q.status() != null) {
            sql.append(" and status = :status");
            params.put("status", q.status().name());
        }
        if (q.kind() != null) {
            sql.append(" and kind = :kind");
            params.put("kind", q.kind().name());
        }
        if (q.temperatureZone() != null) {
            sql.append(" and temperature_zone = :zone");
            params.put("zone", q.temperatureZone().name());
        }
        return new Where(sql.toString(), params);
    }

    static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    static String hiraganaToKatakana(String text) {
        StringBuilder sb = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            sb.append(c >= '\u3041' && c <= '\u3096' ? (char) (c + 0x60) : c);
        }
        return sb.toString();
    }

    private List<Product> withComponents(List<Product> products) {
        List<String> sets = products.stream().filter(p -> p.kind() == ProductKind.SET).map(p -> p.sku().value()).toList();
        if (sets.isEmpty()) {
            return products;
        }
        Map<String, List<SetComponent>> components = new HashMap<>();
        for (int i = 0; i < sets.size(); i += CHUNK) {
            jdbc.sql("select set_sku, component_sku, quantity from set_component where set_sku in (:skus) order by set_sku, component_sku")
                    .param("skus", sets.subList(i, Math.min(sets.size(), i + CHUNK)))
                    .query(rs -> {
                        components.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                                .add(new SetComponent(Sku.of(rs.getString(2)), rs.getInt(3)));
                    });
        }
        Map<String, Product> bySku = new LinkedHashMap<>();
        for (Product p : products) {
            List<SetComponent> c = components.get(p.sku().value());
            bySku.put(p.sku().value(), c == null ? p : new Product(p.sku(), p.kind(), p.parentSku(), p.jan(), p.name(),
                    p.nameKana(), p.brand(), p.category(), p.price(), p.taxRate(), p.priceIncludesTax(), p.costPrice(),
                    p.saleStartsAt(), p.saleEndsAt(), p.description(), p.weightGrams(), p.lengthMm(), p.widthMm(),
                    p.heightMm(), p.temperatureZone(), p.shippingCategory(), p.lotManaged(), p.status(),
                    p.variationAxes(), p.variationValues(), c, p.version(), p.createdAt(), p.updatedAt()));
        }
        return new ArrayList<>(bySku.values());
    }

    private static MapSqlParameterSource params(Product p, Long previousVersion) {
        return new MapSqlParameterSource()
                .addValue("sku", p.sku().value())
                .addValue("kind", p.kind().name())
                .addValue("parentSku", p.parentSku() == null ? null : p.parentSku().value())
                .addValue("gtin", p.jan() == null ? null : p.jan().value())
                .addValue("name", p.name())
                .addValue("nameKana", p.nameKana())
                .addValue("brand", p.brand())
                .addValue("category", p.category())
                .addValue("price", p.price())
                .addValue("taxRate", p.taxRate().name())
                .addValue("priceIncludesTax", p.priceIncludesTax())
                .addValue("costPrice", p.costPrice())
                .addValue("saleStartsAt", utc(p.saleStartsAt()))
                .addValue("saleEndsAt", utc(p.saleEndsAt()))
                .addValue("description", p.description())
                .addValue("weightGrams", p.weightGrams())
                .addValue("lengthMm", p.lengthMm())
                .addValue("widthMm", p.widthMm())
                .addValue("heightMm", p.heightMm())
                .addValue("temperatureZone", p.temperatureZone().name())
                .addValue("shippingCategory", p.shippingCategory())
                .addValue("lotManaged", p.lotManaged())
                .addValue("status", p.status().name())
                .addValue("axis1", at(p.variationAxes(), 0))
                .addValue("axis2", at(p.variationAxes(), 1))
                .addValue("value1", at(p.variationValues(), 0))
                .addValue("value2", at(p.variationValues(), 1))
                .addValue("version", p.version())
                .addValue("previousVersion", previousVersion)
                .addValue("createdAt", utc(p.createdAt()))
                .addValue("updatedAt", utc(p.updatedAt()));
    }

    private static Product map(ResultSet rs) throws SQLException {
        String parent = rs.getString("parent_sku");
        String gtin = rs.getString("gtin");
        return new Product(Sku.of(rs.getString("sku")), ProductKind.valueOf(rs.getString("kind")),
                parent == null ? null : Sku.of(parent), gtin == null ? null : Gtin.of(gtin), rs.getString("name"),
                rs.getString("name_kana"), rs.getString("brand"), rs.getString("category"), rs.getLong("price_yen"),
                TaxRate.valueOf(rs.getString("tax_rate")), rs.getBoolean("price_includes_tax"),
                rs.getObject("cost_price_yen", Long.class), instant(rs, "sale_starts_at"), instant(rs, "sale_ends_at"),
                rs.getString("description"), rs.getObject("weight_grams", Integer.class),
                rs.getObject("length_mm", Integer.class), rs.getObject("width_mm", Integer.class),
                rs.getObject("height_mm", Integer.class), TemperatureZone.valueOf(rs.getString("temperature_zone")),
                rs.getString("shipping_category"), rs.getBoolean("lot_managed"),
                ProductStatus.valueOf(rs.getString("status")),
                list(rs.getString("variation_axis1"), rs.getString("variation_axis2")),
                list(rs.getString("variation_value1"), rs.getString("variation_value2")), List.of(),
                rs.getLong("version"), instant(rs, "created_at"), instant(rs, "updated_at"));
    }

    private static List<String> list(String first, String second) {
        if (first == null && second == null) {
            return List.of();
        }
        return second == null ? List.of(first) : java.util.Arrays.asList(first, second);
    }

    private static String at(List<String> values, int index) {
        return index < values.size() ? values.get(index) : null;
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
