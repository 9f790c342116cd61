package dev.ichigen.documents;

import java.util.List;
import java.util.stream.Collectors;

/** A rendered document: its file name, the PDF bytes, and the characters printed as 〓 because the font lacks them. */
public record RenderedPdf(String fileName, byte[] content, List<UnprintableCharacter> unprintable) {

    /** The replaced characters for a response header (ASCII only): {@code U+20BB7 recipient.name, …}; empty when none. */
    public String unprintableHeader() {
        return unprintable.stream().map(u -> u.code() + " " + u.field()).distinct().collect(Collectors.joining(", "));
    }
}
