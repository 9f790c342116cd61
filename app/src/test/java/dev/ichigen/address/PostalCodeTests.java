package dev.ichigen.address;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import dev.ichigen.shared.InvalidInputException;

class PostalCodeTests {

    @Test
    void readsTheWaysPeopleWritePostalCodes() {
        for (String text : new String[] { "1000001", "100-0001", "１００－０００１", "〒100-0001", "〒 100-0001", " 100 0001 ",
                "100ー0001", "100−0001", "１０００００１" }) {
            assertThat(PostalCode.tryParse(text)).as(text).isEqualTo(new PostalCode("1000001"));
        }
        assertThat(new PostalCode("1000001").formatted()).isEqualTo("100-0001");
    }

    @Test
    void refusesAnythingElseNamingTheField() {
        for (String text : new String[] { "100001", "10000011", "1000-001", "100--0001", "ABC-DEFG", "1OO-0001", "", "〒" }) {
            assertThat(PostalCode.tryParse(text)).as(text).isNull();
        }
        assertThatThrownBy(() -> PostalCode.parse("12-34567", "shipTo.postalCode")).isInstanceOf(InvalidInputException.class)
                .satisfies(e -> {
                    var error = ((InvalidInputException) e).errors().getFirst();
                    assertThat(error.field()).isEqualTo("shipTo.postalCode");
                    assertThat(error.message()).contains("7桁").contains("12-34567");
                });
        assertThatThrownBy(() -> PostalCode.parse(null, "code")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("郵便番号がありません");
    }
}
