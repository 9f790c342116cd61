package dev.ichigen.shipping.label;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

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
 * 日本郵便 クリックポスト: the 8-column bulk upload file (まとめ申込) with its title row, Windows-31J, at most 40
 * rows a file (more parcels → more files). Layout and limits: ../shared/reference/carriers/clickpost-*.
 * The limits come from public tools, not an official page (VERIFY). Address in four lines of 40 half-width
 * units: 都道府県, 市区町村, 町域・番地, building (a line that overflows continues on the next). クリックポスト has
 * no COD, no クール and no delivery date or time: such parcels are left out with the reason. Tracking numbers
 * are printed on the label (PDF) and there is no issued-data file to read back.
 */
@Component
class ClickPostFormat implements CarrierFormat {

    static final String[] COLUMNS = { "お届け先郵便番号", "お届け先氏名", "お届け先敬称", "お届け先住所1行目", "お届け先住所2行目",
            "お届け先住所3行目", "お届け先住所4行目", "内容品" };
    static final int ROWS_PER_FILE = 40;
    private static final int LINE = 40;

    @Override
    public String id() {
        return "clickpost";
    }

    @Override
    public String label() {
        return "日本郵便 クリックポスト";
    }

    @Override
    public Carrier carrier() {
        return Carrier.JAPAN_POST;
    }

    @Override
    public LabelExport export(List<ParcelLabel> parcels, CarrierAccount account, LocalDate today) {
        List<LabelProblem> problems = new ArrayList<>();
        List<List<String>> rows = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        for (ParcelLabel p : parcels) {
            LabelRow r = new LabelRow(p.shipmentKey(), COLUMNS, problems);
            ParcelLabel.Party to = p.recipient();
            if (to == null) {
                r.refuse(2, "お届け先がありません");
            } else {
                r.require(1, YamatoB2Format.postalText(to.postalCode()), 8);
                r.require(2, to.company() == null || to.company().isBlank() ? to.name() : to.company() + " " + to.name(), 40);
                r.put(3, "様", 4);
                List<String> lines = lines(to);
                if (lines.size() > 4) {
                    r.refuse(4, "住所が4行（各全角20文字）に収まりません");
                } else {
                    for (int i = 0; i < lines.size(); i++) {
                        r.put(4 + i, lines.get(i), LINE);
                    }
                    if (lines.isEmpty()) {
                        r.refuse(4, "必須です");
                    }
                }
            }
            if (p.contents() == null || p.contents().isBlank()) {
                r.refuse(8, "必須です");
            } else {
                r.putShortened(8, p.contents(), 30);
            }
            if (p.codAmount() > 0) {
                r.refuse("代引き", "クリックポストは代引きを扱えません");
            }
            if (p.cool() != ParcelLabel.Cool.NONE) {
                r.refuse("クール", "クリックポストはクール便を扱えません");
            }
            if (p.deliveryDate() != null || (p.timeSlot() != null && !p.timeSlot().isBlank())) {
                r.refuse("お届け日時", "クリックポストは配達日時を指定できません");
            }
            if (p.pieces() > 1) {
                r.refuse("個口", "クリックポストは1個口ずつです");
            }
            if (!r.excluded()) {
                rows.add(r.cells());
                keys.add(p.shipmentKey());
            }
        }
        List<LabelFile> files = new ArrayList<>();
        String day = today.format(DateTimeFormatter.BASIC_ISO_DATE);
        for (int from = 0, n = 1; from < rows.size(); from += ROWS_PER_FILE, n++) {
            int to = Math.min(rows.size(), from + ROWS_PER_FILE);
            files.add(new LabelFile("clickpost-" + day + "-" + n + ".csv",
                    YamatoB2Format.write(COLUMNS, rows.subList(from, to), keys.subList(from, to), problems), to - from));
        }
        return new LabelExport(id(), files, keys, problems);
    }

    /** 都道府県 / 市区町村 / 町域・番地 / building, each line wrapped at 40 units, empty lines dropped. */
    private static List<String> lines(ParcelLabel.Party to) {
        List<String> out = new ArrayList<>();
        for (String part : new String[] { to.prefecture(), to.city(), to.street(), to.building() }) {
            String rest = part == null ? "" : part.strip();
            while (!rest.isEmpty()) {
                String head = LabelRow.head(rest, LINE);
                out.add(head);
                rest = rest.substring(head.length()).strip();
            }
        }
        return out;
    }

    @Override
    public IssuedImport importIssued(CsvSource file) {
        return null;
    }
}
