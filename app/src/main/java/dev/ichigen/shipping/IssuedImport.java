package dev.ichigen.shipping;

import java.util.List;

/** Tracking numbers read from a carrier's issued-data file, and the rows refused (line, column, reason). */
public record IssuedImport(String format, List<IssuedTracking> tracking, List<dev.ichigen.shared.FieldError> errors) {
}
