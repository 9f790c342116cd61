package dev.ichigen.address;

import java.time.Instant;

/**
 * The postal code data in use (郵便番号データ): where it comes from and when it was loaded.
 *
 * @param origin {@code null} while nothing is loaded yet
 * @param source the bundled package and its data date, or the imported file's name
 * @param loadedBy {@code system} for the bundled data loaded on start, else the importing user or token
 */
public record PostalDataSet(Origin origin, String source, long rows, long codes, Instant loadedAt, String loadedBy) {

    public enum Origin {
        /** The data shipped with the app, loaded on first start. */
        BUNDLED,
        /** Imported from Japan Post's files by a user. */
        IMPORTED
    }

    public boolean loaded() {
        return origin != null;
    }
}
