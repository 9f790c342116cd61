package dev.ichigen.catalog;

import java.util.List;

import dev.ichigen.shared.csv.CsvEncoding;

/**
 * What a product CSV export wrote. {@code unencodable} lists (the first 1,000) characters the chosen
 * encoding could not hold — written as 〓, never as "?"; {@code unencodableCount} counts all of them.
 */
public record ProductExportResult(long rows, CsvEncoding encoding, List<Unencodable> unencodable, long unencodableCount) {

    /** A character of product {@code sku}'s column {@code column} that the encoding cannot hold, e.g. 𠮷 (U+20BB7). */
    public record Unencodable(String sku, String column, String character) {
    }
}
