package dev.ichigen.address.kenall;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Japan Post's town strings cleaned the way the bundled data (jquery-jpostal-ja) has them. */
class KenAllTownTests {

    @Test
    void buildingFloorsKeepTheFloorAndDropTheUnknownFloorNote() {
        assertThat(KenAllTown.town("名駅ミッドランドスクエア（高層棟）（１階）")).isEqualTo("名駅ミッドランドスクエア（高層棟）１階");
        assertThat(KenAllTown.kana("ﾒｲｴｷﾐｯﾄﾞﾗﾝﾄﾞｽｸｴｱ(ｺｳｿｳﾄｳ)(1ｶｲ)", "x")).isEqualTo("メイエキミッドランドスクエア(コウソウトウ)1カイ");
        assertThat(KenAllTown.town("名駅ミッドランドスクエア（高層棟）（地階・階層不明）")).isEqualTo("名駅ミッドランドスクエア");
        assertThat(KenAllTown.kana("ﾒｲｴｷﾐｯﾄﾞﾗﾝﾄﾞｽｸｴｱ(ｺｳｿｳﾄｳ)(ﾁｶｲ･ｶｲｿｳﾌﾒｲ)", "名駅ミッドランドスクエア"))
                .isEqualTo("メイエキミッドランドスクエア");
        assertThat(KenAllTown.town("霞が関霞が関ビル（３０階）")).isEqualTo("霞が関霞が関ビル３０階");
    }

    @Test
    void dropsTheNoteThatEndsTheTownButNotBracketsInsideIt() {
        assertThat(KenAllTown.town("大手町（次のビルを除く）")).isEqualTo("大手町");
        assertThat(KenAllTown.town("藤沢（その他）")).isEqualTo("藤沢");
        assertThat(KenAllTown.town("南山（４３０番地以上「１７７０－１～２、１８６２－４２、１９２３－５を除く」、大谷地、肘折、平林）"))
                .isEqualTo("南山");
        assertThat(KenAllTown.town("北町")).isEqualTo("北町");
        assertThat(KenAllTown.town("名駅ミッドランドスクエア（高層棟）１階")).isEqualTo("名駅ミッドランドスクエア（高層棟）１階");
    }

    @Test
    void theWholeCityHasAnEmptyTown() {
        assertThat(KenAllTown.town("以下に掲載がない場合")).isEmpty();
        assertThat(KenAllTown.kana("ｲｶﾆｹｲｻｲｶﾞﾅｲﾊﾞｱｲ", "")).isEmpty();
        assertThat(KenAllTown.town("琴平町の次に番地がくる場合")).isEmpty();
        assertThat(KenAllTown.town("小菅村の次に１～６６３番地以降がくる場合")).isEmpty();
        assertThat(KenAllTown.town("軽井沢町一円")).isEmpty();
        assertThat(KenAllTown.town("一円")).isEqualTo("一円");
    }

    @Test
    void tellsWhetherATownStringIsComplete() {
        assertThat(KenAllTown.closed("協和（８８－２、２７１－１０、")).isFalse();
        assertThat(KenAllTown.closed("協和（８８－２、２７１－１０、１７５２番地）")).isTrue();
        assertThat(KenAllTown.closed("大通西")).isTrue();
    }
}
