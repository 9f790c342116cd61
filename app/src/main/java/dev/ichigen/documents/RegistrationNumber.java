package dev.ichigen.documents;

import java.text.Normalizer;
import java.util.Locale;

/**
 * 適格請求書発行事業者の登録番号: {@code T} + 13 digits (国税庁 適格請求書発行事業者公表サイト「登録番号とは」). For a
 * company the 13 digits are its 法人番号; for sole proprietors and other taxable persons the NTA assigns 13 digits
 * that never collide with a 法人番号 — we check those with the same check digit (the NTA publishes no other rule;
 * a real number refused here would be a bug to report).
 *
 * <p>Check digit (the first of the 13 digits), 法人番号の指定等に関する省令 (平成26年財務省令第70号) 第2条:
 * {@code 9 − ((Σ n=1..12 Pn × Qn) mod 9)}, Pn = the n-th digit of the 12-digit 基礎番号 counted from its lowest
 * (rightmost) digit, Qn = 1 when n is odd and 2 when n is even. The result is always 1–9, so a leading 0 is invalid.
 * Worked example (NTA leaflet): 7123456789012 → Σ = 74, 74 mod 9 = 2, 9 − 2 = 7.
 */
public final class RegistrationNumber {

    private RegistrationNumber() {
    }

    /**
     * The number in its printed form ({@code T1234567890123}): full-width letters and digits are folded (NFKC),
     * spaces and hyphens removed, a lower-case t accepted. Throws {@link IllegalArgumentException} with a Japanese
     * message saying what is wrong.
     */
    public static String normalize(String input) {
        if (input == null || input.isBlank()) {
            throw new IllegalArgumentException("登録番号が空です");
        }
        String s = Normalizer.normalize(input, Normalizer.Form.NFKC).strip().replace(" ", "").replace("-", "")
                .toUpperCase(Locale.ROOT);
        if (s.charAt(0) != 'T') {
            throw new IllegalArgumentException("登録番号は T で始まります (T + 13桁の数字): " + input.strip());
        }
        String digits = s.substring(1);
        if (digits.length() != 13 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("登録番号は T + 13桁の数字です: " + input.strip());
        }
        int expected = checkDigit(digits.substring(1));
        if (digits.charAt(0) - '0' != expected) {
            throw new IllegalArgumentException("登録番号のチェックデジット (先頭の数字) が合いません。正しくは " + expected
                    + " です: " + input.strip());
        }
        return s;
    }

    /** Whether {@code input} is a valid registration number (see {@link #normalize}). */
    public static boolean isValid(String input) {
        try {
            normalize(input);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The check digit of a 12-digit 基礎番号 (省令第2条, see the class comment). */
    public static int checkDigit(String base12) {
        if (base12.length() != 12) {
            throw new IllegalArgumentException("基礎番号は12桁です");
        }
        int sum = 0;
        for (int n = 1; n <= 12; n++) {
            int p = base12.charAt(12 - n) - '0';
            sum += p * (n % 2 == 1 ? 1 : 2);
        }
        return 9 - sum % 9;
    }
}
