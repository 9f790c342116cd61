package dev.ichigen.orderimport;

import java.time.Instant;
import java.util.List;

/**
 * 取込元: a place order CSV files come from (a mall's order download, an own-site export, a wholesale partner's
 * list) with the channel its orders belong to, how its files are encoded, whether they have a header row and
 * the column mapping. Saved so a clerk picks the source and uploads.
 */
public record OrderImportSource(long id, String name, long channelId, SourceEncoding encoding, boolean headerRow,
        List<ColumnMapping> columns, Instant createdAt, Instant updatedAt) {
}
