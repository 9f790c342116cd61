package dev.ichigen.console;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.springframework.validation.BindingResult;

import dev.ichigen.catalog.Product;
import dev.ichigen.catalog.ProductDefinition;
import dev.ichigen.catalog.ProductKind;
import dev.ichigen.catalog.ProductStatus;
import dev.ichigen.catalog.ProductValues;
import dev.ichigen.catalog.SetComponent;
import dev.ichigen.catalog.TemperatureZone;
import dev.ichigen.shared.Gtin;
import dev.ichigen.shared.Sku;
import dev.ichigen.shared.TaxRate;

/**
 * The product form (商品登録・編集). Fields are named like the catalog's JSON fields, so a
 * {@code FieldError("components[0].sku")} lands under the right input. Numbers and times are kept as
 * typed (text) so that a wrong value is shown again as it was entered; they are read the way the catalog
 * reads typed values ({@link ProductValues}: {@code 1,980}, full-width digits, Japan time).
 */
class ProductForm {

    /** Empty rows offered below the set components for adding more. */
    static final int SPARE_COMPONENT_ROWS = 3;

    /** One line of a set (セット構成): SKU × quantity. */
    static class ComponentRow {
        private String sku;
        private String quantity;

        ComponentRow() {
        }

        ComponentRow(String sku, String quantity) {
            this.sku = sku;
            this.quantity = quantity;
        }

        public String getSku() { return sku; }
        public void setSku(String sku) { this.sku = sku; }
        public String getQuantity() { return quantity; }
        public void setQuantity(String quantity) { this.quantity = quantity; }

        boolean blank() {
            return isBlank(sku) && isBlank(quantity);
        }
    }

    private String sku;
    private ProductKind kind = ProductKind.SIMPLE;
    private String parentSku;
    private String jan;
    private String name;
    private String nameKana;
    private String brand;
    private String category;
    private String price;
    private TaxRate taxRate = TaxRate.STANDARD_10;
    private boolean priceIncludesTax = true;
    private String costPrice;
    private String saleStartsAt;
    private String saleEndsAt;
    private String description;
    private String weightGrams;
    private String lengthMm;
    private String widthMm;
    private String heightMm;
    private TemperatureZone temperatureZone = TemperatureZone.AMBIENT;
    private String shippingCategory;
    private boolean lotManaged;
    private ProductStatus status = ProductStatus.ACTIVE;
    private List<String> variationAxes = new ArrayList<>(List.of("", ""));
    private List<String> variationValues = new ArrayList<>(List.of("", ""));
    private List<ComponentRow> components = new ArrayList<>();
    /** The version the form was loaded with (optimistic replace); {@code null} for a new product. */
    private Long version;

    ProductForm() {
        padComponents();
    }

    static ProductForm of(Product p) {
        ProductForm f = new ProductForm();
        f.sku = p.sku().value();
        f.kind = p.kind();
        f.parentSku = p.parentSku() == null ? null : p.parentSku().value();
        f.jan = p.jan() == null ? null : p.jan().value();
        f.name = p.name();
        f.nameKana = p.nameKana();
        f.brand = p.brand();
        f.category = p.category();
        f.price = String.valueOf(p.price());
        f.taxRate = p.taxRate();
        f.priceIncludesTax = p.priceIncludesTax();
        f.costPrice = p.costPrice() == null ? null : String.valueOf(p.costPrice());
        f.saleStartsAt = ConsoleFormat.dateTimeLocal(p.saleStartsAt());
        f.saleEndsAt = ConsoleFormat.dateTimeLocal(p.saleEndsAt());
        f.description = p.description();
        f.weightGrams = text(p.weightGrams());
        f.lengthMm = text(p.lengthMm());
        f.widthMm = text(p.widthMm());
        f.heightMm = text(p.heightMm());
        f.temperatureZone = p.temperatureZone();
        f.shippingCategory = p.shippingCategory();
        f.lotManaged = p.lotManaged();
        f.status = p.status();
        f.variationAxes = twoOf(p.variationAxes());
        f.variationValues = twoOf(p.variationValues());
        f.components = new ArrayList<>(p.components().stream()
                .map(c -> new ComponentRow(c.sku().value(), String.valueOf(c.quantity()))).toList());
        f.version = p.version();
        f.padComponents();
        return f;
    }

    /**
     * The definition to save for {@code skuValue}. What the console itself cannot read (a number, a time, a
     * JAN) is rejected into {@code errors} under its field; the catalog checks the rest. Only the parts that
     * belong to the chosen kind are taken (axes for a parent, parent and values for a variant, components for
     * a set), so values left in a hidden section do not count. Set components are put in SKU order first,
     * as the catalog stores them, so that its {@code components[i]} errors name the row shown as row i.
     */
    ProductDefinition toDefinition(Sku skuValue, BindingResult errors) {
        ProductKind k = kind == null ? ProductKind.SIMPLE : kind;
        Sku parent = null;
        if (k == ProductKind.VARIANT && !isBlank(parentSku)) {
            if (Sku.isValid(parentSku.strip())) {
                parent = Sku.of(parentSku.strip());
            } else {
                errors.rejectValue("parentSku", "product.error.sku");
            }
        }
        Gtin gtin = null;
        if (!isBlank(jan)) {
            String problem = ProductValues.gtinProblem(jan.strip());
            if (problem == null) {
                gtin = Gtin.of(jan.strip());
            } else {
                errors.rejectValue("jan", "invalid", problem);
            }
        }
        Long priceValue = yen("price", price, errors);
        Long costValue = yen("costPrice", costPrice, errors);
        Instant starts = time("saleStartsAt", saleStartsAt, errors);
        Instant ends = time("saleEndsAt", saleEndsAt, errors);
        Integer weight = whole("weightGrams", weightGrams, errors);
        Integer length = whole("lengthMm", lengthMm, errors);
        Integer width = whole("widthMm", widthMm, errors);
        Integer height = whole("heightMm", heightMm, errors);
        List<SetComponent> parts = new ArrayList<>();
        if (k == ProductKind.SET) {
            components = new ArrayList<>(components.stream().filter(r -> r != null && !r.blank())
                    .sorted(Comparator.comparing(r -> r.getSku() == null ? "" : r.getSku().strip())).toList());
            for (int i = 0; i < components.size(); i++) {
                ComponentRow row = components.get(i);
                String s = row.getSku() == null ? "" : row.getSku().strip();
                row.setSku(s);
                Long quantity = isBlank(row.getQuantity()) ? Long.valueOf(1) : ProductValues.parseWholeNumber(row.getQuantity());
                if (quantity == null || quantity > Integer.MAX_VALUE || quantity < Integer.MIN_VALUE) {
                    errors.rejectValue("components[" + i + "].quantity", "product.error.number");
                    quantity = null;
                }
                if (!Sku.isValid(s)) {
                    errors.rejectValue("components[" + i + "].sku", "product.error.sku");
                } else if (quantity != null) {
                    parts.add(new SetComponent(Sku.of(s), quantity.intValue()));
                }
            }
        }
        return new ProductDefinition(skuValue, k, parent, gtin, name, nameKana, brand, category, priceValue, taxRate,
                priceIncludesTax, costValue, starts, ends, description, weight, length, width, height, temperatureZone,
                shippingCategory, lotManaged, status, k == ProductKind.PARENT ? trimmed(variationAxes) : List.of(),
                k == ProductKind.VARIANT ? trimmed(variationValues) : List.of(), parts);
    }

    /** Blank rows added so that the form always offers a few lines for more components. */
    void padComponents() {
        if (components == null) {
            components = new ArrayList<>();
        }
        int spare = (int) components.stream().filter(ComponentRow::blank).count();
        for (int i = spare; i < SPARE_COMPONENT_ROWS; i++) {
            components.add(new ComponentRow());
        }
        variationAxes = twoOf(variationAxes);
        variationValues = twoOf(variationValues);
    }

    private static Long yen(String field, String text, BindingResult errors) {
        if (isBlank(text)) {
            return null;
        }
        Long value = ProductValues.parseYen(text);
        if (value == null) {
            errors.rejectValue(field, "product.error.yen");
        }
        return value;
    }

    private static Integer whole(String field, String text, BindingResult errors) {
        if (isBlank(text)) {
            return null;
        }
        Long value = ProductValues.parseWholeNumber(text);
        if (value == null || value > Integer.MAX_VALUE || value < Integer.MIN_VALUE) {
            errors.rejectValue(field, "product.error.number");
            return null;
        }
        return value.intValue();
    }

    /** {@code datetime-local} sends {@code 2025-04-01T10:00}: Japan time. */
    private static Instant time(String field, String text, BindingResult errors) {
        if (isBlank(text)) {
            return null;
        }
        Instant value = ProductValues.parseDateTime(text);
        if (value == null) {
            errors.rejectValue(field, "product.error.dateTime");
        }
        return value;
    }

    /** The list without trailing blanks ({@code [カラー, ""]} is one axis). */
    private static List<String> trimmed(List<String> values) {
        List<String> list = new ArrayList<>(values == null ? List.of() : values.stream().map(v -> v == null ? "" : v.strip()).toList());
        while (!list.isEmpty() && list.getLast().isEmpty()) {
            list.removeLast();
        }
        return list;
    }

    private static List<String> twoOf(List<String> values) {
        List<String> list = new ArrayList<>(values == null ? List.of() : values);
        while (list.size() < 2) {
            list.add("");
        }
        return list;
    }

    private static String text(Integer value) {
        return value == null ? null : value.toString();
    }

    static boolean isBlank(String text) {
        return text == null || text.isBlank();
    }

    public String getSku() { return sku; }
    public void setSku(String sku) { this.sku = sku; }
    public ProductKind getKind() { return kind; }
    public void setKind(ProductKind kind) { this.kind = kind; }
    public String getParentSku() { return parentSku; }
    public void setParentSku(String parentSku) { this.parentSku = parentSku; }
    public String getJan() { return jan; }
    public void setJan(String jan) { this.jan = jan; }
    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public String getNameKana() { return nameKana; }
    public void setNameKana(String nameKana) { this.nameKana = nameKana; }
    public String getBrand() { return brand; }
    public void setBrand(String brand) { this.brand = brand; }
    public String getCategory() { return category; }
    public void setCategory(String category) { this.category = category; }
    public String getPrice() { return price; }
    public void setPrice(String price) { this.price = price; }
    public TaxRate getTaxRate() { return taxRate; }
    public void setTaxRate(TaxRate taxRate) { this.taxRate = taxRate; }
    public boolean isPriceIncludesTax() { return priceIncludesTax; }
    public void setPriceIncludesTax(boolean priceIncludesTax) { this.priceIncludesTax = priceIncludesTax; }
    public String getCostPrice() { return costPrice; }
    public void setCostPrice(String costPrice) { this.costPrice = costPrice; }
    public String getSaleStartsAt() { return saleStartsAt; }
    public void setSaleStartsAt(String saleStartsAt) { this.saleStartsAt = saleStartsAt; }
    public String getSaleEndsAt() { return saleEndsAt; }
    public void setSaleEndsAt(String saleEndsAt) { this.saleEndsAt = saleEndsAt; }
    public String getDescription() { return description; }
    public void setDescription(String description) { this.description = description; }
    public String getWeightGrams() { return weightGrams; }
    public void setWeightGrams(String weightGrams) { this.weightGrams = weightGrams; }
    public String getLengthMm() { return lengthMm; }
    public void setLengthMm(String lengthMm) { this.lengthMm = lengthMm; }
    public String getWidthMm() { return widthMm; }
    public void setWidthMm(String widthMm) { this.widthMm = widthMm; }
    public String getHeightMm() { return heightMm; }
    public void setHeightMm(String heightMm) { this.heightMm = heightMm; }
    public TemperatureZone getTemperatureZone() { return temperatureZone; }
    public void setTemperatureZone(TemperatureZone temperatureZone) { this.temperatureZone = temperatureZone; }
    public String getShippingCategory() { return shippingCategory; }
    public void setShippingCategory(String shippingCategory) { this.shippingCategory = shippingCategory; }
    public boolean isLotManaged() { return lotManaged; }
    public void setLotManaged(boolean lotManaged) { this.lotManaged = lotManaged; }
    public ProductStatus getStatus() { return status; }
    public void setStatus(ProductStatus status) { this.status = status; }
    public List<String> getVariationAxes() { return variationAxes; }
    public void setVariationAxes(List<String> variationAxes) { this.variationAxes = variationAxes; }
    public List<String> getVariationValues() { return variationValues; }
    public void setVariationValues(List<String> variationValues) { this.variationValues = variationValues; }
    public List<ComponentRow> getComponents() { return components; }
    public void setComponents(List<ComponentRow> components) { this.components = components; }
    public Long getVersion() { return version; }
    public void setVersion(Long version) { this.version = version; }
}
