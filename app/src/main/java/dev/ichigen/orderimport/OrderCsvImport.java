package dev.ichigen.orderimport;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.ichigen.order.IntakeResult;
import dev.ichigen.order.OrderIntake;
import dev.ichigen.orderimport.OrderImportReport.RowError;
import dev.ichigen.orderimport.OrderImportReport.Status;
import dev.ichigen.platform.AuditLog;
import dev.ichigen.platform.CurrentActor;
import dev.ichigen.shared.ConflictException;
import dev.ichigen.shared.InvalidInputException;
import dev.ichigen.shared.NotFoundException;
import dev.ichigen.shared.csv.CsvEncoding;
import dev.ichigen.shared.csv.CsvSource;
import dev.ichigen.shared.csv.CsvTableReader;
import dev.ichigen.shared.csv.ExcelSafeCsvWriter;
import dev.ichigen.shared.csv.UndecodableCsvException;
import tools.jackson.core.type.TypeReference;

/**
 * 受注CSV取込: reads an order file with an import source's mapping and takes each order in through
 * {@link OrderIntake#accept} — idempotent, so the same file again reports its orders unchanged.
 *
 * <p>Two passes over the file, each streaming (one order's rows in memory at a time): the first reads and checks
 * every order ({@link OrderIntake#validate}) and collects the errors by file line, column and reason; the second
 * takes the orders in, each in its own transaction. If any order has an error nothing is taken in, unless
 * {@code validOnly}: then the valid orders are. Each upload is stored as a run with its first 1,000 errors, for the
 * downloadable error report.
 */
@Service
public class OrderCsvImport {

    static final int MAX_ERRORS = 1000;
    private static final TypeReference<List<RowError>> ERRORS = new TypeReference<>() {
    };

    private final OrderImportSources sources;
    private final OrderIntake intake;
    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final Clock clock;
    private final TransactionTemplate tx;

    OrderCsvImport(OrderImportSources sources, OrderIntake intake, JdbcClient jdbc, AuditLog audit, Clock clock,
            PlatformTransactionManager transactions) {
        this.tx = new TransactionTemplate(transactions);
        this.sources = sources;
        this.intake = intake;
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
    }

    /** Imports {@code file} (re-openable: it is read twice) with source {@code sourceId}'s mapping. */
    public OrderImportReport importCsv(long sourceId, CsvSource file, String fileName, boolean validOnly) {
        OrderImportSource source = sources.get(sourceId);
        List<RowError> errors = new ArrayList<>();
        long[] errorCount = { 0 };
        Set<String> invalid = new HashSet<>();
        int orders = 0;
        long rows;
        String encoding = null;
        try (OrderCsvReader reader = new OrderCsvReader(source, file)) {
            encoding = reader.encoding();
            for (OrderCsvReader.ParsedOrder p; (p = reader.next()) != null;) {
                orders++;
                List<RowError> problems = p.errors();
                if (p.valid()) {
                    problems = reader.rowErrors(p, intake.validate(p.order()));
                }
                if (!problems.isEmpty()) {
                    invalid.add(p.number() == null ? "" : p.number());
                    add(errors, errorCount, problems);
                }
            }
            rows = reader.rows();
        } catch (OrderCsvReader.FileProblem | UndecodableCsvException | CsvTableReader.MalformedCsvException e) {
            String message = e.getMessage();
            if (e instanceof CsvTableReader.MalformedCsvException && source.encoding() != SourceEncoding.AUTO) {
                message = "取込元の文字コード（" + source.encoding() + "）として読めません。ファイルの文字コードか取込元の設定を確認してください: "
                        + message;
            }
            add(errors, errorCount, List.of(new RowError(e instanceof CsvTableReader.MalformedCsvException m ? m.line() : 0,
                    null, null, null, null, message)));
            return store(source, fileName, Status.UNREADABLE, encoding, 0, 0, new int[5], errors, errorCount[0]);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int invalidOrders = invalid.size();
        if (invalidOrders > 0 && !validOnly) {
            return store(source, fileName, Status.REJECTED, encoding, rows, orders, new int[] { 0, 0, 0, 0, invalidOrders }, errors,
                    errorCount[0]);
        }
        int[] counts = new int[5]; // created, updated, unchanged, conflicts, refused
        try (OrderCsvReader reader = new OrderCsvReader(source, file)) {
            for (OrderCsvReader.ParsedOrder p; (p = reader.next()) != null;) {
                if (!p.valid() || invalid.contains(p.number())) {
                    continue;
                }
                try {
                    IntakeResult r = intake.accept(p.order());
                    switch (r.outcome()) {
                        case CREATED -> counts[0]++;
                        case UPDATED, CANCELLED -> counts[1]++;
                        case UNCHANGED -> counts[2]++;
                        case CONFLICT -> counts[3]++;
                    }
                } catch (InvalidInputException e) {
                    // validated above; only a change between the passes (a channel removed) gets here
                    invalid.add(p.number());
                    add(errors, errorCount, reader.rowErrors(p, e.errors()));
                } catch (ConflictException e) {
                    invalid.add(p.number());
                    add(errors, errorCount, List.of(new RowError(p.firstLine(), p.number(), null, null, null, e.getMessage())));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        counts[4] = invalid.size();
        return store(source, fileName, invalid.isEmpty() ? Status.IMPORTED : Status.IMPORTED_VALID_ORDERS, encoding, rows,
                orders, counts, errors, errorCount[0]);
    }

    /** A stored run's report (errors: the first 1,000). */
    public OrderImportReport run(long runId) {
        return jdbc.sql("select * from order_import_run where id = ?").param(runId)
                .query((rs, i) -> new OrderImportReport(rs.getLong("id"), rs.getLong("source_id"),
                        Status.valueOf(rs.getString("status")), rs.getString("encoding"), rs.getLong("row_count"),
                        rs.getInt("order_count"), rs.getInt("created"), rs.getInt("updated"), rs.getInt("unchanged"), rs.getInt("conflicts"),
                        rs.getInt("refused"), OrderImportSources.JSON.readValue(rs.getString("errors"), ERRORS),
                        rs.getLong("error_count")))
                .optional().orElseThrow(() -> new NotFoundException("取込結果 " + runId + " はありません"));
    }

    /**
     * The run's errors as CSV for Excel (Shift_JIS/CP932, CRLF, formula-safe): 行, 注文番号, 列, 項目, 値, 内容.
     * Characters CP932 cannot hold are written as 〓.
     */
    public void writeErrorReport(long runId, OutputStream out) {
        OrderImportReport report = run(runId);
        try (ExcelSafeCsvWriter w = new ExcelSafeCsvWriter(out, CsvEncoding.CP932)) {
            w.writeRow("行", "注文番号", "列", "項目", "値", "内容");
            for (RowError e : report.errors()) {
                w.writeRow(String.valueOf(e.line()), e.orderNumber(), e.column(), e.field(), e.value(), e.message());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void add(List<RowError> errors, long[] count, List<RowError> more) {
        for (RowError e : more) {
            count[0]++;
            if (errors.size() < MAX_ERRORS) {
                errors.add(e);
            }
        }
    }

    private OrderImportReport store(OrderImportSource source, String fileName, Status status, String encoding, long rows,
            int orders, int[] counts, List<RowError> errors, long errorCount) {
        return tx.execute(t -> storeRun(source, fileName, status, encoding, rows, orders, counts, errors, errorCount));
    }

    private OrderImportReport storeRun(OrderImportSource source, String fileName, Status status, String encoding, long rows,
            int orders, int[] counts, List<RowError> errors, long errorCount) {
        var keys = new GeneratedKeyHolder();
        String name = fileName == null ? null : fileName.length() > 255 ? fileName.substring(0, 255) : fileName;
        jdbc.sql("""
                insert into order_import_run (source_id, file_name, status, encoding, row_count, order_count, created, updated,
                    unchanged, conflicts, refused, error_count, errors, imported_at, imported_by)
                values (:source, :file, :status, :encoding, :rows, :orders, :created, :updated, :unchanged, :conflicts, :refused,
                    :errorCount, :errors, :now, :by)""")
                .param("source", source.id()).param("file", name).param("status", status.name()).param("encoding", encoding)
                .param("rows", rows).param("orders", orders).param("created", counts[0]).param("updated", counts[1])
                .param("unchanged", counts[2]).param("conflicts", counts[3]).param("refused", counts[4]).param("errorCount", errorCount)
                .param("errors", OrderImportSources.JSON.writeValueAsString(errors))
                .param("now", OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC)).param("by", CurrentActor.name())
                .update(keys, "id");
        long runId = keys.getKey().longValue();
        OrderImportReport report = new OrderImportReport(runId, source.id(), status, encoding, rows, orders, counts[0],
                counts[1], counts[2], counts[3], counts[4], List.copyOf(errors), errorCount);
        audit.record("orderimport.run", "order_import_run", String.valueOf(runId),
                "受注CSV取込（%s）%s: 新規 %d・更新 %d・変更なし %d・エラー %d".formatted(source.name(), status.name(), counts[0],
                        counts[1], counts[2], counts[4]),
                null, Map.of("file", name == null ? "" : name, "rows", rows, "orders", orders));
        return report;
    }

}
