package dev.ichigen.catalog.csv;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.ichigen.catalog.ProductDefinition;
import dev.ichigen.catalog.SetComponent;
import dev.ichigen.shared.Sku;
import dev.ichigen.shared.csv.CsvRow;

class ProductCsvFormatTests {

    @Test
    void headersAreRecognisedInJapaneseEnglishAndFullWidth() {
        assertThat(ProductCsvColumn.ofHeader("商品コード（ＳＫＵ）")).isEqualTo(ProductCsvColumn.SKU);
        assertThat(ProductCsvColumn.ofHeader("sku")).isEqualTo(ProductCsvColumn.SKU);
        assertThat(ProductCsvColumn.ofHeader("Price")).isEqualTo(ProductCsvColumn.PRICE);
        assertThat(ProductCsvColumn.ofHeader("重量（ｇ）")).isEqualTo(ProductCsvColumn.WEIGHT_GRAMS);
        assertThat(ProductCsvColumn.ofHeader("バリエーション 項目1")).isEqualTo(ProductCsvColumn.VARIATION_AXIS_1);
        assertThat(ProductCsvColumn.ofHeader("\uFEFF商品コード")).isEqualTo(ProductCsvColumn.SKU);
        assertThat(ProductCsvColumn.ofHeader("メモ")).isNull();
    }

    @Test
    void duplicateAndMissingColumnsMakeTheFileUnreadable() {
        var mapping = ProductCsvFormat.mapHeader(new CsvRow(1, List.of("sku", "商品コード", "name")));
        assertThat(mapping.problems()).singleElement().asString().contains("同じ項目");
        assertThat(ProductCsvFormat.mapHeader(new CsvRow(1, List.of("商品名", "販売価格"))).problems())
                .singleElement().asString().contains("商品コード(SKU)");
    }

    @Test
    void setCompositionIsReadInItsShortForms() {
        var mapping = ProductCsvFormat.mapHeader(new CsvRow(1, List.of("商品コード", "セット構成")));
        var row = ProductCsvFormat.parse(new CsvRow(2, List.of("SET-1", "ＳＫＵ－Ａ＊２；SKU-B×3\nSKU-C")), mapping);
        assertThat(row.errors()).isEmpty();
        assertThat(row.values().components()).containsExactly(new SetComponent(Sku.of("SKU-A"), 2),
                new SetComponent(Sku.of("SKU-B"), 3), new SetComponent(Sku.of("SKU-C"), 1));
        var bad = ProductCsvFormat.parse(new CsvRow(3, List.of("SET-2", "SKU A*2")), mapping);
        assertThat(bad.errors()).singleElement().satisfies(e -> assertThat(e.column()).isEqualTo(ProductCsvColumn.COMPONENTS));
    }

    @Test
    void absentColumnsAndShortRowsKeepStoredValuesWhileBlankCellsClearThem() {
        var mapping = ProductCsvFormat.mapHeader(new CsvRow(1, List.of("商品コード", "ブランド", "原価", "バリエーション値2")));
        ProductDefinition stored = ProductDefinition.simple(Sku.of("A-1"), "保存済み", 100);
        stored = new ProductDefinition(stored.sku(), null, null, null, "保存済み", null, "旧ブランド", null, 100L, null, null,
                50L, null, null, null, null, null, null, null, null, null, null, null, null, null, null);
        var blankBrand = ProductCsvFormat.parse(new CsvRow(2, List.of("A-1", "", "60")), mapping).over(stored);
        assertThat(blankBrand.name()).isEqualTo("保存済み");
        assertThat(blankBrand.brand()).isNull();
        assertThat(blankBrand.costPrice()).isEqualTo(60);
        var shortRow = ProductCsvFormat.parse(new CsvRow(3, List.of("A-1")), mapping).over(stored);
        assertThat(shortRow.brand()).isEqualTo("旧ブランド");
        assertThat(shortRow.costPrice()).isEqualTo(50);
    }

    @Test
    void valuesInColumnsWithoutAHeaderAreAnError() {
        var mapping = ProductCsvFormat.mapHeader(new CsvRow(1, List.of("商品コード", "商品名")));
        var row = ProductCsvFormat.parse(new CsvRow(2, List.of("A-1", "名前", "ずれた値")), mapping);
        assertThat(row.errors()).singleElement().satisfies(e -> assertThat(e.message()).contains("3列目"));
    }
}
