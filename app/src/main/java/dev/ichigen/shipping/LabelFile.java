package dev.ichigen.shipping;

/** A carrier file ready to upload: name, bytes (CP932, CRLF) and how many parcels it holds. */
public record LabelFile(String fileName, byte[] content, int parcels) {
}
