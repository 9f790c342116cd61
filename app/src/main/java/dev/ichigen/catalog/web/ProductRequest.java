package dev.ichigen.catalog.web;

import java.util.ArrayList;
import java.util.List;

import dev.ichigen.catalog.ProductDefinition;
import dev.ichigen.catalog.ProductKind;
import dev.ichigen.catalog.ProductStatus;
import dev.ichigen.catalog.ProductValues;
import dev.ichigen.catalog.SetComponent;
import dev.ichigen.catalog.TemperatureZone;
import dev.ichigen.catalog.web.ProductJson.ComponentJson;
import dev.ichigen.shared.FieldError;
import dev.ichigen.shared.Gtin;
import dev.ichigen.shared.InvalidInputException;
import dev.ichigen.shared.Sku;
import dev.ichigen.shared.TaxRate;

/**
 * The body of {@code PUT /api/v1/products/{sku}}. Omitted values take their defaults (see
 * {@link ProductDefinition}); {@code version}, when given, must match the stored product (optimistic replace).
 * Times are ISO-8601 ({@code 2025-04-01T10:00:00+09:00}); without an offset they are Japan time.
 */
record ProductRequest(String sku, String kind, String parentSku, String jan, String name, String nameKana,
        String brand, String category, Long price, String taxRate, Boolean priceIncludesTax, Long costPrice,
        String saleStartsAt, String saleEndsAt, String description, Integer weightGrams, Integer lengthMm,
        Integer widthMm, Integer heightMm, String temperatureZone, String shippingCategory, Boolean lotManaged,
        String status, List<String> variationAxes, List<String> variationValues, List<ComponentJson> components,
        Long version) {

    /** The definition for the SKU in the path; every unreadable value is reported with its JSON field name. */
    ProductDefinition toDefinition(String pathSku) {
        List<FieldError> errors = new ArrayList<>();
        Sku skuValue = null;
        if (!Sku.isValid(pathSku)) {
            errors.add(new FieldError("sku", "商品コード(SKU)は半角英数字と . _ + # - の64文字以内で、英数字で始めてください: " + pathSku));
        } else {
            skuValue = Sku.of(pathSku);
            if (sku != null && !sku.equals(pathSku)) {
                errors.add(new FieldError("sku", "本文の sku (" + sku + ") が URL の商品コード (" + pathSku + ") と違います"));
            }
        }
        ProductKind kindValue = null;
        if (kind != null && (kindValue = ProductValues.parseKind(kind)) == null) {
            errors.add(new FieldError("kind", "種別は SIMPLE・PARENT・VARIANT・SET のいずれかです: " + kind));
        }
        Sku parent = null;
        if (parentSku != null && !parentSku.isBlank()) {
            if (Sku.isValid(parentSku)) {
                parent = Sku.of(parentSku);
            } else {
                errors.add(new FieldError("parentSku", "親商品コードが商品コードとして正しくありません: " + parentSku));
            }
        }
        Gtin gtin = null;
        if (jan != null && !jan.isBlank()) {
            String problem = ProductValues.gtinProblem(jan.strip());
            if (problem == null) {
                gtin = Gtin.of(jan.strip());
            } else {
                errors.add(new FieldError("jan", problem));
            }
        }
        TaxRate rate = null;
        if (taxRate != null && (rate = ProductValues.parseTaxRate(taxRate)) == null) {
            errors.add(new FieldError("taxRate", "税区分は STANDARD_10 (標準10%) か REDUCED_8 (軽減8%) です: " + taxRate));
        }
        var starts = time("saleStartsAt", saleStartsAt, errors);
        var ends = time("saleEndsAt", saleEndsAt, errors);
        TemperatureZone zone = null;
        if (temperatureZone != null && (zone = TemperatureZone.parse(temperatureZone)) == null) {
            errors.add(new FieldError("temperatureZone", "温度帯は AMBIENT (常温)・CHILLED (冷蔵)・FROZEN (冷凍) のいずれかです: " + temperatureZone));
        }
        ProductStatus statusValue = null;
        if (status != null && (statusValue = ProductStatus.parse(status)) == null) {
            errors.add(new FieldError("status", "状態は ACTIVE (販売中) か DISCONTINUED (販売終了) です: " + status));
        }
        List<SetComponent> parts = new ArrayList<>();
        if (components != null) {
            for (int i = 0; i < components.size(); i++) {
                ComponentJson c = components.get(i);
                if (c == null || c.sku() == null || !Sku.isValid(c.sku())) {
                    errors.add(new FieldError("components[" + i + "].sku", "構成商品の商品コードが正しくありません: "
                            + (c == null ? null : c.sku())));
                    continue;
                }
                parts.add(new SetComponent(Sku.of(c.sku()), c.quantity() == null ? 1 : c.quantity()));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return new ProductDefinition(skuValue, kindValue, parent, gtin, name, nameKana, brand, category, price, rate,
                priceIncludesTax, costPrice, starts, ends, description, weightGrams, lengthMm, widthMm, heightMm, zone,
                shippingCategory, lotManaged, statusValue, variationAxes, variationValues, parts);
    }

    private static java.time.Instant time(String field, String text, List<FieldError> errors) {
        if (text == null || text.isBlank()) {
            return null;
        }
        java.time.Instant instant = ProductValues.parseDateTime(text);
        if (instant == null) {
            errors.add(new FieldError(field, "日時は ISO-8601 (2025-04-01T10:00:00+09:00) か 2025/04/01 10:00 で指定してください: " + text));
        }
        return instant;
    }
}
