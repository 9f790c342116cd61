package dev.ichigen.catalog;

import java.time.Instant;
import java.util.List;

import dev.ichigen.shared.Gtin;
import dev.ichigen.shared.Sku;
import dev.ichigen.shared.TaxRate;

/**
 * Everything a caller states about one SKU when creating or replacing it (商品登録). {@code null} means
 * "not given" and takes the default: kind derived (VARIANT with a parent, SET with components, PARENT
 * with variation axes, else SIMPLE), tax {@link TaxRate#STANDARD_10}, price includes tax (総額表示),
 * {@link TemperatureZone#AMBIENT}, not lot-managed, {@link ProductStatus#ACTIVE}.
 *
 * @param price selling price in yen (販売価格), 0 or more
 * @param costPrice purchase cost in yen (原価), optional
 * @param saleStartsAt start of the sale period (販売期間), optional; must be before {@code saleEndsAt}
 * @param variationAxes on a PARENT: the names of its one or two variation axes (e.g. カラー, サイズ)
 * @param variationValues on a VARIANT: its value on each axis of its parent, in the parent's order
 * @param components on a SET: what one set is made of
 */
public record ProductDefinition(Sku sku, ProductKind kind, Sku parentSku, Gtin jan, String name, String nameKana,
        String brand, String category, Long price, TaxRate taxRate, Boolean priceIncludesTax, Long costPrice,
        Instant saleStartsAt, Instant saleEndsAt, String description, Integer weightGrams, Integer lengthMm,
        Integer widthMm, Integer heightMm, TemperatureZone temperatureZone, String shippingCategory,
        Boolean lotManaged, ProductStatus status, List<String> variationAxes, List<String> variationValues,
        List<SetComponent> components) {

    public ProductDefinition {
        variationAxes = texts(variationAxes);
        variationValues = texts(variationValues);
        components = components == null ? List.of() : components.stream().filter(java.util.Objects::nonNull).toList();
    }

    private static List<String> texts(List<String> values) {
        return values == null ? List.of() : values.stream().map(v -> v == null ? "" : v).toList();
    }

    /** A plain product with only what is required. */
    public static ProductDefinition simple(Sku sku, String name, long price) {
        return new ProductDefinition(sku, ProductKind.SIMPLE, null, null, name, null, null, null, price, null, null,
                null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    /** A variation parent (親商品) with its axis names. */
    public static ProductDefinition parent(Sku sku, String name, long price, List<String> axes) {
        return simple(sku, name, price).withKind(ProductKind.PARENT).withVariationAxes(axes);
    }

    /** A variation (子商品) of {@code parent} with its axis values. */
    public static ProductDefinition variant(Sku sku, Sku parent, String name, long price, List<String> values) {
        return simple(sku, name, price).withKind(ProductKind.VARIANT).withParentSku(parent).withVariationValues(values);
    }

    /** A set product (セット商品). */
    public static ProductDefinition set(Sku sku, String name, long price, List<SetComponent> components) {
        return simple(sku, name, price).withKind(ProductKind.SET).withComponents(components);
    }

    public ProductDefinition withKind(ProductKind value) {
        return new ProductDefinition(sku, value, parentSku, jan, name, nameKana, brand, category, price, taxRate,
                priceIncludesTax, costPrice, saleStartsAt, saleEndsAt, description, weightGrams, lengthMm, widthMm,
                heightMm, temperatureZone, shippingCategory, lotManaged, status, variationAxes, variationValues, components);
    }

    public ProductDefinition withParentSku(Sku value) {
        return new ProductDefinition(sku, kind, value, jan, name, nameKana, brand, category, price, taxRate,
                priceIncludesTax, costPrice, saleStartsAt, saleEndsAt, description, weightGrams, lengthMm, widthMm,
                heightMm, temperatureZone, shippingCategory, lotManaged, status, variationAxes, variationValues, components);
    }

    public ProductDefinition withJan(Gtin value) {
        return new ProductDefinition(sku, kind, parentSku, value, name, nameKana, brand, category, price, taxRate,
                priceIncludesTax, costPrice, saleStartsAt, saleEndsAt, description, weightGrams, lengthMm, widthMm,
                heightMm, temperatureZone, shippingCategory, lotManaged, status, variationAxes, variationValues, components);
    }

    public ProductDefinition withName(String value) {
        return new ProductDefinition(sku, kind, parentSku, jan, value, nameKana, brand, category, price, taxRate,
                priceIncludesTax, costPrice, saleStartsAt, saleEndsAt, description, weightGrams, lengthMm, widthMm,
                heightMm, temperatureZone, shippingCategory, lotManaged, status, variationAxes, variationValues, components);
    }

    public ProductDefinition withPrice(Long value) {
        return new ProductDefinition(sku, kind, parentSku, jan, name, nameKana, brand, category, value, taxRate,
                priceIncludesTax, costPrice, saleStartsAt, saleEndsAt, description, weightGrams, lengthMm, widthMm,
                heightMm, temperatureZone, shippingCategory, lotManaged, status, variationAxes, variationValues, components);
    }

    public ProductDefinition withTax(TaxRate rate, Boolean includesTax) {
        return new ProductDefinition(sku, kind, parentSku, jan, name, nameKana, brand, category, price, rate,
                includesTax, costPrice, saleStartsAt, saleEndsAt, description, weightGrams, lengthMm, widthMm,
                heightMm, temperatureZone, shippingCategory, lotManaged, status, variationAxes, variationValues, components);
    }

    public ProductDefinition withTemperatureZone(TemperatureZone value) {
        return new ProductDefinition(sku, kind, parentSku, jan, name, nameKana, brand, category, price, taxRate,
                priceIncludesTax, costPrice, saleStartsAt, saleEndsAt, description, weightGrams, lengthMm, widthMm,
                heightMm, value, shippingCategory, lotManaged, status, variationAxes, variationValues, components);
    }

    public ProductDefinition withLotManaged(Boolean value) {
        return new ProductDefinition(sku, kind, parentSku, jan, name, nameKana, brand, category, price, taxRate,
                priceIncludesTax, costPrice, saleStartsAt, saleEndsAt, description, weightGrams, lengthMm, widthMm,
                heightMm, temperatureZone, shippingCategory, value, status, variationAxes, variationValues, components);
    }

    public ProductDefinition withStatus(ProductStatus value) {
        return new ProductDefinition(sku, kind, parentSku, jan, name, nameKana, brand, category, price, taxRate,
                priceIncludesTax, costPrice, saleStartsAt, saleEndsAt, description, weightGrams, lengthMm, widthMm,
                heightMm, temperatureZone, shippingCategory, lotManaged, value, variationAxes, variationValues, components);
    }

    public ProductDefinition withVariationAxes(List<String> value) {
        return new ProductDefinition(sku, kind, parentSku, jan, name, nameKana, brand, category, price, taxRate,
                priceIncludesTax, costPrice, saleStartsAt, saleEndsAt, description, weightGrams, lengthMm, widthMm,
                heightMm, temperatureZone, shippingCategory, lotManaged, status, value, variationValues, components);
    }

    public ProductDefinition withVariationValues(List<String> value) {
        return new ProductDefinition(sku, kind, parentSku, jan, name, nameKana, brand, category, price, taxRate,
                priceIncludesTax, costPrice, saleStartsAt, saleEndsAt, description, weightGrams, lengthMm, widthMm,
                heightMm, temperatureZone, shippingCategory, lotManaged, status, variationAxes, value, components);
    }

    public ProductDefinition withComponents(List<SetComponent> value) {
        return new ProductDefinition(sku, kind, parentSku, jan, name, nameKana, brand, category, price, taxRate,
                priceIncludesTax, costPrice, saleStartsAt, saleEndsAt, description, weightGrams, lengthMm, widthMm,
                heightMm, temperatureZone, shippingCategory, lotManaged, status, variationAxes, variationValues, value);
    }
}
