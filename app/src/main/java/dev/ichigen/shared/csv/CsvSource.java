package dev.ichigen.shared.csv;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CSV bytes that can be read more than once (a file on disk, an uploaded part, bytes in memory):
 * the encoding is detected in a first pass and the rows are parsed in a second, so a large file is
 * never held in memory twice.
 */
@FunctionalInterface
public interface CsvSource {

    /** A fresh stream from the first byte; the caller closes it. */
    InputStream open() throws IOException;

    static CsvSource of(byte[] bytes) {
        return () -> new ByteArrayInputStream(bytes);
    }

    static CsvSource of(Path file) {
        return () -> Files.newInputStream(file);
    }
}
