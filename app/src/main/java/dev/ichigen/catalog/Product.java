package dev.ichigen.catalog;

import java.time.Instant;
import java.util.List;

import dev.ichigen.shared.Gtin;
import dev.ichigen.shared.Sku;
import dev.ichigen.shared.TaxRate;

/**
 * A product of the product master (商品), as stored. Prices are whole yen; {@code priceIncludesTax}
 * says whether {@code price} is 税込 or 税抜. Optional values are {@code null}; lists are never null.
 * {@code version} grows by one with every change (for optimistic replace).
 */
public record Product(Sku sku, ProductKind kind, Sku parentSku, Gtin jan, String name, String nameKana, String brand,
        String category, long price, TaxRate taxRate, boolean priceIncludesTax, Long costPrice, Instant saleStartsAt,
        Instant saleEndsAt, String description, Integer weightGrams, Integer lengthMm, Integer widthMm,
        Integer heightMm, TemperatureZone temperatureZone, String shippingCategory, boolean lotManaged,
        ProductStatus status, List<String> variationAxes, List<String> variationValues,
        List<SetComponent> components, long version, Instant createdAt, Instant updatedAt) {

    public Product {
        variationAxes = List.copyOf(variationAxes);
        variationValues = List.copyOf(variationValues);
        components = List.copyOf(components);
    }

    public boolean active() {
        return status == ProductStatus.ACTIVE;
    }

    /** What would have to be saved to get this product again (all defaults spelled out). */
    public ProductDefinition definition() {
        return new ProductDefinition(sku, kind, parentSku, jan, name, nameKana, brand, category, price, taxRate,
                priceIncludesTax, costPrice, saleStartsAt, saleEndsAt, description, weightGrams, lengthMm, widthMm,
                heightMm, temperatureZone, shippingCategory, lotManaged, status, variationAxes, variationValues,
                components);
    }

    static Product of(ProductDefinition d, long version, Instant createdAt, Instant updatedAt) {
        return new Product(d.sku(), d.kind(), d.parentSku(), d.jan(), d.name(), d.nameKana(), d.brand(), d.category(),
                d.price(), d.taxRate(), d.priceIncludesTax(), d.costPrice(), d.saleStartsAt(), d.saleEndsAt(),
                d.description(), d.weightGrams(), d.lengthMm(), d.widthMm(), d.heightMm(), d.temperatureZone(),
                d.shippingCategory(), d.lotManaged(), d.status(), d.variationAxes(), d.variationValues(),
                d.components(), version, createdAt, updatedAt);
    }
}
