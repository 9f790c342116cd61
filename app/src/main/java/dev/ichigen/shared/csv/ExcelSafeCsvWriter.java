package dev.ichigen.shared.csv;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Writes CSV that Excel opens safely and correctly: CRLF line ends, quotes only where needed,
 * UTF-8 with a byte order mark (so Excel does not guess Shift_JIS) or CP932.
 *
 * <p>Formula injection (OWASP "CSV Injection"): a cell starting with {@code = + - @}, a tab or a carriage
 * return (and their full-width forms, which a Japanese Excel also turns into formulas) is written with a
 * leading single quote, which Excel shows as text. {@link #restore} undoes this when such a file is read back.
 *
 * <p>CP932: characters it cannot hold are first mapped to the character Japanese Windows shows for them
 * (the JIS X 0208 vs. CP932 differences: 〜 U+301C → ～ U+FF5E, − U+2212 → － U+FF0D, ‖ → ∥, — → ―,
 * ¢ £ ¬ ¥ ‾ → full-width forms, no-break space → space, …; decomposed kana are composed). What still
 * cannot be encoded (𠮷, emoji, é) is written as {@link #SUBSTITUTE} 〓 and reported in
 * {@link #unencodable()}; the caller decides whether such a file may be handed out. Never "?".
 */
public final class ExcelSafeCsvWriter implements Closeable, Flushable {

    /** 〓 (geta mark), the conventional substitute for a missing character in Japanese typesetting. */
    public static final char SUBSTITUTE = '\u3013';

    private static final int MAX_REPORTED = 1000;

    /** Characters CP932 lacks, mapped to the CP932 character that looks and means the same. */
    private static final Map<Integer, String> CP932_MAPPING = Map.ofEntries(
            Map.entry(0x301C, "\uFF5E"), // WAVE DASH 〜 → FULLWIDTH TILDE ～ (CP932 0x8160)
            Map.entry(0x2016, "\u2225"), // DOUBLE VERTICAL LINE ‖ → PARALLEL TO ∥
            Map.entry(0x2212, "\uFF0D"), // MINUS SIGN − → FULLWIDTH HYPHEN-MINUS －
            Map.entry(0x2014, "\u2015"), // EM DASH — → HORIZONTAL BAR ― (CP932 0x815C)
            Map.entry(0x2013, "\u2010"), // EN DASH – → HYPHEN ‐
            Map.entry(0x2011, "\u2010"), // NON-BREAKING HYPHEN → HYPHEN ‐
            Map.entry(0x00A2, "\uFFE0"), // ¢ → ￠
            Map.entry(0x00A3, "\uFFE1"), // £ → ￡
            Map.entry(0x00AC, "\uFFE2"), // ¬ → ￢
            Map.entry(0x00A6, "\uFFE4"), // ¦ → ￤
            Map.entry(0x00A5, "\uFFE5"), // ¥ → ￥ (Java would write 0x5C, which reads back as a backslash)
            Map.entry(0x203E, "\uFFE3"), // ‾ → ￣ (Java would write 0x7E, which reads back as ~)
            Map.entry(0x00B7, "\u30FB"), // MIDDLE DOT · → KATAKANA MIDDLE DOT ・
            Map.entry(0x2022, "\u30FB"), // BULLET • → ・
            Map.entry(0x00A0, " "), // NO-BREAK SPACE
            Map.entry(0x2002, " "), Map.entry(0x2003, " "), Map.entry(0x2009, " "), Map.entry(0x202F, " "),
            Map.entry(0x00AD, ""), // SOFT HYPHEN: invisible
            Map.entry(0x200B, ""), // ZERO WIDTH SPACE: invisible
            Map.entry(0xFEFF, "")); // ZERO WIDTH NO-BREAK SPACE (a stray BOM inside text): invisible

    private static final CSVFormat FORMAT = CSVFormat.EXCEL.builder().setRecordSeparator("\r\n").get();

    private final CsvEncoding encoding;
    private final CharsetEncoder checker;
    private final CSVPrinter printer;
    private final List<UnencodableCharacter> unencodable = new ArrayList<>();
    private long unencodableCount;
    private long row;

    /** Writes to {@code out} (not closed before {@link #close()}); for {@link CsvEncoding#UTF8_BOM} the mark is written first. */
    public ExcelSafeCsvWriter(OutputStream out, CsvEncoding encoding) {
        this.encoding = encoding;
        this.checker = encoding.charset().newEncoder();
        try {
            if (encoding == CsvEncoding.UTF8_BOM) {
                out.write(CsvEncoding.UTF8_BYTE_ORDER_MARK);
            }
            // REPORT: anything that slipped through the mapping fails loudly instead of becoming "?".
            CharsetEncoder encoder = encoding.charset().newEncoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT);
            this.printer = new CSVPrinter(new BufferedWriter(new OutputStreamWriter(out, encoder), 64 * 1024), FORMAT);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public CsvEncoding encoding() {
        return encoding;
    }

    /**
     * Writes one row (the first call is the header, row 0); {@code null} cells are written empty.
     * Answers the characters of this row that could not be encoded (usually none).
     */
    public List<UnencodableCharacter> writeRow(List<String> cells) {
        List<UnencodableCharacter> problems = List.of();
        List<String> safe = new ArrayList<>(cells.size());
        for (int column = 0; column < cells.size(); column++) {
            String cell = cells.get(column);
            if (cell == null || cell.isEmpty()) {
                safe.add("");
                continue;
            }
            String encodable = encodable(cell, column);
            if (encodable == null) {
                if (problems.isEmpty()) {
                    problems = new ArrayList<>();
                }
                encodable = substitute(cell, column, problems);
            }
            safe.add(neutralise(encodable));
        }
        try {
            printer.printRecord(safe);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        row++;
        return problems;
    }

    public List<UnencodableCharacter> writeRow(String... cells) {
        return writeRow(java.util.Arrays.asList(cells));
    }

    /** The first 1,000 characters that could not be encoded, in the order met. */
    public List<UnencodableCharacter> unencodable() {
        return Collections.unmodifiableList(unencodable);
    }

    /** How many characters could not be encoded in total. */
    public long unencodableCount() {
        return unencodableCount;
    }

    /**
     * The text as it will be written to a CP932 file: composed (NFC) and with the characters CP932 lacks mapped
     * to their CP932 look-alikes (see the class comment). Characters that still cannot be encoded stay as they
     * are. For width checks of fixed layouts (carrier files count half-width units = CP932 bytes).
     */
    public static String cp932Form(String text) {
        return text == null ? null : mapForCp932(Normalizer.normalize(text, Normalizer.Form.NFC));
    }

    /** The cell as Excel will show it as text: a leading {@code '} when it would otherwise be read as a formula. */
    public static String neutralise(String cell) {
        if (cell == null || cell.isEmpty()) {
            return cell;
        }
        // Cells that already start with quotes before a trigger get one more, so restore() gives them back unchanged.
        return isFormulaTrigger(cell.charAt(quotes(cell))) ? "'" + cell : cell;
    }

    /** Reverses {@link #neutralise} for a cell read from a file this writer produced (or Excel saved). */
    public static String restore(String cell) {
        if (cell == null || cell.isEmpty()) {
            return cell;
        }
        int quotes = quotes(cell);
        return quotes > 0 && isFormulaTrigger(cell.charAt(quotes)) ? cell.substring(1) : cell;
    }

    /** Number of leading single quotes, at most length - 1 (so charAt(result) exists). */
    private static int quotes(String cell) {
        int i = 0;
        while (i < cell.length() - 1 && cell.charAt(i) == '\'') {
            i++;
        }
        return i;
    }

    private static boolean isFormulaTrigger(char c) {
        return switch (c) {
            case '=', '+', '-', '@', '\t', '\r', '＝', '＋', '－', '＠' -> true;
            default -> false;
        };
    }

    /** The cell with known substitutions applied, or {@code null} when some character remains unencodable. */
    private String encodable(String cell, int column) {
        if (encoding != CsvEncoding.CP932) {
            return hasLoneSurrogate(cell) ? null : cell;
        }
        if (isAsciiOnly(cell)) {
            return cell;
        }
        String mapped = mapForCp932(cell);
        if (checker.canEncode(mapped)) {
            return mapped;
        }
        // decomposed kana (か + U+3099) become encodable once composed
        mapped = mapForCp932(Normalizer.normalize(cell, Normalizer.Form.NFC));
        return checker.canEncode(mapped) ? mapped : null;
    }

    private String substitute(String cell, int column, List<UnencodableCharacter> problems) {
        String text = encoding == CsvEncoding.CP932 ? mapForCp932(Normalizer.normalize(cell, Normalizer.Form.NFC)) : cell;
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length();) {
            int cp = text.codePointAt(i);
            String ch = new String(Character.toChars(cp));
            boolean ok = encoding == CsvEncoding.CP932 ? checker.canEncode(ch) : !Character.isSurrogate((char) cp);
            if (ok) {
                out.append(ch);
            } else {
                out.append(SUBSTITUTE);
                UnencodableCharacter problem = new UnencodableCharacter(row, column, cp);
                problems.add(problem);
                unencodableCount++;
                if (unencodable.size() < MAX_REPORTED) {
                    unencodable.add(problem);
                }
            }
            i += Character.charCount(cp);
        }
        return out.toString();
    }

    private static String mapForCp932(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length();) {
            int cp = text.codePointAt(i);
            String mapped = CP932_MAPPING.get(cp);
            if (mapped != null && out == null) {
                out = new StringBuilder(text.length()).append(text, 0, i);
            }
            if (out != null) {
                out.append(mapped != null ? mapped : new String(Character.toChars(cp)));
            }
            i += Character.charCount(cp);
        }
        return out == null ? text : out.toString();
    }

    private static boolean isAsciiOnly(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    private static boolean hasLoneSurrogate(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void flush() throws IOException {
        printer.flush();
    }

    @Override
    public void close() throws IOException {
        printer.close();
    }
}
