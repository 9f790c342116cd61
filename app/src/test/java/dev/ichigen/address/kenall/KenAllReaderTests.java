package dev.ichigen.address.kenall;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.ichigen.address.data.PostalRow;
import dev.ichigen.address.data.PostalRows;
import dev.ichigen.shared.csv.CsvEncoding;
import dev.ichigen.shared.csv.CsvRow;
import dev.ichigen.shared.csv.CsvSource;
import dev.ichigen.shared.csv.CsvTableReader;

class KenAllReaderTests {

    @Test
    void joinsATownSplitOverSeveralLinesWithItsReadingSplitElsewhere() {
        KenAllReader reader = read(KenAllFixture.kenAll());
        assertThat(reader.errors()).isEmpty();
        PostalRow inuotose = only(reader.rows(), "0330071");
        assertThat(inuotose.town()).isEqualTo("犬落瀬");
        assertThat(inuotose.townKana()).isEqualTo("イヌオトセ");
        assertThat(inuotose.rawTown()).isEqualTo("犬落瀬（内金矢、内山、岡沼、金沢、金矢、上淋代、木越、権現沢、四木、七百、下久保「１７４を除く」、"
                + "下淋代、高森、通目木、坪毛沢「２５、６３７、６４１、６４３、６４７を除く」、中屋敷、沼久保、根古橋、堀切沢、南平、柳沢、大曲）");
        assertThat(inuotose.municipalityCode()).isEqualTo("02405");
        // reading ends a line early (blank reading on the last line)
        PostalRow kyowa = only(reader.rows(), "0660005");
        assertThat(kyowa.town()).isEqualTo("協和");
        assertThat(kyowa.townKana()).isEqualTo("キョウワ");
        assertThat(kyowa.rawTown()).endsWith("８４２－５、１１３７－３、１３９２、１６５７、１７５２番地）");
        // reading repeated on each continuation line
        PostalRow minamiyama = only(reader.rows(), "9960301");
        assertThat(minamiyama.town()).isEqualTo("南山");
        assertThat(minamiyama.townKana()).isEqualTo("ミナミヤマ");
        assertThat(minamiyama.rawTown()).contains("１８６２－４２、１９２３－５を除く」").endsWith("肘折、平林）");
        assertThat(reader.joinedLines()).isEqualTo(2 + 3 + 2);
        assertThat(reader.lines()).isEqualTo(KenAllFixture.LINE_COUNT);
    }

    @Test
    void cleansSpecialTownStringsAndNotes() {
        List<PostalRow> rows = read(KenAllFixture.kenAll()).rows();
        PostalRow rest = only(rows, "0600000");
        assertThat(rest.town()).isEmpty();
        assertThat(rest.townKana()).isEmpty();
        assertThat(rest.rawTown()).isEqualTo("以下に掲載がない場合");
        assertThat(only(rows, "4090142").town()).isEmpty(); // 小菅村の次に１～６６３番地がくる場合
        assertThat(only(rows, "1000004").town()).isEqualTo("大手町");
        assertThat(only(rows, "1000004").townKana()).isEqualTo("オオテマチ");
        assertThat(only(rows, "0600042").town()).isEqualTo("大通西");
        assertThat(only(rows, "0600042").townKana()).isEqualTo("オオドオリニシ");
        assertThat(only(rows, "1006090").town()).isEqualTo("霞が関霞が関ビル");
        assertThat(only(rows, "1006090").townKana()).isEqualTo("カスミガセキカスミガセキビル");
        assertThat(only(rows, "1006001").town()).isEqualTo("霞が関霞が関ビル１階");
        assertThat(only(rows, "1006001").townKana()).isEqualTo("カスミガセキカスミガセキビル1カイ");
        assertThat(only(rows, "5220317").town()).isEqualTo("一円"); // a real 大字 of 多賀町, not "the whole town"
        assertThat(only(rows, "0640941").rawTown()).isNull(); // unchanged by cleaning
        assertThat(only(rows, "1000001")).isEqualTo(new PostalRow("1000001", 0, "東京都", "千代田区", "千代田", "トウキョウト",
                "チヨダク", "チヨダ", null, null, "13101"));
    }

    @Test
    void leavesOutAbolishedRowsAndKeepsCodesWithSeveralAreas() {
        KenAllReader reader = read(KenAllFixture.kenAll());
        assertThat(reader.abolished()).isEqualTo(1);
        assertThat(reader.rows()).noneMatch(r -> r.code().equals("4340000"));
        List<PostalRow> prepared = PostalRows.prepare(reader.rows());
        assertThat(prepared.stream().filter(r -> r.code().equals("4520961")).map(PostalRow::town))
                .containsExactly("春日明河原", "春日一番割", "春日壱屋敷");
        assertThat(prepared.stream().filter(r -> r.code().equals("4980000")).map(r -> r.prefecture() + r.city()))
                .containsExactly("愛知県弥富市", "三重県桑名郡木曽岬町");
        assertThat(prepared.stream().filter(r -> r.code().equals("4980000")).map(PostalRow::seq)).containsExactly(1, 2);
        // 北町 is listed once per street direction: one area, both notes kept
        PostalRow kitamachi = prepared.stream().filter(r -> r.code().equals("6028368")).collect(onlyOne());
        assertThat(kitamachi.town()).isEqualTo("北町");
        assertThat(kitamachi.rawTown()).isEqualTo("北町（上の下立売通天神道西入上る）\n北町（下長者町通御前西入）");
        // building floors stand in 霞が関
        assertThat(prepared.stream().filter(r -> r.code().startsWith("10060")).map(PostalRow::baseTown))
                .containsOnly("霞が関").hasSize(3);
        assertThat(prepared.stream().filter(r -> r.code().equals("1000013")).map(PostalRow::baseTown)).containsExactly((String) null);
    }

    @Test
    void theUtf8OneLinePerRecordFileGivesTheSameRecords() {
        KenAllReader utf = read(KenAllFixture.utfKenAll());
        assertThat(utf.errors()).isEmpty();
        assertThat(utf.joinedLines()).isZero();
        KenAllReader sjis = read(KenAllFixture.kenAll());
        assertThat(PostalRows.prepare(utf.rows())).isEqualTo(PostalRows.prepare(sjis.rows()));
        assertThat(PostalRows.contentHash(PostalRows.prepare(utf.rows())))
                .isEqualTo(PostalRows.contentHash(PostalRows.prepare(sjis.rows())));
    }

    @Test
    void reportsEachWrongLineWithColumnAndReason() {
        List<String> lines = new ArrayList<>(KenAllFixture.LINES);
        lines.set(0, lines.get(0).replace("\"0600000\"", "\"060000\""));                  // line 1: 6 digits
        lines.set(1, lines.get(1).replace("\"北海道\"", "\"北海道府\""));                    // line 2: no such prefecture
        lines.set(2, lines.get(2).replace(",0,0,1,0,0,0", ",0,0,1,0,0"));               // line 3: 14 columns
        lines.set(13, lines.get(13).replace("13101,", "14101,"));                       // line 14: 14 is 神奈川県
        lines.set(14, lines.get(14).replace(",0,0,1,0,0,0", ",0,0,1,0,3,0"));           // line 15: 更新の表示 3
        KenAllReader reader = read(KenAllFixture.kenAll(lines));
        assertThat(reader.errors()).extracting(KenAllReader.LineError::line, KenAllReader.LineError::column,
                KenAllReader.LineError::field).containsExactly(
                        org.assertj.core.groups.Tuple.tuple(1L, 3, "郵便番号（7桁）"),
                        org.assertj.core.groups.Tuple.tuple(2L, 7, "都道府県名"),
                        org.assertj.core.groups.Tuple.tuple(3L, null, null),
                        org.assertj.core.groups.Tuple.tuple(14L, 1, "全国地方公共団体コード"),
                        org.assertj.core.groups.Tuple.tuple(15L, 14, "更新の表示"));
        assertThat(reader.errors().get(0).value()).isEqualTo("060000");
        assertThat(reader.errors().get(2).message()).contains("14 個").contains("15 列");
        assertThat(reader.errors().get(3).message()).contains("13").contains("東京都");
    }

    @Test
    void reportsATownWhoseBracketNeverCloses() {
        List<String> lines = new ArrayList<>(KenAllFixture.LINES);
        lines.remove(5); // the last line of 0660005
        KenAllReader reader = read(KenAllFixture.kenAll(lines));
        assertThat(reader.errors()).singleElement().satisfies(e -> {
            assertThat(e.line()).isEqualTo(4);
            assertThat(e.field()).isEqualTo("町域名");
            assertThat(e.message()).contains("閉じていません").contains("6 行目");
        });
        KenAllReader atEnd = read(KenAllFixture.kenAll(KenAllFixture.LINES.subList(0, 4)));
        assertThat(atEnd.errors()).singleElement().satisfies(e -> assertThat(e.message()).contains("ファイルの終わり"));
    }

    @Test
    void recognisesTheBusinessCodeFileByItsColumns() {
        String jigyosyo = "01101,\"ｻﾂﾎﾟﾛｼﾁｭｳｵｳｸ\",\"札幌市役所\",\"北海道\",\"札幌市中央区\",\"北一条西\",\"２丁目\",\"0608611\",\"060  \",\"札幌中央\",0,0,0";
        KenAllReader reader = read(KenAllFixture.kenAll(List.of(jigyosyo)));
        assertThat(reader.errors()).singleElement().satisfies(e -> assertThat(e.message()).contains("JIGYOSYO"));
    }

    static KenAllReader read(byte[] bytes) {
        KenAllReader reader = new KenAllReader();
        try (CsvTableReader table = CsvTableReader.open(CsvSource.of(bytes))) {
            assertThat(table.encoding()).isIn(CsvEncoding.CP932, CsvEncoding.UTF8);
            for (CsvRow row = table.next(); row != null; row = table.next()) {
                reader.accept(row);
            }
            reader.finish();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return reader;
    }

    private static PostalRow only(List<PostalRow> rows, String code) {
        return rows.stream().filter(r -> r.code().equals(code)).collect(onlyOne());
    }

    private static java.util.stream.Collector<PostalRow, ?, PostalRow> onlyOne() {
        return java.util.stream.Collectors.collectingAndThen(java.util.stream.Collectors.toList(), list -> {
            assertThat(list).hasSize(1);
            return list.getFirst();
        });
    }
}
