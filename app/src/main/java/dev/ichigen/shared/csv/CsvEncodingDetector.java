package dev.ichigen.shared.csv;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackInputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.util.ArrayList;
import java.util.List;

import dev.ichigen.shared.csv.UndecodableCsvException.DecodingProblem;

/**
 * Finds out how a CSV file is encoded and opens it as text. In this order: a UTF-8 byte order mark
 * means UTF-8; otherwise a file that is strictly valid UTF-8 is UTF-8 (plain ASCII counts as UTF-8);
 * otherwise a file that is strictly valid CP932 is CP932. "Strictly" means malformed and unmapped byte
 * sequences are errors, and for CP932 so are user-defined characters (外字, lead bytes 0xF0–0xF9, which
 * Java maps to the private use area and no other system can show). Anything else is refused with the
 * first bad byte of each attempt, never decoded with replacement characters.
 *
 * <p>Each check streams the source once with fixed-size buffers; nothing is held in memory.
 */
public final class CsvEncodingDetector {

    private static final int BUFFER = 64 * 1024;

    private CsvEncodingDetector() {
    }

    /** The encoding of {@code source}; throws {@link UndecodableCsvException} when it is neither UTF-8 nor CP932. */
    public static CsvEncoding detect(CsvSource source) throws IOException {
        byte[] head = new byte[3];
        int n;
        try (InputStream in = source.open()) {
            n = in.readNBytes(head, 0, 3);
        }
        if (n >= 2 && ((head[0] == (byte) 0xFF && head[1] == (byte) 0xFE) || (head[0] == (byte) 0xFE && head[1] == (byte) 0xFF))) {
            throw new UndecodableCsvException("UTF-16 (Excel の「Unicode テキスト」) のファイルは読めません。"
                    + "「CSV UTF-8」か「CSV (コンマ区切り)」で保存し直してください。", List.of());
        }
        if (n == 3 && head[0] == (byte) 0xEF && head[1] == (byte) 0xBB && head[2] == (byte) 0xBF) {
            DecodingProblem problem = firstProblem(source, CsvEncoding.UTF8_BOM, 3);
            if (problem != null) {
                throw new UndecodableCsvException("UTF-8 (BOM付き) のファイルに UTF-8 として読めないバイトがあります: "
                        + problem.describe(), List.of(problem));
            }
            return CsvEncoding.UTF8_BOM;
        }
        DecodingProblem utf8 = firstProblem(source, CsvEncoding.UTF8, 0);
        if (utf8 == null) {
            return CsvEncoding.UTF8;
        }
        DecodingProblem cp932 = firstProblem(source, CsvEncoding.CP932, 0);
        if (cp932 == null) {
            return CsvEncoding.CP932;
        }
        // The attempt that got further is most likely the intended encoding with a damaged byte: name it first.
        List<DecodingProblem> problems = new ArrayList<>(List.of(utf8, cp932));
        problems.sort((a, b) -> Long.compare(b.byteOffset(), a.byteOffset()));
        throw new UndecodableCsvException("文字コードを判定できません。UTF-8 でも Shift_JIS(CP932) でも読めないバイトがあります: "
                + problems.get(0).describe() + "、" + problems.get(1).describe()
                + "。ファイルが壊れていないか確認し、UTF-8 か Shift_JIS で保存し直してください。", problems);
    }

    /** Opens {@code source} as text in {@code encoding}, skipping a UTF-8 byte order mark; bad bytes raise an IOException. */
    public static Reader open(CsvSource source, CsvEncoding encoding) throws IOException {
        InputStream in = source.open();
        PushbackInputStream pushback = new PushbackInputStream(in, 3);
        byte[] head = pushback.readNBytes(3);
        boolean bom = head.length == 3 && head[0] == (byte) 0xEF && head[1] == (byte) 0xBB && head[2] == (byte) 0xBF;
        if (!bom || encoding == CsvEncoding.CP932) {
            pushback.unread(head);
        }
        return new BufferedReader(new InputStreamReader(pushback, strictDecoder(encoding)), BUFFER);
    }

    /** Detects the encoding and opens the source: the usual way to read an uploaded CSV file. */
    public static Reader detectAndOpen(CsvSource source) throws IOException {
        return open(source, detect(source));
    }

    static CharsetDecoder strictDecoder(CsvEncoding encoding) {
        return encoding.charset().newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    /** The first byte that is not valid in {@code encoding}, or {@code null} when the whole source decodes. */
    static DecodingProblem firstProblem(CsvSource source, CsvEncoding encoding, int skip) throws IOException {
        CharsetDecoder decoder = strictDecoder(encoding);
        boolean cp932 = encoding == CsvEncoding.CP932;
        ByteBuffer in = ByteBuffer.allocate(BUFFER);
        CharBuffer out = CharBuffer.allocate(BUFFER);
        long base = skip; // offset in the file of in.array()[0]
        boolean trailExpected = false; // CP932 structure scan: the next byte is the second byte of a character
        long userDefinedAt = -1;
        try (InputStream stream = source.open()) {
            stream.skipNBytes(skip);
            boolean eof = false;
            while (true) {
                int start = in.position();
                int read = eof ? -1 : stream.read(in.array(), in.position(), in.remaining());
                if (read < 0) {
                    eof = true;
                } else {
                    in.position(in.position() + read);
                }
                if (cp932 && read > 0 && userDefinedAt < 0) {
                    for (int i = start; i < start + read; i++) {
                        int b = in.array()[i] & 0xFF;
                        if (trailExpected) {
                            trailExpected = false;
                        } else if ((b >= 0x81 && b <= 0x9F) || (b >= 0xE0 && b <= 0xFC)) {
                            trailExpected = true;
                            if (b >= 0xF0 && b <= 0xF9) {
                                userDefinedAt = base + i;
                                break;
                            }
                        }
                    }
                }
                in.flip();
                CoderResult result = decoder.decode(in, out, eof);
                out.clear();
                long errorAt = result.isError() ? base + in.position() : -1;
                if (userDefinedAt >= 0 && (errorAt < 0 || userDefinedAt < errorAt)) {
                    return problem(source, encoding, userDefinedAt, "はユーザー定義文字(外字)で、他のシステムでは表示できません");
                }
                if (errorAt >= 0) {
                    return problem(source, encoding, errorAt,
                            result.isMalformed() ? "が不正です" : "に対応する文字がありません");
                }
                if (eof && result.isUnderflow()) {
                    return decoder.flush(out).isError()
                            ? problem(source, encoding, base + in.position(), "で文字が途中で終わっています")
                            : null;
                }
                base += in.position();
                in.compact();
            }
        }
    }

    private static DecodingProblem problem(CsvSource source, CsvEncoding encoding, long offset, String reason)
            throws IOException {
        // Second, short pass to find the line and the byte value: only runs once, on failure.
        long line = 1;
        int bad = -1;
        try (InputStream stream = new java.io.BufferedInputStream(source.open(), BUFFER)) {
            for (long i = 0; i <= offset; i++) {
                int b = stream.read();
                if (b < 0) {
                    break;
                }
                if (i == offset) {
                    bad = b;
                } else if (b == '\n') {
                    line++;
                }
            }
        }
        return new DecodingProblem(encoding, offset, line, Math.max(bad, 0), reason);
    }
}
