package dev.ichigen.shipping.label;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

import dev.ichigen.shared.csv.CsvSource;
import dev.ichigen.shipping.Carrier;
import dev.ichigen.shipping.CarrierAccount;
import dev.ichigen.shipping.IssuedImport;
import dev.ichigen.shipping.LabelExport;
import dev.ichigen.shipping.LabelProblem;
import dev.ichigen.shipping.ParcelLabel;
import dev.ichigen.shipping.ParcelLabel.Cool;
import dev.ichigen.shipping.ParcelLabel.Party;

/** 送り状データ: B2クラウド, e飛伝 and クリックポスト files, and the issued tracking numbers read back. */
class CarrierFormatTests {

    static final Charset CP932 = Charset.forName("windows-31j");
    static final LocalDate TODAY = LocalDate.of(2026, 11, 23);
    static final CarrierAccount YAMATO = new CarrierAccount("0123456789", null, "01");
    static final Party SHOP = new Party("いちげん茶舗", null, null, "03-1234-5678", "1000001", "東京都", "千代田区",
            "千代田1-1", null);

    static Party to(String name, String street, String building) {
        return new Party(name, "ヤマダ タロウ", null, "090-1111-2222", "530-0001", "大阪府", "大阪市北区", street, building);
    }

    static ParcelLabel parcel(String key, Party to, String slot, Cool cool, long cod) {
        return new ParcelLabel(key, TODAY, to, SHOP, "日本茶", TODAY.plusDays(2), slot, cool, cod, cod / 11, 1, null,
                null, null);
    }

    static List<CSVRecord> read(byte[] bytes) throws Exception {
        String text = new String(bytes, CP932);
        assertThat(text).contains("\r\n").doesNotContain("?");
        List<CSVRecord> rows = new ArrayList<>();
        CSVFormat.EXCEL.parse(new java.io.StringReader(text)).forEach(rows::add);
        return rows;
    }

    /** A tracking number with a correct 7DR check digit from an 11-digit body. */
    static String tracking(long body) {
        return String.format("%011d", body) + (body % 7);
    }

    @Test
    void writesB2CloudRowsWithTheCarriersCodes() throws Exception {
        LabelExport export = new YamatoB2Format().export(List.of(
                parcel("S1-1", to("山田 太郎", "梅田1-1-1", "梅田ビル 5F"), "14-16", Cool.NONE, 0),
                parcel("S2-1", to("佐藤〜花子", "梅田2-2", null), "08-12", Cool.FROZEN, 5500)), YAMATO, TODAY);

        assertThat(export.exportedKeys()).containsExactly("S1-1", "S2-1");
        assertThat(export.problems()).isEmpty();
        List<CSVRecord> rows = read(export.files().getFirst().content());
        assertThat(rows).hasSize(3);
        assertThat(rows).allSatisfy(r -> assertThat(r.size()).isEqualTo(95));
        assertThat(rows.get(0).get(0)).isEqualTo("お客様管理番号");
        CSVRecord prepaid = rows.get(1);
        assertThat(prepaid.get(0)).isEqualTo("S1-1");
        assertThat(prepaid.get(1)).isEqualTo("0"); // 発払い
        assertThat(prepaid.get(2)).isEqualTo("0");
        assertThat(prepaid.get(3)).isEmpty(); // 伝票番号: B2 assigns it
        assertThat(prepaid.get(4)).isEqualTo("2026/11/23");
        assertThat(prepaid.get(5)).isEqualTo("2026/11/25");
        assertThat(prepaid.get(6)).isEqualTo("1416");
        assertThat(prepaid.get(10)).isEqualTo("530-0001");
        assertThat(prepaid.get(11)).isEqualTo("大阪府大阪市北区梅田1-1-1");
        assertThat(prepaid.get(12)).isEqualTo("梅田ビル 5F");
        assertThat(prepaid.get(15)).isEqualTo("山田 太郎");
        assertThat(prepaid.get(24)).isEqualTo("いちげん茶舗");
        assertThat(prepaid.get(27)).isEqualTo("日本茶");
        assertThat(prepaid.get(33)).isEmpty();
        assertThat(prepaid.get(39)).isEqualTo("0123456789");
        assertThat(prepaid.get(41)).isEqualTo("01");
        CSVRecord collect = rows.get(2);
        assertThat(collect.get(1)).isEqualTo("2"); // コレクト
        assertThat(collect.get(2)).isEqualTo("1"); // クール冷凍
        assertThat(collect.get(6)).isEqualTo("0812");
        assertThat(collect.get(33)).isEqualTo("5500");
        assertThat(collect.get(34)).isEqualTo("500");
        // WAVE DASH is not in CP932: written as the FULLWIDTH TILDE Windows shows for it, never "?"
        assertThat(collect.get(15)).isEqualTo("佐藤～花子");
    }

    @Test
    void leavesOutParcelsB2WouldRefuseAndSaysWhy() {
        String longName = "寿限無寿限無五劫の擦り切れ海砂利水魚の水行末"; // 21 全角 = 42 units > 32
        LabelExport export = new YamatoB2Format().export(List.of(
                parcel("OK", to("山田 太郎", "梅田1", null), null, Cool.NONE, 0),
                parcel("SLOT", to("山田 太郎", "梅田1", null), "12-14", Cool.NONE, 0),
                parcel("NAME", to(longName, "梅田1", null), null, Cool.NONE, 0),
                parcel("COD", to("山田 太郎", "梅田1", null), null, Cool.NONE, 300_001),
                new ParcelLabel("PAST", TODAY.minusDays(1), to("山田 太郎", "梅田1", null), SHOP, "茶", null, null, null, 0, 0, 1,
                        null, null, null),
                new ParcelLabel("COOLPACKET", TODAY, to("山田 太郎", "梅田1", null), SHOP, "茶", null, null, Cool.CHILLED, 0, 0,
                        1, "packet", null, null)), YAMATO, TODAY);

        assertThat(export.exportedKeys()).containsExactly("OK");
        assertThat(export.excluded()).extracting(LabelProblem::shipmentKey)
                .containsExactlyInAnyOrder("SLOT", "NAME", "COD", "PAST", "COOLPACKET");
        assertThat(export.excluded()).filteredOn(p -> p.shipmentKey().equals("SLOT")).singleElement()
                .satisfies(p -> assertThat(p.field()).isEqualTo("配達時間帯"));
        assertThat(export.excluded()).filteredOn(p -> p.shipmentKey().equals("NAME")).singleElement()
                .satisfies(p -> assertThat(p.field()).isEqualTo("お届け先名"));
        // without the shop's Yamato customer code nothing can go
        LabelExport noAccount = new YamatoB2Format().export(List.of(parcel("X", to("山田", "梅田1", null), null, Cool.NONE, 0)),
                CarrierAccount.NONE, TODAY);
        assertThat(noAccount.files()).isEmpty();
        assertThat(noAccount.excluded()).extracting(LabelProblem::field).contains("請求先顧客コード", "運賃管理番号");
    }

    @Test
    void aLongAddressContinuesInTheBuildingColumnAndUnencodableCharactersAreReported() throws Exception {
        String street = "大字梅田字中之島北浜東天満西天神橋筋六丁目十番地の二十一号"; // long 町域・番地
        LabelExport export = new YamatoB2Format().export(List.of(
                parcel("LONG", to("𠮷田 一郎", street, null), null, Cool.NONE, 0)), YAMATO, TODAY);

        assertThat(export.exportedKeys()).containsExactly("LONG");
        CSVRecord row = read(export.files().getFirst().content()).get(1);
        assertThat(LabelRow.width(row.get(11))).isLessThanOrEqualTo(64);
        assertThat(row.get(11) + row.get(12)).isEqualTo("大阪府大阪市北区" + street);
        assertThat(row.get(15)).isEqualTo("〓田 一郎");
        assertThat(export.problems()).singleElement().satisfies(p -> {
            assertThat(p.excluded()).isFalse();
            assertThat(p.field()).isEqualTo("お届け先名");
            assertThat(p.message()).contains("𠮷");
        });
    }

    @Test
    void readsTrackingNumbersFromB2IssuedDataAndRefusesBadOnes() {
        String good = tracking(12345678901L);
        String other = tracking(45678901234L);
        String bad = "123456789010".equals(good) ? "123456789011" : good.substring(0, 11) + ((good.charAt(11) - '0' + 1) % 10);
        StringBuilder csv = new StringBuilder(String.join(",", YamatoB2Format.COLUMNS)).append("\r\n");
        csv.append(row95("S1-1", good)).append(row95("S1-1", other)).append(row95("S2-1", bad)).append(row95("S3-1", ""));
        IssuedImport result = new YamatoB2Format().importIssued(CsvSource.of(csv.toString().getBytes(CP932)));

        assertThat(result.tracking()).extracting(t -> t.shipmentKey() + "=" + t.trackingNumber())
                .containsExactly("S1-1=" + good, "S1-1=" + other);
        assertThat(result.tracking().getFirst().trackingUrl()).endsWith(good);
        assertThat(result.errors()).hasSize(2);
        assertThat(result.errors().get(0).message()).startsWith("4行目").contains(bad);
        assertThat(result.errors().get(1).message()).startsWith("5行目").contains("未発行");
    }

    private static String row95(String key, String number) {
        String[] cells = new String[95];
        java.util.Arrays.fill(cells, "");
        cells[0] = key;
        cells[3] = number;
        return String.join(",", cells) + "\r\n";
    }

    @Test
    void splitsClickPostFilesAtFortyRowsAndRefusesWhatItCannotCarry() throws Exception {
        List<ParcelLabel> parcels = new ArrayList<>();
        for (int i = 1; i <= 45; i++) {
            parcels.add(new ParcelLabel("C" + i, TODAY, to("山田 太郎", "梅田" + i, "ハイツ梅田 101"), SHOP, "お茶の葉", null,
                    null, null, 0, 0, 1, null, null, null));
        }
        parcels.add(parcel("CODX", to("山田", "梅田1", null), null, Cool.NONE, 1000));
        LabelExport export = new ClickPostFormat().export(parcels, CarrierAccount.NONE, TODAY);

        assertThat(export.files()).extracting(f -> f.parcels()).containsExactly(40, 5);
        assertThat(export.exportedKeys()).hasSize(45);
        assertThat(export.excluded()).extracting(LabelProblem::shipmentKey).containsOnly("CODX");
        List<CSVRecord> rows = read(export.files().getFirst().content());
        assertThat(rows.get(0).toList()).containsExactly(ClickPostFormat.COLUMNS);
        assertThat(rows.get(1).toList()).containsExactly("530-0001", "山田 太郎", "様", "大阪府", "大阪市北区", "梅田1",
                "ハイツ梅田 101", "お茶の葉");
    }

    @Test
    void writesEhidenRowsAndReadsItsIssuedNumbers() throws Exception {
        LabelExport export = new SagawaEhidenFormat().export(List.of(
                parcel("G1", to("山田 太郎", "梅田1-1", null), "18-20", Cool.CHILLED, 3300)),
                new CarrierAccount("123456789012", null, null), TODAY);
        List<CSVRecord> rows = read(export.files().getFirst().content());
        CSVRecord row = rows.get(1);
        assertThat(row.size()).isEqualTo(74);
        assertThat(row.get(2)).isEqualTo("090-1111-2222");
        assertThat(row.get(4)).isEqualTo("大阪府大阪市北区");
        assertThat(row.get(5)).isEqualTo("梅田1-1");
        assertThat(row.get(7)).isEqualTo("山田 太郎");
        assertThat(row.get(9)).isEqualTo("G1");
        assertThat(row.get(10)).isEqualTo("123456789012");
        assertThat(row.get(43)).isEqualTo("002");
        assertThat(row.get(44)).isEqualTo("20261125");
        assertThat(row.get(45)).isEqualTo("18");
        assertThat(row.get(47)).isEqualTo("3300");

        String[] cells = new String[74];
        java.util.Arrays.fill(cells, "");
        cells[9] = "G1";
        cells[61] = tracking(98765432109L);
        IssuedImport issued = new SagawaEhidenFormat().importIssued(CsvSource.of((String.join(",", cells) + "\r\n").getBytes(CP932)));
        assertThat(issued.errors()).isEmpty();
        assertThat(issued.tracking()).singleElement().satisfies(t -> {
            assertThat(t.carrier()).isEqualTo(Carrier.SAGAWA);
            assertThat(t.trackingNumber()).isEqualTo(tracking(98765432109L));
        });
    }

    @Test
    void checksTrackingNumbersWithTheSevenCheckDigit() {
        String valid = tracking(40000000001L);
        assertThat(Carrier.YAMATO.isValidTrackingNumber(valid)).isTrue();
        assertThat(Carrier.YAMATO.isValidTrackingNumber(valid.substring(0, 4) + "-" + valid.substring(4, 8) + "-" + valid.substring(8))).isTrue();
        assertThat(Carrier.YAMATO.normaliseTrackingNumber("４" + valid.substring(1))).isEqualTo(valid); // 全角 digits
        assertThat(Carrier.YAMATO.normaliseTrackingNumber(valid.substring(1))).isNull(); // 11 digits only
        assertThat(Carrier.YAMATO.isValidTrackingNumber(valid.substring(0, 11) + ((valid.charAt(11) - '0' + 1) % 10))).isFalse();
        assertThat(Carrier.JAPAN_POST.isValidTrackingNumber("12345678901")).isFalse();
        assertThat(Carrier.YAMATO.trackingUrl(valid)).contains(valid);
        assertThat(Carrier.parse("yamato")).isEqualTo(Carrier.YAMATO);
        assertThat(Carrier.parse("japan-post")).isEqualTo(Carrier.JAPAN_POST);
        assertThat(Carrier.parse("fedex")).isNull();
    }
}
