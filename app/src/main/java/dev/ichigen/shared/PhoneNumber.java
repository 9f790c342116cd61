package dev.ichigen.shared;

/**
 * A Japanese phone number (電話番号) in national form: ten or eleven digits starting with 0, without
 * hyphens. Read one with {@link PhoneNumbers#validate}.
 *
 * @param digits e.g. {@code 09012345678}, {@code 0312345678}
 */
public record PhoneNumber(String digits, Kind kind) {

    /** What kind of number it is, by its prefix (総務省 電気通信番号計画). */
    public enum Kind {
        /** 070 / 080 / 090, 11 digits (携帯電話・PHS). */
        MOBILE,
        /** 050, 11 digits (IP電話). */
        IP_PHONE,
        /** 0 + area code + subscriber, 10 digits (固定電話). */
        LANDLINE,
        /** 0120 (10 digits) or 0800 (11 digits) (フリーダイヤル). */
        TOLL_FREE,
        /** 0570, 10 digits (ナビダイヤル). */
        NAVI_DIAL,
        /** 020, 11 digits (M2M / ポケベル): valid, but rarely a person's number. */
        M2M
    }

    public PhoneNumber {
        if (digits == null || !digits.matches("0[0-9]{9,10}")) {
            throw new IllegalArgumentException("a Japanese phone number is 10 or 11 digits starting with 0: " + digits);
        }
    }

    /** {@code +81} form without the leading 0, e.g. {@code +819012345678}. */
    public String international() {
        return "+81" + digits.substring(1);
    }

    /**
     * With hyphens where the grouping follows from the prefix ({@code 090-1234-5678}, {@code 0120-123-456},
     * {@code 0800-123-4567}); a landline's area code has 1 to 5 digits, so landlines stay unhyphenated.
     */
    public String formatted() {
        return switch (kind) {
            case MOBILE, IP_PHONE, M2M -> digits.substring(0, 3) + "-" + digits.substring(3, 7) + "-" + digits.substring(7);
            case TOLL_FREE, NAVI_DIAL -> digits.substring(0, 4) + "-" + digits.substring(4, 7) + "-" + digits.substring(7);
            case LANDLINE -> digits;
        };
    }
}
