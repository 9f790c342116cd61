package dev.ichigen.shared;

/** One thing wrong with one input field; {@code field} uses the API's JSON name or the CSV column. */
public record FieldError(String field, String message) {
}
