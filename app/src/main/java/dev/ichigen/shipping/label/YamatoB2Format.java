package dev.ichigen.shipping.label;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import dev.ichigen.shared.csv.CsvEncoding;
import dev.ichigen.shared.csv.CsvSource;
import dev.ichigen.shared.csv.ExcelSafeCsvWriter;
import dev.ichigen.shipping.Carrier;
import dev.ichigen.shipping.CarrierAccount;
import dev.ichigen.shipping.IssuedImport;
import dev.ichigen.shipping.LabelExport;
import dev.ichigen.shipping.LabelFile;
import dev.ichigen.shipping.LabelProblem;
import dev.ichigen.shipping.ParcelLabel;

/**
 * ヤマト運輸 B2クラウド: the 95-column import file (外部データから発行) with a title row, Windows-31J, CRLF, and its
 * issued-data file read back (same layout, 伝票番号 filled). Layout, widths and code tables:
 * ../shared/reference/carriers/yamato-b2-*.csv.
 *
 * <p>Choices: 送り状種類 from the service and COD — 宅急便 0 発払い / 2 コレクト, {@code compact} 8 / 9,
 * {@code packet} (クロネコゆうパケット, 旧ネコポス) 7, {@code time} 4 (タイム: only 0010/0017). クール区分 0 / 1 冷凍 /
 * 2 冷蔵, only with 宅急便 and コレクト. A slot B2 no longer offers (12-14, 20-21) or does not know leaves the
 * parcel out — the order's time-slot check should have held it. The address line (都道府県+市区町村+町域・番地,
 * 64 units) overflows into the building column (32) before a parcel is refused. Several pieces (個口) on
 * 発払い print that many labels (発行枚数); コレクト prints one.
 */
@Component
class YamatoB2Format implements CarrierFormat {

    // @formatter:off
    /** The 95 column titles of B2クラウド's import template (../shared/reference/carriers/yamato-b2-import-columns.csv). */
    static final String[] COLUMNS = {
            "お客様管理番号", "送り状種類", "クール区分", "伝票番号", "出荷予定日", "お届け予定日", "配達時間帯", "お届け先コード", "お届け先電話番号", "お届け先電話番号枝番",
            "お届け先郵便番号", "お届け先住所", "お届け先アパートマンション名", "お届け先会社・部門１", "お届け先会社・部門２", "お届け先名", "お届け先名(ｶﾅ)", "敬称",
            "ご依頼主コード", "ご依頼主電話番号", "ご依頼主電話番号枝番", "ご依頼主郵便番号", "ご依頼主住所", "ご依頼主アパートマンション", "ご依頼主名", "ご依頼主名(ｶﾅ)",
            "品名コード１", "品名１", "品名コード２", "品名２", "荷扱い１", "荷扱い２", "記事", "ｺﾚｸﾄ代金引換額（税込)", "内消費税額等", "止置き", "営業所コード",
            "発行枚数", "個数口表示フラグ", "請求先顧客コード", "請求先分類コード", "運賃管理番号", "クロネコwebコレクトデータ登録", "クロネコwebコレクト加盟店番号",
            "クロネコwebコレクト申込受付番号１", "クロネコwebコレクト申込受付番号２", "クロネコwebコレクト申込受付番号３", "お届け予定ｅメール利用区分", "お届け予定ｅメールe-mailアドレス",
            "入力機種", "お届け予定ｅメールメッセージ", "お届け完了ｅメール利用区分", "お届け完了ｅメールe-mailアドレス", "お届け完了ｅメールメッセージ", "クロネコ収納代行利用区分", "予備",
            "収納代行請求金額(税込)", "収納代行内消費税額等", "収納代行請求先郵便番号", "収納代行請求先住所", "収納代行請求先住所（アパートマンション名）", "収納代行請求先会社・部門名１",
            "収納代行請求先会社・部門名２", "収納代行請求先名(漢字)", "収納代行請求先名(カナ)", "収納代行問合せ先名(漢字)", "収納代行問合せ先郵便番号", "収納代行問合せ先住所",
            "収納代行問合せ先住所（アパートマンション名）", "収納代行問合せ先電話番号", "収納代行管理番号", "収納代行品名", "収納代行備考", "複数口くくりキー", "検索キータイトル1",
            "検索キー1", "検索キータイトル2", "検索キー2", "検索キータイトル3", "検索キー3", "検索キータイトル4", "検索キー4", "検索キータイトル5", "検索キー5", "予備",
            "予備", "投函予定メール利用区分", "投函予定メールe-mailアドレス", "投函予定メールメッセージ", "投函完了メール（お届け先宛）利用区分",
            "投函完了メール（お届け先宛）e-mailアドレス", "投函完了メール（お届け先宛）メールメッセージ", "投函完了メール（ご依頼主宛）利用区分", "投函完了メール（ご依頼主宛）e-mailアドレス",
            "投函完了メール（ご依頼主宛）メールメッセージ" };
    // @formatter:on

    /** yamato-b2-delivery-time-codes.csv (current codes only). */
    private static final Map<String, String> TIME_CODES = Map.of("08-12", "0812", "14-16", "1416", "16-18", "1618",
            "18-20", "1820", "19-21", "1921");
    private static final Map<String, String> TIME_SERVICE_CODES = Map.of("00-10", "0010", "08-10", "0010",
            "00-17", "0017", "08-17", "0017");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy/MM/dd");
    private static final long COLLECT_MAX = 300_000;
    private static final long COMPACT_COLLECT_MAX = 30_000;

    @Override
    public String id() {
        return "yamato-b2";
    }

    @Override
    public String label() {
        return "ヤマト B2クラウド";
    }

    @Override
    public Carrier carrier() {
        return Carrier.YAMATO;
    }

    @Override
    public LabelExport export(List<ParcelLabel> parcels, CarrierAccount account, LocalDate today) {
        List<LabelProblem> problems = new ArrayList<>();
        List<List<String>> rows = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        for (ParcelLabel p : parcels) {
            LabelRow row = row(p, account == null ? CarrierAccount.NONE : account, today, problems);
            if (!row.excluded()) {
                rows.add(row.cells());
                keys.add(p.shipmentKey());
            }
        }
        List<LabelFile> files = rows.isEmpty() ? List.of()
                : List.of(new LabelFile("yamato-b2-" + today.format(DateTimeFormatter.BASIC_ISO_DATE) + ".csv",
                        write(COLUMNS, rows, keys, problems), rows.size()));
        return new LabelExport(id(), files, keys, problems);
    }

    private LabelRow row(ParcelLabel p, CarrierAccount account, LocalDate today, List<LabelProblem> problems) {
        LabelRow r = new LabelRow(p.shipmentKey(), COLUMNS, problems);
        String service = p.service() == null || p.service().isBlank() ? "takkyubin" : p.service().strip();
        boolean cod = p.codAmount() > 0;
        String type = switch (service) {
            case "takkyubin" -> cod ? "2" : "0";
            case "compact" -> cod ? "9" : "8";
            case "packet", "nekopos", "yupacket" -> "7";
            case "time" -> "4";
            default -> null;
        };
        if (type == null) {
            r.refuse(2, "ヤマトのサービス「" + service + "」は未対応です（takkyubin, compact, packet, time）");
            return r;
        }
        r.put(1, p.shipmentKey(), 50).put(2, type, 1);
        if (p.cool() != ParcelLabel.Cool.NONE) {
            if (!type.equals("0") && !type.equals("2")) {
                r.refuse(3, "クール便は宅急便（発払い・コレクト）だけで指定できます");
            }
            r.put(3, p.cool() == ParcelLabel.Cool.FROZEN ? "1" : "2", 1);
        } else {
            r.put(3, "0", 1);
        }
        if (p.shipDate() == null) {
            r.refuse(5, "必須です");
        } else if (p.shipDate().isBefore(today) || p.shipDate().isAfter(today.plusDays(30))) {
            // B2クラウド accepts 出荷予定日 from today to 30 days ahead (yamato-b2-import-columns.csv, column 5)
            r.refuse(5, p.shipDate().format(DATE) + " は今日から30日以内ではありません");
        } else {
            r.put(5, p.shipDate().format(DATE), 10);
        }
        if (p.deliveryDate() != null) {
            r.put(6, p.deliveryDate().format(DATE), 10);
        }
        if (p.timeSlot() != null && !p.timeSlot().isBlank()) {
            String code = (type.equals("4") ? TIME_SERVICE_CODES : TIME_CODES).get(p.timeSlot().strip());
            if (code == null || type.equals("7")) {
                r.refuse(7, "時間帯 " + p.timeSlot() + " はこの送り状種類では指定できません"
                        + (type.equals("4") ? "（タイムは10時まで・17時まで）" : "（午前中, 14-16, 16-18, 18-20, 19-21）"));
            } else {
                r.put(7, code, 4);
            }
        } else if (type.equals("4")) {
            r.refuse(7, "タイムには時間帯（10時まで・17時まで）が必要です");
        }
        party(r, p.recipient(), 9, 11, 12, 13, 16, 14, "お届け先");
        party(r, p.sender(), 20, 22, 23, 24, 25, -1, "ご依頼主");
        if (p.contents() == null || p.contents().isBlank()) {
            r.refuse(28, "必須です");
        } else {
            r.putShortened(28, p.contents(), 50);
        }
        r.putShortened(31, p.handling(), 20);
        r.putShortened(33, p.note(), 44);
        if (cod) {
            long max = type.equals("9") ? COMPACT_COLLECT_MAX : COLLECT_MAX;
            if (!type.equals("2") && !type.equals("9")) {
                r.refuse(34, "代引き（コレクト）はこのサービスでは使えません");
            } else if (p.codAmount() > max) {
                r.refuse(34, "代引き金額 " + p.codAmount() + " 円は上限 " + max + " 円を超えています");
            } else if (p.codTax() < 0 || p.codTax() > p.codAmount()) {
                r.refuse(35, "内消費税額等は 0 以上で代引き金額以下です");
            } else {
                r.put(34, String.valueOf(p.codAmount()), 7).put(35, String.valueOf(p.codTax()), 7);
            }
        }
        if (p.pieces() > 1) {
            if (type.equals("0")) {
                r.put(38, String.valueOf(Math.min(p.pieces(), 99)), 2);
            } else {
                r.warn(COLUMNS[37], "発行枚数は発払いだけです: 送り状は1枚、残り " + (p.pieces() - 1) + " 個口はB2クラウドで追加してください");
            }
        }
        String customer = account.customerCode() == null ? "" : account.customerCode().strip();
        if (!customer.matches("\\d{10,12}")) {
            r.refuse(40, "ヤマトのご請求先顧客コード（10〜12桁）を設定してください");
        } else {
            r.put(40, customer, 12);
        }
        r.put(41, account.classCode(), 3);
        String freight = account.freightNumber() == null ? "" : account.freightNumber().strip();
        if (!freight.matches("\\d{2}")) {
            r.refuse(42, "運賃管理番号（2桁）を設定してください");
        } else {
            r.put(42, freight, 2);
        }
        return r;
    }

    /** Phone, postal code, address line (overflowing into the building column), building, name, company. */
    private static void party(LabelRow r, ParcelLabel.Party party, int phone, int postal, int address, int building,
            int name, int company, String who) {
        if (party == null) {
            r.refuse(name, who + "がありません");
            return;
        }
        r.require(phone, phoneText(party.phone()), 15);
        r.require(postal, postalText(party.postalCode()), 8);
        String line = party.addressLine();
        String rest = party.building() == null ? "" : party.building().strip();
        if (LabelRow.width(line) > 64) {
            String head = LabelRow.head(line, 64);
            rest = line.substring(head.length()) + (rest.isEmpty() ? "" : " " + rest);
            line = head;
        }
        r.require(address, line, 64);
        r.put(building, rest, 32);
        r.require(name, party.name(), 32);
        if (company > 0) {
            r.put(company, party.company(), 50);
        }
    }

    static String phoneText(String phone) {
        if (phone == null) {
            return null;
        }
        String n = java.text.Normalizer.normalize(phone, java.text.Normalizer.Form.NFKC).replaceAll("[^0-9-]", "");
        return n.isEmpty() ? null : n;
    }

    static String postalText(String postal) {
        if (postal == null) {
            return null;
        }
        String d = java.text.Normalizer.normalize(postal, java.text.Normalizer.Form.NFKC).replaceAll("[^0-9]", "");
        return d.length() == 7 ? d.substring(0, 3) + "-" + d.substring(3) : null;
    }

    /** Writes the title row and the rows as CP932 CSV; characters CP932 cannot hold are reported per parcel. */
    static byte[] write(String[] titles, List<List<String>> rows, List<String> keys, List<LabelProblem> problems) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ExcelSafeCsvWriter w = new ExcelSafeCsvWriter(out, CsvEncoding.CP932)) {
            w.writeRow(List.of(titles));
            for (int i = 0; i < rows.size(); i++) {
                for (var u : w.writeRow(rows.get(i))) {
                    problems.add(new LabelProblem(keys.get(i), titles[u.column()],
                            u.describe() + " は Shift_JIS にない文字のため 〓 で出力しました。送り状を確認してください", false));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    @Override
    public IssuedImport importIssued(CsvSource file) {
        return IssuedData.read(id(), Carrier.YAMATO, file, 1, 4, COLUMNS[0], COLUMNS[3]);
    }
}
