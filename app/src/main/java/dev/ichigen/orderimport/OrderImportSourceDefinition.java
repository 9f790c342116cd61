package dev.ichigen.orderimport;

import java.util.List;

/**
 * What a person states to create or change an import source (see {@link OrderImportSource});
 * {@code encoding} {@code null} = AUTO, {@code headerRow} {@code null} = true.
 */
public record OrderImportSourceDefinition(String name, Long channelId, SourceEncoding encoding, Boolean headerRow,
        List<ColumnMapping> columns) {
}
