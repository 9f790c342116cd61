package dev.ichigen.documents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** 登録番号: T + 13 digits, the first the 法人番号 check digit (法人番号の指定等に関する省令 第2条). */
class RegistrationNumberTests {

    @Test
    void theCheckDigitFollowsTheOrdinance() {
        // NTA worked example: 基礎番号 123456789012 → Σ = 74, 74 mod 9 = 2, 9 − 2 = 7
        assertThat(RegistrationNumber.checkDigit("123456789012")).isEqualTo(7);
        // a sum divisible by 9 gives 9, never 0
        assertThat(RegistrationNumber.checkDigit("000000000000")).isEqualTo(9);
        assertThat(RegistrationNumber.checkDigit("000000000009")).isEqualTo(9); // 9 × 1 = 9, mod 9 = 0
        assertThat(RegistrationNumber.checkDigit("000000000010")).isEqualTo(7); // 1 × 2 = 2
    }

    @Test
    void validNumbersAreAcceptedAndNormalised() {
        assertThat(RegistrationNumber.normalize("T7123456789012")).isEqualTo("T7123456789012");
        assertThat(RegistrationNumber.normalize(" t7123456789012 ")).isEqualTo("T7123456789012");
        assertThat(RegistrationNumber.normalize("Ｔ７１２３４５６７８９０１２")).isEqualTo("T7123456789012");
        assertThat(RegistrationNumber.normalize("T7-1234-5678-9012")).isEqualTo("T7123456789012");
        assertThat(RegistrationNumber.normalize("T9000000000000")).isEqualTo("T9000000000000");
        assertThat(RegistrationNumber.isValid("T7123456789012")).isTrue();
    }

    @Test
    void aWrongCheckDigitIsRefusedNamingTheRightOne() {
        assertThatThrownBy(() -> RegistrationNumber.normalize("T1123456789012")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("チェックデジット").hasMessageContaining("正しくは 7");
        // two swapped digits are caught (weights 1 and 2 alternate)
        assertThat(RegistrationNumber.isValid("T7123456789021")).isFalse();
        assertThat(RegistrationNumber.isValid("T0000000000000")).isFalse();
    }

    @Test
    void aWrongLengthIsRefused() {
        assertThat(RegistrationNumber.isValid("T712345678901")).isFalse(); // 12 digits
        assertThat(RegistrationNumber.isValid("T71234567890123")).isFalse(); // 14 digits
        assertThat(RegistrationNumber.isValid("T712345678901A")).isFalse();
        assertThatThrownBy(() -> RegistrationNumber.normalize("T712345678901")).hasMessageContaining("T + 13桁");
    }

    @Test
    void theLeadingTIsRequired() {
        assertThatThrownBy(() -> RegistrationNumber.normalize("7123456789012")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("T で始まります");
        assertThat(RegistrationNumber.isValid("X7123456789012")).isFalse();
        assertThat(RegistrationNumber.isValid("")).isFalse();
        assertThat(RegistrationNumber.isValid(null)).isFalse();
    }
}
