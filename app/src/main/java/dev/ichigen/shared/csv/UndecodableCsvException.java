package dev.ichigen.shared.csv;

import java.util.List;

/**
 * A CSV file that is neither valid UTF-8 nor valid Shift_JIS (CP932), or is in an encoding we do not
 * read (UTF-16). The message is in Japanese for shop staff and names the first bad byte per encoding tried.
 */
public class UndecodableCsvException extends RuntimeException {

    private final List<DecodingProblem> problems;

    public UndecodableCsvException(String message, List<DecodingProblem> problems) {
        super(message);
        this.problems = List.copyOf(problems);
    }

    /** The first undecodable byte for each encoding tried, in the order they were tried. */
    public List<DecodingProblem> problems() {
        return problems;
    }

    /**
     * Where decoding as {@code encoding} first failed: {@code byteOffset} counts from 0 at the start of
     * the file, {@code line} from 1; {@code badByte} is the byte found there (0–255).
     */
    public record DecodingProblem(CsvEncoding encoding, long byteOffset, long line, int badByte, String reason) {

        /** e.g. {@code UTF-8 として 1,235 バイト目 (3 行目, 0x82) が不正です}. */
        public String describe() {
            return String.format("%s として %,d バイト目 (%d 行目, 0x%02X) %s", encoding == CsvEncoding.CP932 ? "Shift_JIS(CP932)"
                    : "UTF-8", byteOffset + 1, line, badByte, reason);
        }
    }
}
