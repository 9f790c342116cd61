package dev.ichigen.orderimport;

import dev.ichigen.shared.csv.CsvEncoding;

/** How an import source's files are encoded: detected (UTF-8 ± BOM, else CP932), or always CP932 / UTF-8. */
public enum SourceEncoding {
    AUTO, CP932, UTF8;

    /** The encoding to read with, {@code null} = detect. */
    CsvEncoding csvEncoding() {
        return switch (this) {
            case AUTO -> null;
            case CP932 -> CsvEncoding.CP932;
            case UTF8 -> CsvEncoding.UTF8;
        };
    }
}
