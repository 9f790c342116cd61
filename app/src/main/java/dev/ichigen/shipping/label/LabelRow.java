package dev.ichigen.shipping.label;

import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import dev.ichigen.shared.csv.ExcelSafeCsvWriter;
import dev.ichigen.shipping.LabelProblem;

/**
 * One row of a fixed-column carrier file being filled, with widths in half-width units (= bytes in CP932:
 * 全角 2, 半角 1), as the carriers' layouts count them. A value that does not fit is never cut silently:
 * {@link #put} refuses it (the parcel is left out, with the column and reason), {@link #putShortened} cuts
 * it with a warning (only for texts where a shorter form does no harm, such as 品名 and 記事).
 */
final class LabelRow {

    static final Charset CP932 = Charset.forName("windows-31j");

    private final String key;
    private final String[] cells;
    private final String[] names;
    private final List<LabelProblem> problems;
    private boolean excluded;

    LabelRow(String key, String[] columnNames, List<LabelProblem> problems) {
        this.key = key;
        this.names = columnNames;
        this.cells = new String[columnNames.length];
        Arrays.fill(cells, "");
        this.problems = problems;
    }

    /** Width of the text in half-width units once written to CP932 (characters CP932 lacks count 2). */
    static int width(String text) {
        if (text == null || text.isEmpty()) {
            return 0;
        }
        String form = ExcelSafeCsvWriter.cp932Form(text);
        int w = 0;
        var encoder = CP932.newEncoder();
        for (int i = 0; i < form.length();) {
            int cp = form.codePointAt(i);
            String ch = new String(Character.toChars(cp));
            w += encoder.canEncode(ch) ? ch.getBytes(CP932).length : 2;
            i += Character.charCount(cp);
        }
        return w;
    }

    /** The longest start of {@code text} that fits {@code max} half-width units. */
    static String head(String text, int max) {
        StringBuilder b = new StringBuilder();
        int w = 0;
        for (int i = 0; i < text.length();) {
            int cp = text.codePointAt(i);
            String ch = new String(Character.toChars(cp));
            int cw = width(ch);
            if (w + cw > max) {
                break;
            }
            b.append(ch);
            w += cw;
            i += Character.charCount(cp);
        }
        return b.toString();
    }

    /** Sets column {@code no} (1-based); a value wider than {@code max} leaves the parcel out. */
    LabelRow put(int no, String value, int max) {
        String v = value == null ? "" : value.strip();
        if (width(v) > max) {
            refuse(no, "「" + v + "」は" + max + "桁（全角" + max / 2 + "文字）を超えています");
            return this;
        }
        cells[no - 1] = v;
        return this;
    }

    /** Sets column {@code no}, cut to {@code max} with a warning when longer. */
    LabelRow putShortened(int no, String value, int max) {
        String v = value == null ? "" : value.strip();
        if (width(v) > max) {
            String cut = head(v, max);
            problems.add(new LabelProblem(key, names[no - 1], "「" + v + "」を「" + cut + "」に短縮しました（" + max + "桁）", false));
            v = cut;
        }
        cells[no - 1] = v;
        return this;
    }

    /** A required column: blank leaves the parcel out. */
    LabelRow require(int no, String value, int max) {
        if (value == null || value.isBlank()) {
            refuse(no, "必須です");
            return this;
        }
        return put(no, value, max);
    }

    void refuse(int no, String reason) {
        refuse(names[no - 1], reason);
    }

    void refuse(String field, String reason) {
        problems.add(new LabelProblem(key, field, reason, true));
        excluded = true;
    }

    void warn(String field, String message) {
        problems.add(new LabelProblem(key, field, message, false));
    }

    boolean excluded() {
        return excluded;
    }

    List<String> cells() {
        return new ArrayList<>(Arrays.asList(cells));
    }

    String key() {
        return key;
    }
}
