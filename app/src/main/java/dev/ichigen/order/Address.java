package dev.ichigen.order;

/**
 * A Japanese postal address as channels deliver it: 郵便番号, 都道府県, 市区町村, 町域・番地
 * ({@code street}) and 建物名・部屋番号 ({@code building}). Kept as given (stripped); checking it against
 * the postal code data is the address checks' business.
 */
public record Address(String postalCode, String prefecture, String city, String street, String building) {

    /** The address on one line, for people and for the history. */
    public String oneLine() {
        StringBuilder b = new StringBuilder();
        if (postalCode != null) {
            b.append('〒').append(postalCode).append(' ');
        }
        for (String part : new String[] { prefecture, city, street, building }) {
            if (part != null) {
                b.append(part);
                if (part == street) {
                    b.append(' ');
                }
            }
        }
        return b.toString().strip();
    }
}
