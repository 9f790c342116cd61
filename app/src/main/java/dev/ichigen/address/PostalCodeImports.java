package dev.ichigen.address;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;

import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.ichigen.address.PostalImportReport.LineError;
import dev.ichigen.address.PostalImportReport.Status;
import dev.ichigen.address.data.PostalRow;
import dev.ichigen.address.data.PostalRows;
import dev.ichigen.address.kenall.KenAllReader;
import dev.ichigen.platform.AuditLog;
import dev.ichigen.platform.CurrentActor;
import dev.ichigen.shared.csv.CsvEncoding;
import dev.ichigen.shared.csv.CsvRow;
import dev.ichigen.shared.csv.CsvSource;
import dev.ichigen.shared.csv.CsvTableReader;
import dev.ichigen.shared.csv.UndecodableCsvException;

/**
 * Refreshing the postal code data from Japan Post's files (郵便番号データの更新): 住所の郵便番号 as
 * KEN_ALL.CSV (Shift_JIS) or utf_ken_all.csv (UTF-8), plain or as the zip Japan Post distributes
 * (ken_all.zip, utf_ken_all.zip). See {@link KenAllReader} for how the file is read.
 *
 * <p>The file is read completely first; if any line is wrong nothing is written and the report names each
 * line, column and reason. Then, in one transaction holding the data-set lock, the whole data set is
 * replaced and the import is recorded in the audit log: lookups see the old data or the new, never a mix.
 * A file that gives exactly the data already loaded writes nothing ({@link Status#UNCHANGED}), so importing
 * the same file twice is harmless.
 *
 * <p>A file that does not cover all 47 prefectures (e.g. Japan Post's per-prefecture files, or a difference
 * file) is refused unless {@code partial} is set: replacing the national data set with it would drop every
 * other prefecture.
 */
@Service
public class PostalCodeImports {

    private static final int MAX_REPORTED_ERRORS = 1000;
    private static final byte[] ZIP_MAGIC = { 'P', 'K', 3, 4 };
    private static final long MAX_UNZIPPED_BYTES = 200L * 1024 * 1024;

    private final PostalAreaStore store;
    private final AuditLog audit;
    private final TransactionTemplate transaction;
    private final Clock clock;

    PostalCodeImports(PostalAreaStore store, AuditLog audit, PlatformTransactionManager transactions, Clock clock) {
        this.store = store;
        this.audit = audit;
        this.transaction = new TransactionTemplate(transactions);
        this.clock = clock;
    }

    /**
     * Imports one file; see the class description. {@code fileName} is recorded as the source. Never throws
     * for bad content: the report says what is wrong.
     */
    public PostalImportReport importFile(String fileName, CsvSource file, boolean partial) {
        String source = fileName == null || fileName.isBlank() ? "(名前なし)" : fileName.strip();
        Path unzipped = null;
        try {
            CsvSource csv = file;
            if (isZip(file)) {
                unzipped = Files.createTempFile("ichigen-postal-", ".csv");
                String entry = unzip(file, unzipped);
                if (entry == null) {
                    return unreadable(source, "zip の中に CSV ファイルがありません（KEN_ALL.CSV または utf_ken_all.csv を含む zip を指定してください）");
                }
                source = source + " (" + entry + ")";
                Path extracted = unzipped;
                csv = () -> Files.newInputStream(extracted);
            }
            return importCsv(source, csv, partial);
        } catch (ZipException e) {
            return unreadable(source, "zip ファイルを読めません: " + e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (unzipped != null) {
                try {
                    Files.deleteIfExists(unzipped);
                } catch (IOException ignored) {
                    // a temp file left behind is harmless
                }
            }
        }
    }

    private PostalImportReport importCsv(String source, CsvSource csv, boolean partial) throws IOException {
        KenAllReader reader = new KenAllReader();
        String encoding;
        try (CsvTableReader table = CsvTableReader.open(csv)) {
            encoding = table.encoding().label();
            for (CsvRow row = table.next(); row != null; row = table.next()) {
                reader.accept(row);
            }
            reader.finish();
        } catch (UndecodableCsvException e) {
            return unreadable(source, e.getMessage());
        } catch (CsvTableReader.MalformedCsvException e) {
            return report(Status.UNREADABLE, source, null, null, 0, 0,
                    List.of(new LineError(e.line(), null, null, null, e.getMessage())), List.of());
        }
        List<String> warnings = new ArrayList<>();
        List<LineError> errors = new ArrayList<>();
        for (KenAllReader.LineError e : reader.errors()) {
            errors.add(new LineError(e.line(), e.column(), e.field(), e.value(), e.message()));
        }
        if (reader.lines() == 0) {
            errors.add(new LineError(0, null, null, null, "ファイルが空です"));
        } else if (errors.isEmpty() && reader.rows().isEmpty()) {
            errors.add(new LineError(0, null, null, null, "有効な行がありません（すべて廃止の行です）"));
        }
        if (errors.isEmpty() && reader.prefectures().size() < Prefectures.NAMES.size()) {
            String message = "全国のデータではありません（" + reader.prefectures().size() + " 都道府県のみ: "
                    + String.join("・", Prefectures.NAMES.stream().filter(reader.prefectures()::contains).limit(5).toList())
                    + (reader.prefectures().size() > 5 ? " など" : "") + "）。取り込むと他の都道府県の郵便番号が消えます";
            if (partial) {
                warnings.add(message);
            } else {
                errors.add(new LineError(0, null, null, null, message
                        + "。都道府県別のファイルで全体を置き換える場合だけ partial=true を指定してください"));
            }
        }
        if (!errors.isEmpty()) {
            return report(Status.REJECTED, source, encoding, reader, 0, 0, errors, warnings);
        }
        List<PostalRow> rows = PostalRows.prepare(reader.rows());
        String hash = PostalRows.contentHash(rows);
        int codes = PostalRows.codeCount(rows);
        String finalSource = source;
        String finalEncoding = encoding;
        return transaction.execute(status -> {
            PostalAreaStore.DataSetRow before = store.lockDataSet();
            if (Objects.equals(before.hash(), hash)) {
                return report(Status.UNCHANGED, finalSource, finalEncoding, reader, rows.size(), codes, List.of(), warnings);
            }
            store.deleteAll();
            store.insertAll(rows);
            Instant now = clock.instant();
            store.updateDataSet(PostalDataSet.Origin.IMPORTED, finalSource, rows.size(), codes, hash, now, CurrentActor.name());
            audit.record("postal-codes.import", "postal_data_set", "1",
                    "郵便番号データを取り込みました: " + finalSource + " " + rows.size() + " 行, " + codes + " 件",
                    summary(before.toDataSet()), Map.of("source", finalSource, "rows", rows.size(), "codes", codes,
                            "lines", reader.lines(), "abolished", reader.abolished()));
            return report(Status.IMPORTED, finalSource, finalEncoding, reader, rows.size(), codes, List.of(), warnings);
        });
    }

    private static Map<String, Object> summary(PostalDataSet set) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("origin", set.origin() == null ? null : set.origin().name());
        m.put("source", set.source());
        m.put("rows", set.rows());
        m.put("codes", set.codes());
        return m;
    }

    private PostalImportReport report(Status status, String source, String encoding, KenAllReader reader, long rows,
            long codes, List<LineError> errors, List<String> warnings) {
        return new PostalImportReport(status, source, encoding, reader == null ? 0 : reader.lines(),
                reader == null ? 0 : reader.joinedLines(), reader == null ? 0 : reader.abolished(), rows, codes,
                errors.size() > MAX_REPORTED_ERRORS ? List.copyOf(errors.subList(0, MAX_REPORTED_ERRORS)) : List.copyOf(errors),
                errors.size(), List.copyOf(warnings), clock.instant(), CurrentActor.name());
    }

    private PostalImportReport unreadable(String source, String message) {
        return report(Status.UNREADABLE, source, null, null, 0, 0, List.of(new LineError(0, null, null, null, message)),
                List.of());
    }

    private static boolean isZip(CsvSource file) throws IOException {
        try (InputStream in = file.open()) {
            byte[] head = in.readNBytes(4);
            return java.util.Arrays.equals(head, ZIP_MAGIC);
        }
    }

    /** Copies the first {@code .csv} entry of the zip to {@code target}; answers its name, or {@code null} if none. */
    private static String unzip(CsvSource file, Path target) throws IOException {
        // Names without the UTF-8 flag are read as CP932, as Japanese Windows writes them.
        try (ZipInputStream zip = new ZipInputStream(file.open(), CsvEncoding.WINDOWS_31J)) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                String name = entry.getName();
                if (!entry.isDirectory() && name.toLowerCase(java.util.Locale.ROOT).endsWith(".csv")) {
                    try (OutputStream out = Files.newOutputStream(target)) {
                        byte[] buffer = new byte[64 * 1024];
                        long total = 0;
                        for (int n; (n = zip.read(buffer)) >= 0;) {
                            total += n;
                            if (total > MAX_UNZIPPED_BYTES) {
                                throw new ZipException(name + " は 200MB を超えます（住所の郵便番号ファイルは 20MB 程度です）");
                            }
                            out.write(buffer, 0, n);
                        }
                    }
                    return name.substring(name.lastIndexOf('/') + 1);
                }
            }
        }
        return null;
    }
}
