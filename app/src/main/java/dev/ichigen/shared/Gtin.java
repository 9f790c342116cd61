package dev.ichigen.shared;

/**
 * A retail barcode number: JAN/EAN-13, EAN-8 (短縮JAN) or UPC-A (12 digits), always with a valid
 * check digit (GS1 General Specifications §7.9: weights 3 and 1 alternating from the right,
 * check digit = (10 - sum mod 10) mod 10).
 */
public record Gtin(String value) {

    public Gtin {
        String problem = problem(value);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
    }

    public static Gtin of(String value) {
        return new Gtin(value);
    }

    /** Why {@code value} is not a valid JAN/EAN/UPC, or {@code null} when it is. */
    public static String problem(String value) {
        if (value == null || value.isEmpty()) {
            return "barcode is empty";
        }
        if (!value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return "barcode must contain digits only: " + value;
        }
        if (value.length() != 8 && value.length() != 12 && value.length() != 13) {
            return "barcode must have 8 (EAN-8), 12 (UPC-A) or 13 (JAN/EAN-13) digits, not " + value.length();
        }
        int expected = checkDigit(value.substring(0, value.length() - 1));
        int actual = value.charAt(value.length() - 1) - '0';
        if (expected != actual) {
            return "check digit of " + value + " should be " + expected;
        }
        return null;
    }

    /** The GS1 check digit for the digits before it. */
    public static int checkDigit(String payload) {
        int sum = 0;
        for (int i = 0; i < payload.length(); i++) {
            int digit = payload.charAt(payload.length() - 1 - i) - '0';
            sum += (i % 2 == 0) ? digit * 3 : digit;
        }
        return (10 - sum % 10) % 10;
    }

    public String kind() {
        return switch (value.length()) {
            case 8 -> "EAN-8";
            case 12 -> "UPC-A";
            default -> "JAN/EAN-13";
        };
    }

    @Override
    public String toString() {
        return value;
    }
}
