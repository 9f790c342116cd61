package dev.ichigen.address;

import java.util.List;

/**
 * The result of checking an address against its postal code (郵便番号と住所の照合), for an order check to
 * hold on and explain.
 *
 * @param postalCode the code as seven digits, or as given when it is not a postal code
 * @param expected what the data says: for {@code OK} the matching area; for a mismatch the areas of the
 *        code that got furthest (all of them for a prefecture mismatch); empty otherwise
 * @param message Japanese, for the hold reason, e.g. {@code 郵便番号 100-0001 の町域は 千代田 です（住所: …）}
 */
public record AddressCheck(Outcome outcome, String postalCode, List<PostalArea> expected, String message) {

    public enum Outcome {
        /** The address agrees with one of the code's areas. */
        OK,
        /** Not seven digits. */
        INVALID_POSTAL_CODE,
        /** Seven digits, but not in Japan Post's data. */
        UNKNOWN_POSTAL_CODE,
        /** No address was given at all. */
        ADDRESS_MISSING,
        /** The address names another prefecture than the code's. */
        PREFECTURE_MISMATCH,
        /** The prefecture fits (or is left out) but the city (市区町村) is not the code's. */
        CITY_MISMATCH,
        /** Prefecture and city fit but the town (町域) is none of the code's. */
        TOWN_MISMATCH
    }

    public AddressCheck {
        expected = List.copyOf(expected);
    }

    public boolean ok() {
        return outcome == Outcome.OK;
    }
}
