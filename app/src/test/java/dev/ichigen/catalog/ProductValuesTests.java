package dev.ichigen.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import dev.ichigen.shared.TaxRate;

class ProductValuesTests {

    @Test
    void readsYenAsShopStaffTypeIt() {
        assertThat(ProductValues.parseYen("1,980")).isEqualTo(1980);
        assertThat(ProductValues.parseYen("¥1,980")).isEqualTo(1980);
        assertThat(ProductValues.parseYen("１，９８０円")).isEqualTo(1980);
        assertThat(ProductValues.parseYen("1980.0")).isEqualTo(1980);
        assertThat(ProductValues.parseYen("\\500")).as("CP932 0x5C is shown as ¥").isEqualTo(500);
        assertThat(ProductValues.parseYen("19.80")).isNull();
        assertThat(ProductValues.parseYen("abc")).isNull();
    }

    @Test
    void readsShopTimesInJapanUnlessAnOffsetIsGiven() {
        assertThat(ProductValues.parseDateTime("2025/04/01 10:00")).isEqualTo(Instant.parse("2025-04-01T01:00:00Z"));
        assertThat(ProductValues.parseDateTime("2025/4/1 9:05:30")).isEqualTo(Instant.parse("2025-04-01T00:05:30Z"));
        assertThat(ProductValues.parseDateTime("2025-04-01T10:00")).isEqualTo(Instant.parse("2025-04-01T01:00:00Z"));
        assertThat(ProductValues.parseDateTime("2025/04/01")).isEqualTo(Instant.parse("2025-03-31T15:00:00Z"));
        assertThat(ProductValues.parseDateTime("2025-04-01T01:00:00Z")).isEqualTo(Instant.parse("2025-04-01T01:00:00Z"));
        assertThat(ProductValues.parseDateTime("2025-04-01T10:00:00+0900")).isEqualTo(Instant.parse("2025-04-01T01:00:00Z"));
        assertThat(ProductValues.parseDateTime("２０２５／０４／０１ １０：００")).isEqualTo(Instant.parse("2025-04-01T01:00:00Z"));
        assertThat(ProductValues.parseDateTime("2025/02/30 10:00")).isNull();
        assertThat(ProductValues.parseDateTime("来週")).isNull();
        assertThat(ProductValues.formatDateTime(Instant.parse("2025-04-01T01:00:00Z"))).isEqualTo("2025/04/01 10:00");
        assertThat(ProductValues.formatDateTime(Instant.parse("2025-04-01T01:00:30Z"))).isEqualTo("2025/04/01 10:00:30");
    }

    @Test
    void readsJapaneseLabelsForCodes() {
        assertThat(ProductValues.parseTaxRate("軽減税率8%")).isEqualTo(TaxRate.REDUCED_8);
        assertThat(ProductValues.parseTaxRate("標準10%")).isEqualTo(TaxRate.STANDARD_10);
        assertThat(ProductValues.parseTaxRate("１０％")).isEqualTo(TaxRate.STANDARD_10);
        assertThat(ProductValues.parseTaxRate("5")).isNull();
        assertThat(ProductValues.parsePriceIncludesTax("税抜")).isFalse();
        assertThat(ProductValues.parsePriceIncludesTax("1")).isTrue();
        assertThat(ProductValues.parseYesNo("はい")).isTrue();
        assertThat(ProductValues.parseYesNo("いいえ")).isFalse();
        assertThat(ProductValues.parseYesNo("たぶん")).isNull();
        assertThat(ProductValues.parseKind("セット")).isEqualTo(ProductKind.SET);
        assertThat(ProductValues.parseKind("variant")).isEqualTo(ProductKind.VARIANT);
        assertThat(TemperatureZone.parse("冷凍")).isEqualTo(TemperatureZone.FROZEN);
        assertThat(TemperatureZone.parse("クール冷蔵")).isEqualTo(TemperatureZone.CHILLED);
        assertThat(ProductStatus.parse("販売終了")).isEqualTo(ProductStatus.DISCONTINUED);
    }
}
