package dev.ichigen.orderimport;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.ichigen.channel.ChannelManagement;
import dev.ichigen.platform.AuditLog;
import dev.ichigen.shared.FieldError;
import dev.ichigen.shared.InvalidInputException;
import dev.ichigen.shared.NotFoundException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * 取込元の管理: create, change, list and delete import sources with their column mapping, and the ready-made
 * layouts (presets) to start one from. Every change is audited.
 */
@Service
public class OrderImportSources {

    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<List<ColumnMapping>> MAPPINGS = new TypeReference<>() {
    };

    /** A ready-made layout to start a source from. */
    public record Preset(String key, String label, SourceEncoding encoding, boolean headerRow, List<ColumnMapping> columns) {
    }

    /** Payment texts shops and malls write, to our methods (the method's own label and enum name are read anyway). */
    static final Map<String, String> PAYMENT_TEXTS = Map.ofEntries(Map.entry("銀行振込", "BANK_TRANSFER"),
            Map.entry("銀行振り込み", "BANK_TRANSFER"), Map.entry("振込", "BANK_TRANSFER"), Map.entry("代金引換", "COD"),
            Map.entry("代引", "COD"), Map.entry("代引き", "COD"), Map.entry("クレジットカード", "CARD"),
            Map.entry("クレジットカード決済", "CARD"), Map.entry("後払い", "DEFERRED"), Map.entry("後払い決済", "DEFERRED"),
            Map.entry("コンビニ決済", "CONVENIENCE_STORE"), Map.entry("コンビニ払い", "CONVENIENCE_STORE"));

    private final JdbcClient jdbc;
    private final ChannelManagement channels;
    private final AuditLog audit;
    private final Clock clock;

    OrderImportSources(JdbcClient jdbc, ChannelManagement channels, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.channels = channels;
        this.audit = audit;
        this.clock = clock;
    }

    /** The generic ichigen layout (docs/ORDER-CSV.md): every field under its Japanese header, payment texts mapped. */
    public static Preset ichigenPreset() {
        List<ColumnMapping> columns = new ArrayList<>();
        for (OrderImportField f : OrderImportField.values()) {
            Map<String, String> values = f == OrderImportField.PAYMENT_METHOD ? PAYMENT_TEXTS : Map.of();
            columns.add(new ColumnMapping(f.field(), f.header(), null, null, values));
        }
        return new Preset("ichigen", "ichigen 標準レイアウト", SourceEncoding.AUTO, true, columns);
    }

    /** The ready-made layouts. Only ichigen's own: no mall's order CSV layout is shipped (see docs/ORDER-CSV.md). */
    public List<Preset> presets() {
        return List.of(ichigenPreset());
    }

    @Transactional(readOnly = true)
    public List<OrderImportSource> list() {
        return jdbc.sql("select * from order_import_source order by name").query((rs, i) -> source(rs)).list();
    }

    @Transactional(readOnly = true)
    public Optional<OrderImportSource> find(long id) {
        return jdbc.sql("select * from order_import_source where id = ?").param(id).query((rs, i) -> source(rs)).optional();
    }

    public OrderImportSource get(long id) {
        return find(id).orElseThrow(() -> new NotFoundException("取込元 " + id + " はありません"));
    }

    @Transactional
    public OrderImportSource create(OrderImportSourceDefinition definition) {
        OrderImportSourceDefinition d = validate(definition);
        Instant now = clock.instant();
        var keys = new GeneratedKeyHolder();
        try {
            jdbc.sql("""
                    insert into order_import_source (name, channel_id, encoding, header_row, column_mappings, created_at, updated_at)
                    values (:name, :channel, :encoding, :header, :columns, :now, :now)""")
                    .param("name", d.name()).param("channel", d.channelId()).param("encoding", d.encoding().name())
                    .param("header", d.headerRow()).param("columns", JSON.writeValueAsString(d.columns()))
                    .param("now", OffsetDateTime.ofInstant(now, ZoneOffset.UTC)).update(keys, "id");
        } catch (DuplicateKeyException e) {
            throw duplicateName(d.name());
        }
        OrderImportSource created = get(keys.getKey().longValue());
        audit.record("orderimport.source.create", "order_import_source", String.valueOf(created.id()),
                "取込元「" + created.name() + "」を作成", null, describe(created));
        return created;
    }

    @Transactional
    public OrderImportSource update(long id, OrderImportSourceDefinition definition) {
        OrderImportSource before = get(id);
        OrderImportSourceDefinition d = validate(definition);
        try {
            jdbc.sql("""
                    update order_import_source set name = :name, channel_id = :channel, encoding = :encoding,
                        header_row = :header, column_mappings = :columns, updated_at = :now where id = :id""")
                    .param("name", d.name()).param("channel", d.channelId()).param("encoding", d.encoding().name())
                    .param("header", d.headerRow()).param("columns", JSON.writeValueAsString(d.columns()))
                    .param("now", OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC)).param("id", id).update();
        } catch (DuplicateKeyException e) {
            throw duplicateName(d.name());
        }
        OrderImportSource after = get(id);
        audit.record("orderimport.source.update", "order_import_source", String.valueOf(id),
                "取込元「" + after.name() + "」を変更", describe(before), describe(after));
        return after;
    }

    @Transactional
    public void delete(long id) {
        OrderImportSource before = get(id);
        jdbc.sql("delete from order_import_source where id = ?").param(id).update();
        audit.record("orderimport.source.delete", "order_import_source", String.valueOf(id),
                "取込元「" + before.name() + "」を削除", describe(before), null);
    }

    /**
     * The first row of a sample file (its column headers as written), for the mapping editor; {@code encoding}
     * AUTO detects. An unreadable file is refused on {@code file}.
     */
    public List<String> sampleHeader(dev.ichigen.shared.csv.CsvSource file, SourceEncoding encoding) {
        var forced = (encoding == null ? SourceEncoding.AUTO : encoding).csvEncoding();
        try (var reader = forced == null ? dev.ichigen.shared.csv.CsvTableReader.open(file)
                : dev.ichigen.shared.csv.CsvTableReader.open(dev.ichigen.shared.csv.CsvEncodingDetector.open(file, forced), forced)) {
            var header = reader.header();
            if (header == null) {
                throw new InvalidInputException("file", "ファイルが空です");
            }
            return header.cells().stream().limit(200)
                    .map(c -> dev.ichigen.shared.csv.ExcelSafeCsvWriter.restore(c) == null ? "" : dev.ichigen.shared.csv.ExcelSafeCsvWriter.restore(c).strip())
                    .toList();
        } catch (dev.ichigen.shared.csv.UndecodableCsvException | dev.ichigen.shared.csv.CsvTableReader.MalformedCsvException e) {
            throw new InvalidInputException("file", e.getMessage());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    // ------------------------------------------------------------------ validation

    private OrderImportSourceDefinition validate(OrderImportSourceDefinition d) {
        if (d == null) {
            throw new InvalidInputException("name", "取込元の内容を指定してください");
        }
        List<FieldError> errors = new ArrayList<>();
        String name = d.name() == null ? "" : d.name().strip();
        if (name.isEmpty()) {
            errors.add(new FieldError("name", "名前を入力してください"));
        } else if (name.length() > 100) {
            errors.add(new FieldError("name", "名前は100文字以内です"));
        }
        if (d.channelId() == null) {
            errors.add(new FieldError("channelId", "販売チャネルを選んでください"));
        } else if (channels.find(d.channelId()).isEmpty()) {
            errors.add(new FieldError("channelId", "販売チャネル " + d.channelId() + " は登録されていません"));
        }
        boolean header = d.headerRow() == null || d.headerRow();
        List<ColumnMapping> columns = new ArrayList<>();
        Set<OrderImportField> seen = new HashSet<>();
        List<ColumnMapping> given = d.columns() == null ? List.of() : d.columns();
        for (int i = 0; i < given.size(); i++) {
            ColumnMapping c = given.get(i);
            String p = "columns[" + i + "]";
            if (c == null) {
                continue;
            }
            Optional<OrderImportField> field = OrderImportField.of(c.field());
            if (field.isEmpty()) {
                errors.add(new FieldError(p + ".field", "取込項目 " + c.field() + " はありません"));
                continue;
            }
            String column = blankToNull(c.column());
            String fixed = blankToNull(c.fixedValue());
            if (column == null && c.index() == null && fixed == null) {
                continue; // an empty row of the mapping editor: not mapped
            }
            if (!seen.add(field.get())) {
                errors.add(new FieldError(p + ".field", field.get().header() + " が2回指定されています"));
                continue;
            }
            if (c.index() != null && (c.index() < 1 || c.index() > 1000)) {
                errors.add(new FieldError(p + ".index", "列番号は1〜1000で指定してください"));
            }
            if (column != null && !header) {
                errors.add(new FieldError(p + ".column", "見出し行のないファイルでは列番号で指定してください"));
            }
            if (column != null && column.length() > 100) {
                errors.add(new FieldError(p + ".column", "列名は100文字以内です"));
            }
            if (field.get() == OrderImportField.ORDER_NUMBER && column == null && c.index() == null) {
                errors.add(new FieldError(p + ".column", "注文番号は列で指定してください（固定値にはできません）"));
            }
            Map<String, String> values = new LinkedHashMap<>();
            c.values().forEach((k, v) -> {
                if (k != null && !k.isBlank() && v != null) {
                    values.put(k.strip(), v.strip());
                }
            });
            columns.add(new ColumnMapping(field.get().field(), column, c.index(), fixed, values));
        }
        if (!seen.contains(OrderImportField.ORDER_NUMBER)) {
            errors.add(new FieldError("columns", "注文番号の列を指定してください"));
        }
        if (!seen.contains(OrderImportField.SKU) && !seen.contains(OrderImportField.ITEM_CODE)) {
            errors.add(new FieldError("columns", "商品コード(SKU)か商品管理番号の列を指定してください"));
        }
        if (!seen.contains(OrderImportField.QUANTITY)) {
            errors.add(new FieldError("columns", "数量の列を指定してください"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return new OrderImportSourceDefinition(name, d.channelId(), d.encoding() == null ? SourceEncoding.AUTO : d.encoding(),
                header, List.copyOf(columns));
    }

    private static InvalidInputException duplicateName(String name) {
        return new InvalidInputException("name", "取込元「" + name + "」はすでにあります");
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    private static Map<String, Object> describe(OrderImportSource s) {
        return Map.of("name", s.name(), "channelId", s.channelId(), "encoding", s.encoding().name(), "headerRow",
                s.headerRow(), "columns", s.columns().size());
    }

    private static OrderImportSource source(ResultSet rs) throws SQLException {
        return new OrderImportSource(rs.getLong("id"), rs.getString("name"), rs.getLong("channel_id"),
                SourceEncoding.valueOf(rs.getString("encoding")), rs.getBoolean("header_row"),
                JSON.readValue(rs.getString("column_mappings"), MAPPINGS),
                rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                rs.getObject("updated_at", OffsetDateTime.class).toInstant());
    }
}
