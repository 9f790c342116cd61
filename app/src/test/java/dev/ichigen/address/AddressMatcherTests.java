package dev.ichigen.address;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import dev.ichigen.address.AddressMatcher.Input;
import dev.ichigen.address.AddressMatcher.Stage;
import dev.ichigen.address.AddressMatcher.Target;

/** How tolerant the comparison of an address with one area is; with real areas from Japan Post's data. */
class AddressMatcherTests {

    private static final Target CHIYODA = Target.of("東京都", "千代田区", "千代田", null);
    private static final Target KASUMIGASEKI = Target.of("東京都", "千代田区", "霞が関", null);
    private static final Target OODORI = Target.of("北海道", "札幌市中央区", "大通西", null);
    private static final Target SAPPORO_REST = Target.of("北海道", "札幌市中央区", "", null);
    private static final Target INUOTOSE = Target.of("青森県", "上北郡六戸町", "犬落瀬", null);
    private static final Target BUILDING = Target.of("東京都", "千代田区", "霞が関霞が関ビル１階", "霞が関");
    private static final Target KYOTO = Target.of("京都府", "京都市中京区", "山伏山町", null);

    @Test
    void acceptsTheAddressInSeparateFieldsOrAllInOneLine() {
        assertThat(match("東京都", "千代田区", "千代田1-1", CHIYODA)).isEqualTo(Stage.MATCH);
        assertThat(match(null, null, "東京都千代田区千代田１－１", CHIYODA)).isEqualTo(Stage.MATCH);
        assertThat(match("東京都", null, "千代田区千代田1丁目1番", CHIYODA)).isEqualTo(Stage.MATCH);
        assertThat(match(null, "千代田区", "千代田一丁目一番", CHIYODA)).isEqualTo(Stage.MATCH);
        assertThat(match("東京都千代田区", null, "千代田1-1", CHIYODA)).isEqualTo(Stage.MATCH);
        assertThat(match(null, "千代田区千代田", "1-1", CHIYODA)).isEqualTo(Stage.MATCH);
    }

    @Test
    void acceptsPartsRepeatedInTheNextField() {
        assertThat(match("東京都", "東京都千代田区", "東京都千代田区千代田1-1", CHIYODA)).isEqualTo(Stage.MATCH);
        assertThat(match("東京都", "千代田区", "千代田区千代田1-1", CHIYODA)).isEqualTo(Stage.MATCH);
        assertThat(match(null, "千代田区", "東京都千代田区千代田1-1", CHIYODA)).isEqualTo(Stage.MATCH);
    }

    @Test
    void acceptsALeftOutOrShortenedPrefecture() {
        assertThat(match(null, null, "千代田区千代田1-1", CHIYODA)).isEqualTo(Stage.MATCH);
        assertThat(match("東京", "千代田区", "千代田1-1", CHIYODA)).isEqualTo(Stage.MATCH);
        assertThat(match(null, null, "東京千代田区千代田1-1", CHIYODA)).isEqualTo(Stage.MATCH);
        // 京都 is also the start of 京都市: not mistaken for the prefecture
        assertThat(match(null, null, "京都市中京区山伏山町1", KYOTO)).isEqualTo(Stage.MATCH);
        assertThat(match("京都府", null, "京都市中京区山伏山町1", KYOTO)).isEqualTo(Stage.MATCH);
    }

    @Test
    void acceptsALeftOutDistrictOrWard() {
        assertThat(match("青森県", "六戸町", "犬落瀬字内金矢1", INUOTOSE)).isEqualTo(Stage.MATCH);
        assertThat(match("青森県", "上北郡六戸町", "大字犬落瀬1", INUOTOSE)).isEqualTo(Stage.MATCH);
        assertThat(match("北海道", "札幌市", "大通西12丁目", OODORI)).isEqualTo(Stage.MATCH);
        assertThat(match("北海道", "札幌市", "中央区大通西十二丁目", OODORI)).isEqualTo(Stage.MATCH);
        assertThat(match(null, null, "北海道札幌市中央区大通西１２", OODORI)).isEqualTo(Stage.MATCH);
    }

    @Test
    void treatsSpellingVariantsAsEqual() {
        assertThat(match("東京都", "千代田区", "霞ヶ関1-2-2", KASUMIGASEKI)).isEqualTo(Stage.MATCH);
        assertThat(match("東京都", "千代田区", "霞ケ関一丁目", KASUMIGASEKI)).isEqualTo(Stage.MATCH);
        assertThat(match("ﾄｳｷｮｳﾄ", null, null, KASUMIGASEKI)).isEqualTo(Stage.PREFECTURE_MISMATCH);
    }

    @Test
    void anEmptyTownAcceptsAnyTownOfTheCity() {
        assertThat(match("北海道", "札幌市中央区", "北1条西2丁目", SAPPORO_REST)).isEqualTo(Stage.MATCH);
        assertThat(match("北海道", "札幌市北区", "北8条西5丁目", SAPPORO_REST)).isEqualTo(Stage.CITY_MISMATCH);
    }

    @Test
    void aBuildingCodeAcceptsTheTownTheBuildingStandsIn() {
        assertThat(match("東京都", "千代田区", "霞が関3-2-5 霞が関ビル1階", BUILDING)).isEqualTo(Stage.MATCH);
        assertThat(match("東京都", "千代田区", "霞が関霞が関ビル１階", BUILDING)).isEqualTo(Stage.MATCH);
        assertThat(match("東京都", "千代田区", "丸の内1-1", BUILDING)).isEqualTo(Stage.TOWN_MISMATCH);
    }

    @Test
    void tellsHowFarTheAddressAgrees() {
        assertThat(match("大阪府", "千代田区", "千代田1-1", CHIYODA)).isEqualTo(Stage.PREFECTURE_MISMATCH);
        assertThat(match(null, null, "大阪府大阪市北区梅田1-1", CHIYODA)).isEqualTo(Stage.PREFECTURE_MISMATCH);
        assertThat(match("東京都", "港区", "千代田1-1", CHIYODA)).isEqualTo(Stage.CITY_MISMATCH);
        assertThat(match(null, null, "東京都中央区銀座1-1", CHIYODA)).isEqualTo(Stage.CITY_MISMATCH);
        assertThat(match("東京都", "千代田区", "丸の内1-1", CHIYODA)).isEqualTo(Stage.TOWN_MISMATCH);
        assertThat(match(null, null, "千代田区", CHIYODA)).isEqualTo(Stage.TOWN_MISMATCH);
    }

    private static Stage match(String prefecture, String city, String line, Target target) {
        return AddressMatcher.match(Input.of(prefecture, city, line), target);
    }
}
