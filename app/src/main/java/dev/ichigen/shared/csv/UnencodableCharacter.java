package dev.ichigen.shared.csv;

/**
 * A character the chosen encoding cannot hold (e.g. 𠮷 or an emoji in Shift_JIS), found in data row
 * {@code row} (1 = the first row after the header; 0 = the header) and column {@code column} (0-based).
 * It was written as {@link ExcelSafeCsvWriter#SUBSTITUTE}, never as "?".
 */
public record UnencodableCharacter(long row, int column, int codePoint) {

    /** e.g. {@code 𠮷 (U+20BB7)}. */
    public String describe() {
        return new String(Character.toChars(codePoint)) + " (U+" + String.format("%04X", codePoint) + ")";
    }
}
