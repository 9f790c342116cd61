package dev.ichigen.payment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class PayerNameTests {

    @Test
    void bankStyleHalfWidthKanaWithoutSmallLettersEqualsTheOrderKana() {
        assertThat(PayerName.of("ｼﾖｳｼﾞ ﾀﾛｳ").key()).isEqualTo(PayerName.key("ショウジ　タロウ"));
        assertThat(PayerName.of("ｼﾖｳｼﾞ ﾀﾛｳ").key()).isEqualTo(PayerName.key("しょうじ たろう"));
        assertThat(PayerName.key("ユーコ")).isEqualTo(PayerName.of("ﾕ-ｺ").key());
    }

    @Test
    void companyMarkersAndSpacesAreRemoved() {
        assertThat(PayerName.of("ｶ)ｲﾁｹﾞﾝｼﾖｳｼﾞ").key()).isEqualTo("イチゲンシヨウジ");
        assertThat(PayerName.of("ｲﾁｹﾞﾝｼﾖｳｼﾞ(ｶ").key()).isEqualTo("イチゲンシヨウジ");
        assertThat(PayerName.of("ﾕ)ﾔﾏﾀﾞｼﾖｳﾃﾝ").key()).isEqualTo("ヤマダシヨウテン");
    }

    @Test
    void orderNumbersInThePayerNameAreTakenOut() {
        PayerName p = PayerName.of("ﾔﾏﾀﾞﾀﾛｳ 12345");
        assertThat(p.key()).isEqualTo("ヤマダタロウ");
        assertThat(p.numbers()).isEqualTo(List.of("12345"));
        assertThat(PayerName.of("１２３４５６　ヤマダ").numbers()).containsExactly("123456");
        assertThat(PayerName.of("ﾔﾏﾀﾞ ord-1001").numbers()).containsExactly("ORD-1001");
        assertThat(PayerName.orderNumberKey("#ord-1001")).isEqualTo("ORD-1001");
        // short digits (a room number, 3 digits) are no order number
        assertThat(PayerName.of("ﾔﾏﾀﾞ 101").numbers()).isEmpty();
    }
}
