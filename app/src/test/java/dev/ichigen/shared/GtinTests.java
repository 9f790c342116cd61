package dev.ichigen.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import dev.ichigen.catalog.ProductValues;

class GtinTests {

    @Test
    void acceptsJanEan8AndUpcAWithCorrectCheckDigits() {
        assertThat(Gtin.of("4901234567894").kind()).isEqualTo("JAN/EAN-13");
        assertThat(Gtin.of("49012347").kind()).isEqualTo("EAN-8");
        assertThat(Gtin.of("036000291452").kind()).isEqualTo("UPC-A");
        assertThat(Gtin.problem("4569951116179")).isNull();
    }

    @Test
    void computesTheGs1CheckDigit() {
        assertThat(Gtin.checkDigit("490123456789")).isEqualTo(4);
        assertThat(Gtin.checkDigit("4901234")).isEqualTo(7);
        assertThat(Gtin.checkDigit("03600029145")).isEqualTo(2);
        assertThat(Gtin.checkDigit("000000000000")).isZero();
    }

    @Test
    void refusesWrongCheckDigitLengthAndNonDigits() {
        assertThatThrownBy(() -> Gtin.of("4901234567890")).hasMessageContaining("should be 4");
        assertThat(Gtin.problem("490123456789")).contains("check digit");
        assertThat(Gtin.problem("49012345678")).contains("11");
        assertThat(Gtin.problem("49O1234567894")).contains("digits only");
        assertThat(Gtin.problem("")).isNotNull();
    }

    @Test
    void explainsProblemsInJapaneseForShopStaff() {
        assertThat(ProductValues.gtinProblem("4901234567890")).isEqualTo("チェックデジットが正しくありません（4901234567890 の末尾は 4 のはずです）");
        assertThat(ProductValues.gtinProblem("4.90123E+12")).contains("指数表記");
        assertThat(ProductValues.gtinProblem("12345")).contains("5桁");
        assertThat(ProductValues.gtinProblem("4901234567894")).isNull();
    }
}
