package dev.ichigen.catalog;

import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import dev.ichigen.catalog.ProductStore.Reference;
import dev.ichigen.catalog.ProductStore.VariantKey;
import dev.ichigen.shared.FieldError;
import dev.ichigen.shared.Sku;
import dev.ichigen.shared.TaxRate;
import dev.ichigen.shared.csv.JapaneseText;

/**
 * The rules of the product master, shared by the REST API and the CSV import. Messages are Japanese
 * (shop staff read them in the console and in import reports); fields carry the JSON names
 * ({@code variationValues[1]}, {@code components[0].sku}), which the CSV import maps to its columns.
 */
final class ProductRules {

    static final long MAX_PRICE = 999_999_999L; // 楽天/Yahoo! accept prices up to 9 digits
    static final int MAX_COMPONENTS = 100;

    /** What the rules need to know about other products: as stored, or as they will be after an import. */
    interface Context {

        /** How {@code sku} is stored now, if it exists. */
        Optional<ProductKind> storedKind(Sku sku);

        /** Kind and axes {@code sku} will have once this change is made (the stored ones unless the change redefines it). */
        Optional<Reference> reference(Sku sku);

        /** The variants that will hang under {@code parent}, with their values. */
        List<VariantKey> variantsOf(Sku parent);
    }

    private ProductRules() {
    }

    /**
     * The definition as it will be stored: defaults applied, kind derived when not given, text
     * normalised (half-width katakana → full-width in names; NFKC for the kana reading and variation
     * values; CR LF → LF), times cut to whole seconds, components in SKU order.
     */
    static ProductDefinition normalise(ProductDefinition d) {
        List<String> axes = d.variationAxes().stream().map(ProductRules::nfkcKeepEmpty).toList();
        List<String> values = d.variationValues().stream().map(ProductRules::nfkcKeepEmpty).toList();
        ProductKind kind = d.kind();
        if (kind == null) {
            kind = d.parentSku() != null ? ProductKind.VARIANT
                    : !d.components().isEmpty() ? ProductKind.SET
                    : axes.stream().anyMatch(a -> !a.isEmpty()) ? ProductKind.PARENT
                    : ProductKind.SIMPLE;
        }
        return new ProductDefinition(d.sku(), kind, d.parentSku(), d.jan(), text(d.name()),
                JapaneseText.nfkcOrNull(d.nameKana()), text(d.brand()), text(d.category()), d.price(),
                d.taxRate() == null ? TaxRate.STANDARD_10 : d.taxRate(),
                d.priceIncludesTax() == null ? Boolean.TRUE : d.priceIncludesTax(), d.costPrice(),
                d.saleStartsAt() == null ? null : d.saleStartsAt().truncatedTo(ChronoUnit.SECONDS),
                d.saleEndsAt() == null ? null : d.saleEndsAt().truncatedTo(ChronoUnit.SECONDS),
                description(d.description()), d.weightGrams(), d.lengthMm(), d.widthMm(), d.heightMm(),
                d.temperatureZone() == null ? TemperatureZone.AMBIENT : d.temperatureZone(), text(d.shippingCategory()),
                d.lotManaged() == null ? Boolean.FALSE : d.lotManaged(),
                d.status() == null ? ProductStatus.ACTIVE : d.status(), axes, values,
                d.components().stream().sorted(Comparator.comparing(c -> c.sku() == null ? "" : c.sku().value())).toList());
    }

    /** Everything wrong with a normalised definition; empty when it may be saved. */
    static List<FieldError> check(ProductDefinition d, Context context) {
        List<FieldError> errors = new ArrayList<>();
        checkFields(d, errors);
        checkKind(d, context, errors);
        return errors;
    }

    private static void checkFields(ProductDefinition d, List<FieldError> errors) {
        if (d.sku() == null) {
            errors.add(new FieldError("sku", "商品コード(SKU)は必須です"));
        }
        if (d.name() == null) {
            errors.add(new FieldError("name", "商品名は必須です"));
        }
        length(errors, "name", d.name(), 255);
        length(errors, "nameKana", d.nameKana(), 255);
        length(errors, "brand", d.brand(), 100);
        length(errors, "category", d.category(), 200);
        length(errors, "shippingCategory", d.shippingCategory(), 50);
        length(errors, "description", d.description(), 20_000);
        if (d.price() == null) {
            errors.add(new FieldError("price", "販売価格は必須です"));
        } else {
            amount(errors, "price", "販売価格", d.price());
        }
        if (d.costPrice() != null) {
            amount(errors, "costPrice", "原価", d.costPrice());
        }
        if (d.saleStartsAt() != null && d.saleEndsAt() != null && !d.saleStartsAt().isBefore(d.saleEndsAt())) {
            errors.add(new FieldError("saleEndsAt", "販売終了日時は販売開始日時より後にしてください"));
        }
        size(errors, "weightGrams", "重量", d.weightGrams());
        size(errors, "lengthMm", "縦", d.lengthMm());
        size(errors, "widthMm", "横", d.widthMm());
        size(errors, "heightMm", "高さ", d.heightMm());
    }

    private static void checkKind(ProductDefinition d, Context context, List<FieldError> errors) {
        ProductKind kind = d.kind();
        if (kind != ProductKind.VARIANT && d.parentSku() != null) {
            errors.add(new FieldError("parentSku", "親商品コードを指定できるのはバリエーション(VARIANT)だけです"));
        }
        if (kind != ProductKind.PARENT && !d.variationAxes().isEmpty()) {
            errors.add(new FieldError("variationAxes", "バリエーション項目を持てるのは親商品(PARENT)だけです"));
        }
        if (kind != ProductKind.VARIANT && !d.variationValues().isEmpty()) {
            errors.add(new FieldError("variationValues", "バリエーション値を持てるのはバリエーション(VARIANT)だけです"));
        }
        if (kind != ProductKind.SET && !d.components().isEmpty()) {
            errors.add(new FieldError("components", "セット構成を持てるのはセット商品(SET)だけです"));
        }
        if (!kind.stocked() && Boolean.TRUE.equals(d.lotManaged())) {
            errors.add(new FieldError("lotManaged", "ロット管理できるのは在庫を持つ商品(SIMPLE/VARIANT)だけです"));
        }
        if (d.sku() == null) {
            return;
        }
        Optional<ProductKind> stored = context.storedKind(d.sku());
        if (stored.isPresent() && stored.get().stocked() != kind.stocked()) {
            // Stock is kept for SIMPLE/VARIANT only: turning a stocked SKU into a set or parent (or back)
            // would strand or invent its stock, which the inventory module alone knows about.
            errors.add(new FieldError("kind", "種別を " + stored.get() + " から " + kind
                    + " には変更できません（在庫を持つ商品と持たない商品の間の変更はできません）"));
        }
        if (kind != ProductKind.PARENT && !context.variantsOf(d.sku()).isEmpty()) {
            errors.add(new FieldError("kind", "バリエーション(子商品)がある親商品は " + kind + " に変更できません"));
        }
        switch (kind) {
            case PARENT -> checkParent(d, context, errors);
            case VARIANT -> checkVariant(d, context, errors);
            case SET -> checkSet(d, context, errors);
            case SIMPLE -> {
            }
        }
    }

    private static void checkParent(ProductDefinition d, Context context, List<FieldError> errors) {
        List<String> axes = d.variationAxes();
        if (axes.isEmpty() || axes.size() > 2) {
            errors.add(new FieldError("variationAxes", "親商品にはバリエーション項目を1つか2つ指定してください（例: カラー, サイズ）"));
            return;
        }
        for (int i = 0; i < axes.size(); i++) {
            if (axes.get(i).isEmpty()) {
                errors.add(new FieldError("variationAxes[" + i + "]", "バリエーション項目" + (i + 1) + "が空です"));
            } else if (axes.get(i).length() > 50) {
                errors.add(new FieldError("variationAxes[" + i + "]", "バリエーション項目は50文字以内にしてください"));
            }
        }
        if (axes.size() == 2 && axes.get(0).equals(axes.get(1))) {
            errors.add(new FieldError("variationAxes[1]", "バリエーション項目が重複しています: " + axes.get(1)));
        }
        List<VariantKey> variants = context.variantsOf(d.sku());
        if (!variants.isEmpty() && variants.getFirst().values().size() != axes.size()) {
            errors.add(new FieldError("variationAxes", "バリエーション(子商品)が " + variants.size()
                    + " 件あるため、バリエーション項目の数は変えられません（" + variants.getFirst().values().size() + " 項目）"));
        }
    }

    private static void checkVariant(ProductDefinition d, Context context, List<FieldError> errors) {
        if (d.parentSku() == null) {
            errors.add(new FieldError("parentSku", "バリエーション(VARIANT)には親商品コードが必要です"));
            return;
        }
        if (d.parentSku().equals(d.sku())) {
            errors.add(new FieldError("parentSku", "自分自身を親商品にはできません"));
            return;
        }
        Optional<Reference> parent = context.reference(d.parentSku());
        if (parent.isEmpty()) {
            errors.add(new FieldError("parentSku", "親商品 " + d.parentSku() + " が登録されていません"));
            return;
        }
        if (parent.get().kind() != ProductKind.PARENT) {
            errors.add(new FieldError("parentSku", "親商品 " + d.parentSku() + " は親商品(PARENT)ではありません（" + parent.get().kind() + "）"));
            return;
        }
        List<String> axes = parent.get().variationAxes();
        List<String> values = d.variationValues();
        if (values.size() != axes.size()) {
            errors.add(new FieldError("variationValues", "親商品のバリエーション項目 " + String.join("・", axes) + " の "
                    + axes.size() + " つすべてに値を指定してください"));
            return;
        }
        boolean valid = true;
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i).isEmpty()) {
                errors.add(new FieldError("variationValues[" + i + "]", axes.get(i) + " の値が空です"));
                valid = false;
            } else if (values.get(i).length() > 100) {
                errors.add(new FieldError("variationValues[" + i + "]", "バリエーション値は100文字以内にしてください"));
                valid = false;
            }
        }
        if (!valid) {
            return;
        }
        for (VariantKey other : context.variantsOf(d.parentSku())) {
            if (!other.sku().equals(d.sku()) && other.values().equals(values)) {
                errors.add(new FieldError("variationValues", "親商品 " + d.parentSku() + " に同じバリエーション（"
                        + String.join(" × ", values) + "）の商品 " + other.sku() + " があります"));
                return;
            }
        }
    }

    private static void checkSet(ProductDefinition d, Context context, List<FieldError> errors) {
        List<SetComponent> components = d.components();
        if (components.isEmpty()) {
            errors.add(new FieldError("components", "セット商品には構成商品を1つ以上指定してください"));
            return;
        }
        if (components.size() > MAX_COMPONENTS) {
            errors.add(new FieldError("components", "構成商品は" + MAX_COMPONENTS + "種類までです"));
        }
        Set<Sku> seen = new HashSet<>();
        for (int i = 0; i < components.size(); i++) {
            SetComponent c = components.get(i);
            String field = "components[" + i + "]";
            if (c.sku() == null) {
                errors.add(new FieldError(field + ".sku", "構成商品の商品コードがありません"));
                continue;
            }
            if (c.quantity() < 1) {
                errors.add(new FieldError(field + ".quantity", c.sku() + " の数量は1以上にしてください"));
            }
            if (!seen.add(c.sku())) {
                errors.add(new FieldError(field + ".sku", c.sku() + " が構成に2回あります。数量をまとめてください"));
                continue;
            }
            if (c.sku().equals(d.sku())) {
                errors.add(new FieldError(field + ".sku", "セット商品に自分自身は入れられません"));
                continue;
            }
            Optional<Reference> component = context.reference(c.sku());
            if (component.isEmpty()) {
                errors.add(new FieldError(field + ".sku", "構成商品 " + c.sku() + " が登録されていません"));
            } else if (component.get().kind() == ProductKind.SET) {
                errors.add(new FieldError(field + ".sku", c.sku() + " はセット商品です。セットの中にセットは入れられません"));
            } else if (!component.get().kind().stocked()) {
                errors.add(new FieldError(field + ".sku", c.sku() + " は親商品(PARENT)で在庫を持ちません。バリエーションの商品コードを指定してください"));
            }
        }
    }

    private static void length(List<FieldError> errors, String field, String value, int max) {
        if (value != null && value.length() > max) {
            errors.add(new FieldError(field, max + "文字以内にしてください（" + value.length() + "文字）"));
        }
    }

    private static void amount(List<FieldError> errors, String field, String label, long value) {
        if (value < 0) {
            errors.add(new FieldError(field, label + "は0円以上にしてください"));
        } else if (value > MAX_PRICE) {
            errors.add(new FieldError(field, label + "は999,999,999円以下にしてください"));
        }
    }

    private static void size(List<FieldError> errors, String field, String label, Integer value) {
        if (value != null && value < 0) {
            errors.add(new FieldError(field, label + "は0以上にしてください"));
        }
    }

    private static String text(String value) {
        if (value == null) {
            return null;
        }
        String t = JapaneseText.fullWidthKatakana(value).strip();
        return t.isEmpty() ? null : t;
    }

    private static String description(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return JapaneseText.fullWidthKatakana(value.replace("\r\n", "\n").replace('\r', '\n')).stripTrailing();
    }

    private static String nfkcKeepEmpty(String value) {
        return value == null ? "" : JapaneseText.nfkc(value);
    }
}
