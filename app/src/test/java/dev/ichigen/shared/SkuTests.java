package dev.ichigen.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

class SkuTests {

    @Test
    void acceptsTheCharactersShopsUseInCodes() {
        assertThat(Sku.of("TSHIRT-ORG_NV.M+2#1").value()).isEqualTo("TSHIRT-ORG_NV.M+2#1");
        assertThat(Sku.isValid("a".repeat(64))).isTrue();
    }

    @Test
    void refusesSlashesSpacesAndOverlongCodes() {
        assertThatIllegalArgumentException().isThrownBy(() -> Sku.of("TEA/100")).withMessageContaining("SKU");
        assertThatIllegalArgumentException().isThrownBy(() -> Sku.of("TEA 100"));
        assertThatIllegalArgumentException().isThrownBy(() -> Sku.of("-LEADING"));
        assertThat(Sku.isValid("a".repeat(65))).isFalse();
        assertThat(Sku.isValid("")).isFalse();
    }
}
