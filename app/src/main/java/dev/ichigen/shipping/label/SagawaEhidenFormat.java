package dev.ichigen.shipping.label;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import dev.ichigen.shared.csv.CsvSource;
import dev.ichigen.shipping.Carrier;
import dev.ichigen.shipping.CarrierAccount;
import dev.ichigen.shipping.IssuedImport;
import dev.ichigen.shipping.LabelExport;
import dev.ichigen.shipping.LabelFile;
import dev.ichigen.shipping.LabelProblem;
import dev.ichigen.shipping.ParcelLabel;

/**
 * 佐川急便 e飛伝: the 74-column import file with a title row, Windows-31J, and its issued data read back
 * (お客様管理番号 column 10, お問い合せ送り状No. column 62). Column list: ../shared/reference/carriers/
 * sagawa-ehiden-import-columns.csv, whose lengths are marked VERIFY; they are taken here as full-width
 * characters (16 → 32 half-width units). The 配達指定時間帯 and クール便指定 codes are not in the reference
 * and follow common public integrations — VERIFY against the current e飛伝 specification before relying on
 * them: time 01 午前中, 12 12–14, 14 14–16, 16 16–18, 18 18–20, 19 19–21; cool 001 通常, 002 冷蔵, 003 冷凍.
 */
@Component
class SagawaEhidenFormat implements CarrierFormat {

    // @formatter:off
    /** The 74 column titles of e飛伝's import layout (../shared/reference/carriers/sagawa-ehiden-import-columns.csv). */
    static final String[] COLUMNS = {
            "お届け先コード取得区分", "お届け先コード", "お届け先電話番号", "お届け先郵便番号", "お届け先住所１", "お届け先住所２", "お届け先住所３", "お届け先名称１", "お届け先名称２",
            "お客様管理番号", "お客様コード", "部署ご担当者コード取得区分", "部署ご担当者コード", "部署ご担当者名称", "荷送人電話番号", "ご依頼主コード取得区分", "ご依頼主コード",
            "ご依頼主電話番号", "ご依頼主郵便番号", "ご依頼主住所１", "ご依頼主住所２", "ご依頼主名称１", "ご依頼主名称２", "荷姿", "品名１", "品名２", "品名３", "品名４",
            "品名５", "荷札荷姿", "荷札品名１", "荷札品名２", "荷札品名３", "荷札品名４", "荷札品名５", "荷札品名６", "荷札品名７", "荷札品名８", "荷札品名９", "荷札品名１０",
            "荷札品名１１", "出荷個数", "スピード指定", "クール便指定", "配達日", "配達指定時間帯", "配達指定時間（時分）", "代引金額", "消費税", "決済種別", "保険金額",
            "指定シール１", "指定シール２", "指定シール３", "営業所受取", "SRC区分", "営業所受取営業所コード", "元着区分", "メールアドレス", "ご不在時連絡先", "出荷日",
            "お問い合せ送り状No.", "出荷場印字区分", "集約解除指定", "編集０１", "編集０２", "編集０３", "編集０４", "編集０５", "編集０６", "編集０７", "編集０８",
            "編集０９", "編集１０" };
    // @formatter:on

    private static final Map<String, String> TIME_CODES = Map.of("08-12", "01", "12-14", "12", "14-16", "14",
            "16-18", "16", "18-20", "18", "19-21", "19");
    private static final DateTimeFormatter YMD = DateTimeFormatter.BASIC_ISO_DATE;
    private static final int LINE = 32;

    @Override
    public String id() {
        return "sagawa-ehiden";
    }

    @Override
    public String label() {
        return "佐川急便 e飛伝";
    }

    @Override
    public Carrier carrier() {
        return Carrier.SAGAWA;
    }

    @Override
    public LabelExport export(List<ParcelLabel> parcels, CarrierAccount account, LocalDate today) {
        List<LabelProblem> problems = new ArrayList<>();
        List<List<String>> rows = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        CarrierAccount a = account == null ? CarrierAccount.NONE : account;
        for (ParcelLabel p : parcels) {
            LabelRow r = new LabelRow(p.shipmentKey(), COLUMNS, problems);
            ParcelLabel.Party to = p.recipient();
            ParcelLabel.Party from = p.sender();
            if (to == null || from == null) {
                r.refuse(8, to == null ? "お届け先がありません" : "ご依頼主がありません");
            } else {
                r.put(1, "0", 1);
                r.require(3, YamatoB2Format.phoneText(to.phone()), 14);
                r.require(4, YamatoB2Format.postalText(to.postalCode()), 8);
                address(r, to, 5, 3);
                r.require(8, to.name(), LINE);
                r.put(9, to.company(), LINE);
                r.put(10, p.shipmentKey(), 32);
                r.put(11, a.customerCode(), 12);
                r.put(16, "0", 1);
                r.require(18, YamatoB2Format.phoneText(from.phone()), 14);
                r.require(19, YamatoB2Format.postalText(from.postalCode()), 8);
                address(r, from, 20, 2);
                r.require(22, from.name(), LINE);
                r.put(24, "001", 3);
                if (p.contents() == null || p.contents().isBlank()) {
                    r.refuse(25, "必須です");
                } else {
                    r.putShortened(25, p.contents(), 64);
                }
                r.put(42, String.valueOf(p.pieces()), 3);
                r.put(43, "000", 3);
                r.put(44, switch (p.cool()) {
                    case NONE -> "001";
                    case CHILLED -> "002";
                    case FROZEN -> "003";
                }, 3);
                if (p.deliveryDate() != null) {
                    r.put(45, p.deliveryDate().format(YMD), 8);
                }
                if (p.timeSlot() != null && !p.timeSlot().isBlank()) {
                    String code = TIME_CODES.get(p.timeSlot().strip());
                    if (code == null) {
                        r.refuse(46, "時間帯 " + p.timeSlot() + " は佐川急便では指定できません");
                    } else {
                        r.put(46, code, 2);
                    }
                }
                if (p.codAmount() > 0) {
                    if (p.codTax() < 0 || p.codTax() > p.codAmount()) {
                        r.refuse(49, "消費税は 0 以上で代引金額以下です");
                    }
                    r.put(48, String.valueOf(p.codAmount()), 7).put(49, String.valueOf(p.codTax()), 6);
                }
                if (p.shipDate() != null) {
                    r.put(61, p.shipDate().format(YMD), 8);
                }
            }
            if (!r.excluded()) {
                rows.add(r.cells());
                keys.add(p.shipmentKey());
            }
        }
        List<LabelFile> files = rows.isEmpty() ? List.of()
                : List.of(new LabelFile("sagawa-ehiden-" + today.format(YMD) + ".csv",
                        YamatoB2Format.write(COLUMNS, rows, keys, problems), rows.size()));
        return new LabelExport(id(), files, keys, problems);
    }

    /** The address in {@code lines} columns of 16 full-width characters from {@code first}: 都道府県+市区町村, 町域・番地, building. */
    private static void address(LabelRow r, ParcelLabel.Party party, int first, int lines) {
        List<String> out = new ArrayList<>();
        String[] parts = { (party.prefecture() == null ? "" : party.prefecture().strip())
                + (party.city() == null ? "" : party.city().strip()), party.street(), party.building() };
        for (String part : parts) {
            String rest = part == null ? "" : part.strip();
            while (!rest.isEmpty()) {
                String head = LabelRow.head(rest, LINE);
                out.add(head);
                rest = rest.substring(head.length()).strip();
            }
        }
        if (out.isEmpty()) {
            r.refuse(first, "必須です");
            return;
        }
        if (out.size() > lines) {
            // pack the overflow into the last line if it fits, else refuse
            String tail = String.join("", out.subList(lines - 1, out.size()));
            if (LabelRow.width(tail) > LINE) {
                r.refuse(first, "住所が" + lines + "欄（各全角16文字）に収まりません");
                return;
            }
            out = new ArrayList<>(out.subList(0, lines - 1));
            out.add(tail);
        }
        for (int i = 0; i < out.size(); i++) {
            r.put(first + i, out.get(i), LINE);
        }
    }

    @Override
    public IssuedImport importIssued(CsvSource file) {
        return IssuedData.read(id(), Carrier.SAGAWA, file, 10, 62, COLUMNS[9], COLUMNS[61]);
    }
}
