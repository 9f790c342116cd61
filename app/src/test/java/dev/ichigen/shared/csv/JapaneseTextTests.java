package dev.ichigen.shared.csv;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JapaneseTextTests {

    @Test
    void nfkcTurnsFullWidthCodesAndNumbersIntoAscii() {
        assertThat(JapaneseText.nfkc("　ＡＢＣ－００１ ")).isEqualTo("ABC-001");
        assertThat(JapaneseText.nfkc("４９０１２３４５６７８９４")).isEqualTo("4901234567894");
        assertThat(JapaneseText.nfkc("ｶﾞｰﾙｽﾞ")).isEqualTo("ガールズ");
        assertThat(JapaneseText.nfkcOrNull("　")).isNull();
    }

    @Test
    void fullWidthKatakanaOnlyTouchesHalfWidthKana() {
        assertThat(JapaneseText.fullWidthKatakana("ｶﾞｰﾙｽﾞ Tｼｬﾂ ①㈱ ＡＢＣ～")).isEqualTo("ガールズ Tシャツ ①㈱ ＡＢＣ～");
        assertThat(JapaneseText.fullWidthKatakana("ﾊﾟﾝ｡｢ﾎﾟｲﾝﾄ｣")).isEqualTo("パン。「ポイント」");
        assertThat(JapaneseText.fullWidthKatakana("ﾞ")).isEqualTo("゛");
        assertThat(JapaneseText.fullWidthKatakana("そのまま")).isEqualTo("そのまま");
    }
}
