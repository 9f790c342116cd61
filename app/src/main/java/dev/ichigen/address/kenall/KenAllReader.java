package dev.ichigen.address.kenall;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import dev.ichigen.address.Prefectures;
import dev.ichigen.address.data.PostalRow;
import dev.ichigen.shared.csv.CsvRow;

/**
 * Reads Japan Post's 住所の郵便番号 files row by row: KEN_ALL.CSV (Shift_JIS, half-width kana, long towns
 * split over several lines) and utf_ken_all.csv (UTF-8, full-width kana, one record per line). Both have
 * the same 15 columns without a header ({@link #COLUMNS}).
 *
 * <p>A town whose opening bracket {@code （} is not closed on its line continues on the next lines of the
 * same code until it is (KEN_ALL splits a town longer than 38 characters, and its reading longer than 76
 * half-width characters, each at its own point; a continuation line may also repeat the reading). The
 * joined town is then cleaned ({@link KenAllTown}). Rows marked 廃止 (更新の表示 = 2, or 変更理由 = 6) are
 * skipped. Every problem is reported with its line, column and reason.
 */
public final class KenAllReader {

    /** The 15 columns, as Japan Post names them. */
    public static final List<String> COLUMNS = List.of("全国地方公共団体コード", "（旧）郵便番号（5桁）", "郵便番号（7桁）",
            "都道府県名カナ", "市区町村名カナ", "町域名カナ", "都道府県名", "市区町村名", "町域名",
            "一町域が二以上の郵便番号で表される場合の表示", "小字毎に番地が起番されている町域の表示", "丁目を有する町域の場合の表示",
            "一つの郵便番号で二以上の町域を表す場合の表示", "更新の表示", "変更理由");

    private static final int MUNICIPALITY = 0, CODE = 2, PREF_KANA = 3, CITY_KANA = 4, TOWN_KANA = 5, PREF = 6, CITY = 7,
            TOWN = 8, UPDATE = 13, REASON = 14;

    /** A problem in the file: {@code column} (1–15) and {@code field} are {@code null} for the whole line. */
    public record LineError(long line, Integer column, String field, String value, String message) {
    }

    private final List<PostalRow> rows = new ArrayList<>(130_000);
    private final List<LineError> errors = new ArrayList<>();
    private final Set<String> prefectures = new HashSet<>();
    private long lines;
    private int abolished;
    private int joinedLines;
    private Pending pending;

    /** A record whose town is still open, waiting for its continuation lines. */
    private static final class Pending {
        final long line;
        final List<String> cells;
        final StringBuilder town;
        final StringBuilder kana;
        final String firstKana;

        Pending(long line, List<String> cells) {
            this.line = line;
            this.cells = cells;
            this.town = new StringBuilder(cells.get(TOWN));
            this.kana = new StringBuilder(cells.get(TOWN_KANA));
            this.firstKana = cells.get(TOWN_KANA);
        }
    }

    /** Reads the next physical row of the file. */
    public void accept(CsvRow row) {
        lines++;
        List<String> cells = row.cells();
        if (cells.size() != COLUMNS.size()) {
            String hint = cells.size() == 13 ? "（事業所の個別郵便番号 JIGYOSYO.CSV ではありませんか）" : "";
            errors.add(new LineError(row.line(), null, null, null,
                    "列が " + cells.size() + " 個あります。住所の郵便番号ファイル (KEN_ALL.CSV / utf_ken_all.csv) は 15 列です" + hint));
            return;
        }
        boolean valid = validate(row.line(), cells);
        if (pending != null) {
            List<String> first = pending.cells;
            if (cells.get(CODE).equals(first.get(CODE)) && cells.get(PREF).equals(first.get(PREF))
                    && cells.get(CITY).equals(first.get(CITY))) {
                pending.town.append(cells.get(TOWN));
                String kana = cells.get(TOWN_KANA);
                if (!kana.equals(pending.firstKana)) { // some continuation lines repeat the reading
                    pending.kana.append(kana);
                }
                joinedLines++;
                if (KenAllTown.closed(pending.town.toString())) {
                    Pending done = pending;
                    pending = null;
                    emit(done.line, done.cells, done.town.toString(), done.kana.toString());
                }
                return;
            }
            unclosed(row.line());
        }
        if (!valid) {
            return;
        }
        if (!KenAllTown.closed(cells.get(TOWN))) {
            pending = new Pending(row.line(), cells);
            return;
        }
        emit(row.line(), cells, cells.get(TOWN), cells.get(TOWN_KANA));
    }

    /** Call after the last row: reports a town still open at the end of the file. */
    public void finish() {
        if (pending != null) {
            unclosed(null);
        }
    }

    private void unclosed(Long nextLine) {
        errors.add(new LineError(pending.line, TOWN + 1, COLUMNS.get(TOWN), pending.town.toString(),
                "町域名の括弧「（」が閉じていません。" + (nextLine == null ? "ファイルの終わり" : nextLine + " 行目の別の郵便番号")
                        + "までに「）」で閉じる続きの行が必要です"));
        pending = null;
    }

    private void emit(long line, List<String> cells, String rawTown, String rawKana) {
        if (cells.get(UPDATE).equals("2") || cells.get(REASON).equals("6")) {
            abolished++; // 廃止: the code no longer exists (only in Japan Post's difference files)
            return;
        }
        String town = KenAllTown.town(rawTown);
        String kana = KenAllTown.kana(rawKana, town);
        prefectures.add(cells.get(PREF));
        rows.add(new PostalRow(cells.get(CODE), 0, cells.get(PREF).strip(), cells.get(CITY).strip(), town,
                KenAllTown.nfkc(cells.get(PREF_KANA)), KenAllTown.nfkc(cells.get(CITY_KANA)), kana, null,
                rawTown.equals(town) ? null : rawTown, cells.get(MUNICIPALITY)));
    }

    private boolean validate(long line, List<String> cells) {
        int before = errors.size();
        String municipality = cells.get(MUNICIPALITY);
        if (!municipality.matches("[0-9]{5}")) {
            error(line, MUNICIPALITY, municipality, "5桁の数字ではありません");
        }
        String code = cells.get(CODE);
        if (!code.matches("[0-9]{7}")) {
            error(line, CODE, code, "7桁の数字ではありません");
        }
        String prefecture = cells.get(PREF);
        if (!Prefectures.isPrefecture(prefecture)) {
            error(line, PREF, prefecture, "都道府県名ではありません");
        } else if (municipality.matches("[0-9]{5}") && Integer.parseInt(municipality.substring(0, 2)) != Prefectures.code(prefecture)) {
            error(line, MUNICIPALITY, municipality, "先頭2桁が都道府県コード " + String.format("%02d", Prefectures.code(prefecture))
                    + "（" + prefecture + "）と合いません");
        }
        if (cells.get(CITY).isBlank()) {
            error(line, CITY, cells.get(CITY), "空です");
        }
        for (int i = 9; i <= 12; i++) {
            if (!cells.get(i).equals("0") && !cells.get(i).equals("1")) {
                error(line, i, cells.get(i), "0 か 1 のはずです");
            }
        }
        if (!cells.get(UPDATE).matches("[012]")) {
            error(line, UPDATE, cells.get(UPDATE), "0（変更なし）・1（変更あり）・2（廃止）のどれかのはずです");
        }
        if (!cells.get(REASON).matches("[0-6]")) {
            error(line, REASON, cells.get(REASON), "0〜6 のはずです");
        }
        return errors.size() == before;
    }

    private void error(long line, int index, String value, String message) {
        errors.add(new LineError(line, index + 1, COLUMNS.get(index), value, COLUMNS.get(index) + "が" + message));
    }

    /** The records read, one per (joined) record, in file order, cleaned; 廃止 rows left out. */
    public List<PostalRow> rows() {
        return rows;
    }

    public List<LineError> errors() {
        return errors;
    }

    /** Physical (non-blank) lines read. */
    public long lines() {
        return lines;
    }

    /** Rows left out because they are marked 廃止. */
    public int abolished() {
        return abolished;
    }

    /** Continuation lines joined to the record before them. */
    public int joinedLines() {
        return joinedLines;
    }

    /** The prefectures the file covers (a complete file covers all 47). */
    public Set<String> prefectures() {
        return prefectures;
    }
}
