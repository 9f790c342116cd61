package dev.ichigen.address;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AddressTextTests {

    @Test
    void fullAndHalfWidthAndSpacesCompareEqual() {
        assertThat(AddressText.normalise("東京都　千代田区 千代田１－１")).isEqualTo("東京都千代田区千代田1-1");
        assertThat(AddressText.normalise("ﾁﾖﾀﾞｸ")).isEqualTo("チヨダク");
        assertThat(AddressText.normalise("ＪＰタワー")).isEqualTo(AddressText.normalise("jpタワー"));
        assertThat(AddressText.normalise(null)).isEmpty();
    }

    @Test
    void hyphenLookAlikesBecomeOneHyphenButKatakanaKeepsItsLongVowel() {
        assertThat(AddressText.normalise("1‐2−3―4ー5")).isEqualTo("1-2-3-4-5");
        assertThat(AddressText.normalise("センター1ー2")).isEqualTo("センター1-2");
    }

    @Test
    void kanjiNumeralsBeforeBlockUnitsBecomeArabic() {
        assertThat(AddressText.normalise("一丁目")).isEqualTo(AddressText.normalise("1丁目")).isEqualTo(AddressText.normalise("１丁目"));
        assertThat(AddressText.normalise("十二丁目")).isEqualTo("12丁目");
        assertThat(AddressText.normalise("二十三番地")).isEqualTo("23番地");
        assertThat(AddressText.normalise("一〇五号")).isEqualTo("105号");
        assertThat(AddressText.normalise("北一条西")).isEqualTo("北1条西");
        assertThat(AddressText.normalise("第二地割")).isEqualTo("第2地割");
        // numerals that are part of a name stay
        assertThat(AddressText.normalise("一ツ橋")).isEqualTo("一ツ橋");
        assertThat(AddressText.normalise("九段北")).isEqualTo("九段北");
        assertThat(AddressText.kanjiNumber("百二")).isEqualTo(102);
        assertThat(AddressText.kanjiNumber("千二百三十四")).isEqualTo(1234);
    }

    @Test
    void keVariantsAndNoVariantsBetweenKanjiAreOne() {
        assertThat(AddressText.normalise("霞が関")).isEqualTo(AddressText.normalise("霞ヶ関"))
                .isEqualTo(AddressText.normalise("霞ケ関")).isEqualTo(AddressText.normalise("霞ｹ関"))
                .isEqualTo(AddressText.normalise("霞ガ関"));
        assertThat(AddressText.normalise("丸の内")).isEqualTo(AddressText.normalise("丸ノ内"));
        assertThat(AddressText.normalise("木之本")).isEqualTo(AddressText.normalise("木ノ本"));
        // not between two kanji: left alone
        assertThat(AddressText.normalise("つくばが丘")).isEqualTo("つくばが丘");
        assertThat(AddressText.normalise("ケヤキ")).isEqualTo("ケヤキ");
    }

    @Test
    void oldKanjiVariantsMapToEverydayForms() {
        assertThat(AddressText.normalise("髙﨑")).isEqualTo("高崎");
        assertThat(AddressText.normalise("檜原村")).isEqualTo(AddressText.normalise("桧原村"));
    }
}
