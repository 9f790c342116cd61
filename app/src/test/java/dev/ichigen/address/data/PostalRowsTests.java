package dev.ichigen.address.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class PostalRowsTests {

    @Test
    void numbersRowsPerCodeInFileOrderAndJoinsRepeatedTowns() {
        List<PostalRow> prepared = PostalRows.prepare(List.of(
                row("6028368", "京都府", "京都市上京区", "北町", "北町（上の下立売通天神道西入上る）"),
                row("1000001", "東京都", "千代田区", "千代田", null),
                row("6028368", "京都府", "京都市上京区", "北町", "北町（下長者町通御前西入）"),
                row("4980000", "愛知県", "弥富市", "", "以下に掲載がない場合"),
                row("4980000", "三重県", "桑名郡木曽岬町", "", "以下に掲載がない場合")));
        assertThat(prepared).extracting(PostalRow::code, PostalRow::seq, PostalRow::city).containsExactly(
                org.assertj.core.groups.Tuple.tuple("1000001", 1, "千代田区"),
                org.assertj.core.groups.Tuple.tuple("4980000", 1, "弥富市"),
                org.assertj.core.groups.Tuple.tuple("4980000", 2, "桑名郡木曽岬町"),
                org.assertj.core.groups.Tuple.tuple("6028368", 1, "京都市上京区"));
        assertThat(prepared.get(3).rawTown()).isEqualTo("北町（上の下立売通天神道西入上る）\n北町（下長者町通御前西入）");
        assertThat(PostalRows.codeCount(prepared)).isEqualTo(3);
    }

    @Test
    void buildingsWithFloorCodesGetTheTownTheyStandIn() {
        List<PostalRow> prepared = PostalRows.prepare(List.of(
                row("4500002", "愛知県", "名古屋市中村区", "名駅", null),
                row("4506290", "愛知県", "名古屋市中村区", "名駅ミッドランドスクエア", null),
                row("4506201", "愛知県", "名古屋市中村区", "名駅ミッドランドスクエア（高層棟）１階", null),
                row("4506247", "愛知県", "名古屋市中村区", "名駅ミッドランドスクエア（高層棟）４７階", null),
                row("1000013", "東京都", "千代田区", "霞が関", null),
                row("1006090", "東京都", "千代田区", "霞が関霞が関ビル", null),
                row("1006001", "東京都", "千代田区", "霞が関霞が関ビル１階", null),
                row("1020083", "東京都", "千代田区", "麹町", null)));
        assertThat(prepared).extracting(PostalRow::code, PostalRow::baseTown).containsExactly(
                org.assertj.core.groups.Tuple.tuple("1000013", null),
                org.assertj.core.groups.Tuple.tuple("1006001", "霞が関"),
                org.assertj.core.groups.Tuple.tuple("1006090", "霞が関"),
                org.assertj.core.groups.Tuple.tuple("1020083", null),
                org.assertj.core.groups.Tuple.tuple("4500002", null),
                org.assertj.core.groups.Tuple.tuple("4506201", "名駅"),
                org.assertj.core.groups.Tuple.tuple("4506247", "名駅"),
                org.assertj.core.groups.Tuple.tuple("4506290", "名駅"));
    }

    @Test
    void equalDataGivesEqualHashesAndAnyDifferenceAnother() {
        List<PostalRow> a = PostalRows.prepare(List.of(row("1000001", "東京都", "千代田区", "千代田", null)));
        List<PostalRow> b = PostalRows.prepare(List.of(row("1000001", "東京都", "千代田区", "千代田", null)));
        List<PostalRow> c = PostalRows.prepare(List.of(row("1000001", "東京都", "千代田区", "千代田", "千代田（その他）")));
        assertThat(PostalRows.contentHash(a)).isEqualTo(PostalRows.contentHash(b)).isNotEqualTo(PostalRows.contentHash(c));
    }

    private static PostalRow row(String code, String prefecture, String city, String town, String raw) {
        return new PostalRow(code, 0, prefecture, city, town, "カナ", "カナ", "カナ", null, raw, null);
    }
}
