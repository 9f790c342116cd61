package dev.ichigen.catalog;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.ichigen.catalog.ProductImportReport.RowError;
import dev.ichigen.catalog.ProductImportReport.Status;
import dev.ichigen.catalog.ProductImportReport.Warning;
import dev.ichigen.catalog.ProductStore.Reference;
import dev.ichigen.catalog.ProductStore.VariantKey;
import dev.ichigen.catalog.csv.ProductCsvColumn;
import dev.ichigen.catalog.csv.ProductCsvFormat;
import dev.ichigen.catalog.csv.ProductCsvFormat.CellError;
import dev.ichigen.catalog.csv.ProductCsvFormat.HeaderMapping;
import dev.ichigen.catalog.csv.ProductCsvFormat.ParsedRow;
import dev.ichigen.shared.FieldError;
import dev.ichigen.shared.Sku;
import dev.ichigen.shared.csv.CsvEncoding;
import dev.ichigen.shared.csv.CsvRow;
import dev.ichigen.shared.csv.CsvSource;
import dev.ichigen.shared.csv.CsvTableReader;
import dev.ichigen.shared.csv.ExcelSafeCsvWriter;
import dev.ichigen.shared.csv.UndecodableCsvException;
import dev.ichigen.shared.csv.UnencodableCharacter;

/**
 * Product CSV import and export (商品CSV取込・出力), the way shop staff maintain the product master in Excel.
 * Layout: {@link ProductCsvColumn}; rules: the same as for the API.
 *
 * <p>Import: the file (UTF-8 with or without BOM, or Shift_JIS/CP932) is read row by row; then, in one
 * transaction, every row is checked against the stored products and the other rows of the file (a variant
 * may name a parent further down, a set components further down). If any row is invalid nothing is written,
 * unless {@code validOnly} asks to write the valid rows (a row that depends on an invalid row is invalid
 * too). Rows are written parents first, sets last. A row equal to the stored product writes nothing (no
 * audit entry, no event), so importing the same file twice changes nothing the second time.
 *
 * <p>Export: the same layout, UTF-8 with BOM or CP932, with Excel formula protection; importing an
 * export changes nothing.
 */
@Service
public class ProductCsvManagement {

    private static final int MAX_REPORTED_ERRORS = 1000;
    private static final int EXPORT_PAGE = 1000;

    private final ProductStore store;
    private final ProductWriter writer;
    private final TransactionTemplate transaction;
    private final TransactionTemplate readOnly;

    ProductCsvManagement(ProductStore store, ProductWriter writer, PlatformTransactionManager transactions) {
        this.store = store;
        this.writer = writer;
        this.transaction = new TransactionTemplate(transactions);
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
    }

    /** Imports a product CSV file; see the class description. Never throws for bad content: the report says what is wrong. */
    public ProductImportReport importCsv(CsvSource source, boolean validOnly) {
        List<Warning> warnings = new ArrayList<>();
        CsvEncoding encoding;
        HeaderMapping mapping;
        List<ParsedRow> rows = new ArrayList<>();
        try (CsvTableReader reader = CsvTableReader.open(source)) {
            encoding = reader.encoding();
            CsvRow header = reader.header();
            if (header == null) {
                return unreadable(encoding, 1, "ファイルが空です。1行目に見出し、2行目から商品を書いてください");
            }
            mapping = ProductCsvFormat.mapHeader(header);
            for (String unknown : mapping.unknown()) {
                warnings.add(new Warning(header.line(), unknown, "列「" + unknown + "」は商品CSVの項目ではないため取り込みません"));
            }
            if (!mapping.problems().isEmpty()) {
                return new ProductImportReport(Status.UNREADABLE, encoding.label(), 0, 0, 0, 0, 0,
                        mapping.problems().stream().map(p -> new RowError(header.line(), null, null, null, p)).toList(),
                        mapping.problems().size(), warnings);
            }
            for (CsvRow row = reader.next(); row != null; row = reader.next()) {
                rows.add(ProductCsvFormat.parse(row, mapping));
            }
        } catch (UndecodableCsvException e) {
            long line = e.problems().isEmpty() ? 1 : e.problems().getFirst().line();
            return unreadable(null, line, e.getMessage());
        } catch (CsvTableReader.MalformedCsvException e) {
            return unreadable(null, e.line(), e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (rows.isEmpty()) {
            warnings.add(new Warning(null, null, "データ行がありません（見出し行だけです）"));
        }
        Import work = new Import(rows, mapping, encoding, warnings, validOnly);
        return transaction.execute(status -> work.run());
    }

    /**
     * The column headers of the product CSV in file order (Japanese, e.g. {@code 商品コード(SKU)}), for a
     * blank template file.
     */
    public List<String> columnHeaders() {
        return ProductCsvFormat.header();
    }

    /**
     * Writes the products matching {@code query} (all: {@link ProductQuery#all()}) in SKU order to {@code out}
     * (flushed, not closed) in the import layout. Characters {@code encoding} cannot hold are reported, written as 〓.
     */
    public ProductExportResult exportCsv(ProductQuery query, CsvEncoding encoding, OutputStream out) {
        return readOnly.execute(status -> {
            ExcelSafeCsvWriter csv = new ExcelSafeCsvWriter(out, encoding);
            csv.writeRow(ProductCsvFormat.header());
            List<ProductExportResult.Unencodable> unencodable = new ArrayList<>();
            long rows = 0;
            Sku after = null;
            while (true) {
                List<Product> page = store.after(query, after, EXPORT_PAGE);
                for (Product p : page) {
                    for (UnencodableCharacter u : csv.writeRow(ProductCsvFormat.row(p))) {
                        if (unencodable.size() < MAX_REPORTED_ERRORS) {
                            unencodable.add(new ProductExportResult.Unencodable(p.sku().value(),
                                    ProductCsvColumn.values()[u.column()].header(), u.describe()));
                        }
                    }
                    rows++;
                }
                if (page.size() < EXPORT_PAGE) {
                    break;
                }
                after = page.getLast().sku();
            }
            try {
                csv.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return new ProductExportResult(rows, encoding, unencodable, csv.unencodableCount());
        });
    }

    private static ProductImportReport unreadable(CsvEncoding encoding, long line, String message) {
        return new ProductImportReport(Status.UNREADABLE, encoding == null ? null : encoding.label(), 0, 0, 0, 0, 0,
                List.of(new RowError(line, null, null, null, message)), 1, List.of());
    }

    /** One row on its way in: what the file says merged over what is stored, and what is wrong with it. */
    private static final class Candidate {
        final long line;
        final Sku sku;
        ParsedRow parsed;
        ProductDefinition definition;
        /** How the SKU is stored now ({@code null}: new): kind, axes, parent and values are all validation needs. */
        Reference storedReference;
        VariantKey storedVariant;
        Sku storedParent;
        final List<RowError> errors = new ArrayList<>();

        Candidate(ParsedRow parsed) {
            this.line = parsed.line();
            this.sku = parsed.sku();
            this.parsed = parsed;
        }

        boolean valid() {
            return errors.isEmpty();
        }
    }

    /** The validating and writing part of one import, inside its transaction. */
    private final class Import {

        private final List<Candidate> candidates = new ArrayList<>();
        private final Map<Sku, Candidate> bySku = new HashMap<>();
        private final HeaderMapping mapping;
        private final CsvEncoding encoding;
        private final List<Warning> warnings;
        private final boolean validOnly;
        private Map<Sku, Reference> storedReferences = Map.of();
        private Map<Sku, List<VariantKey>> storedVariants = Map.of();

        Import(List<ParsedRow> rows, HeaderMapping mapping, CsvEncoding encoding, List<Warning> warnings, boolean validOnly) {
            this.mapping = mapping;
            this.encoding = encoding;
            this.warnings = warnings;
            this.validOnly = validOnly;
            Map<Sku, List<Candidate>> seen = new HashMap<>();
            for (ParsedRow row : rows) {
                Candidate c = new Candidate(row);
                candidates.add(c);
                for (CellError e : row.errors()) {
                    c.errors.add(new RowError(c.line, text(c.sku), mapping.headerOf(e.column()), e.value(), e.message()));
                }
                if (c.sku != null) {
                    seen.computeIfAbsent(c.sku, k -> new ArrayList<>()).add(c);
                    bySku.putIfAbsent(c.sku, c);
                }
            }
            for (List<Candidate> same : seen.values()) {
                if (same.size() > 1) {
                    for (Candidate c : same) {
                        List<Long> others = same.stream().filter(o -> o != c).map(o -> o.line).toList();
                        c.errors.add(new RowError(c.line, c.sku.value(), mapping.headerOf(ProductCsvColumn.SKU), c.sku.value(),
                                "同じ商品コードが " + others + " 行目にもあります。1商品1行にしてください"));
                    }
                }
            }
        }

        ProductImportReport run() {
            merge();
            loadReferences();
            validate();
            List<Candidate> valid = candidates.stream().filter(Candidate::valid).toList();
            int invalid = candidates.size() - valid.size();
            if (invalid > 0 && !validOnly) {
                return report(Status.REJECTED, 0, 0, 0, invalid);
            }
            int[] counts = write(valid);
            return report(invalid > 0 ? Status.IMPORTED_VALID_ROWS : Status.IMPORTED, counts[0], counts[1], counts[2], invalid);
        }

        /** Puts each row's values over the stored product and normalises the result, a chunk of SKUs at a time. */
        private void merge() {
            List<Candidate> withSku = candidates.stream().filter(c -> c.sku != null).toList();
            for (int i = 0; i < withSku.size(); i += ProductStore.CHUNK) {
                List<Candidate> chunk = withSku.subList(i, Math.min(withSku.size(), i + ProductStore.CHUNK));
                Map<Sku, Product> stored = new HashMap<>();
                store.findAll(chunk.stream().map(c -> c.sku).toList()).forEach(p -> stored.put(p.sku(), p));
                for (Candidate c : chunk) {
                    Product before = stored.get(c.sku);
                    if (before != null) {
                        c.storedReference = new Reference(before.kind(), before.variationAxes());
                        c.storedParent = before.parentSku();
                        c.storedVariant = new VariantKey(before.sku(), before.variationValues());
                    }
                    if (c.valid()) {
                        c.definition = ProductRules.normalise(c.parsed.over(before == null ? null : before.definition()));
                    }
                    c.parsed = null; // the merged definition is all that is needed from now on
                }
            }
            candidates.stream().filter(c -> c.sku == null).forEach(c -> c.parsed = null);
        }

        /** Loads the stored kind of every product the file refers to but does not define, and the stored variants. */
        private void loadReferences() {
            Set<Sku> referenced = new HashSet<>();
            Set<Sku> parents = new HashSet<>(bySku.keySet());
            for (Candidate c : candidates) {
                if (c.definition != null) {
                    if (c.definition.parentSku() != null) {
                        referenced.add(c.definition.parentSku());
                        parents.add(c.definition.parentSku());
                    }
                    c.definition.components().forEach(component -> referenced.add(component.sku()));
                }
            }
            referenced.removeAll(bySku.keySet());
            storedReferences = store.references(referenced);
            storedVariants = store.variantsOf(parents);
        }

        /**
         * Checks every row against the state the database will be in afterwards: rows that are valid so far
         * count as written, the others as not. A row that turns invalid can invalidate rows depending on it,
         * so this repeats until nothing changes (each round only removes rows, so it ends).
         */
        private void validate() {
            boolean changed = true;
            while (changed) {
                changed = false;
                ProductRules.Context context = context();
                for (Candidate c : candidates) {
                    if (!c.valid()) {
                        continue;
                    }
                    List<FieldError> errors = dependencyErrors(c);
                    if (errors.isEmpty()) {
                        errors = ProductRules.check(c.definition, context);
                    }
                    for (FieldError e : errors) {
                        ProductCsvColumn column = ProductCsvColumn.ofField(e.field());
                        c.errors.add(new RowError(c.line, c.sku.value(), mapping.headerOf(column),
                                column == null ? null : ProductCsvFormat.cell(c.definition, column), e.message()));
                        changed = true;
                    }
                }
            }
        }

        /** A row naming a parent or component whose own row is invalid cannot be imported either. */
        private List<FieldError> dependencyErrors(Candidate c) {
            List<FieldError> errors = new ArrayList<>();
            Candidate parent = c.definition.parentSku() == null ? null : bySku.get(c.definition.parentSku());
            if (parent != null && !parent.valid() && parent != c) {
                errors.add(new FieldError("parentSku", "親商品 " + parent.sku + "（" + parent.line + " 行目）にエラーがあるため取り込めません"));
            }
            for (int i = 0; i < c.definition.components().size(); i++) {
                Candidate component = bySku.get(c.definition.components().get(i).sku());
                if (component != null && !component.valid() && component != c) {
                    errors.add(new FieldError("components[" + i + "].sku", "構成商品 " + component.sku + "（" + component.line
                            + " 行目）にエラーがあるため取り込めません"));
                }
            }
            return errors;
        }

        /** The rules' view of other products: the file's valid rows over what is stored. */
        private ProductRules.Context context() {
            Map<Sku, List<VariantKey>> fileVariants = new HashMap<>();
            for (Candidate c : bySku.values()) {
                Sku parent = c.valid() ? (c.definition.kind() == ProductKind.VARIANT ? c.definition.parentSku() : null)
                        : c.storedReference != null && c.storedReference.kind() == ProductKind.VARIANT ? c.storedParent : null;
                if (parent != null) {
                    VariantKey key = c.valid() ? new VariantKey(c.sku, c.definition.variationValues()) : c.storedVariant;
                    fileVariants.computeIfAbsent(parent, k -> new ArrayList<>()).add(key);
                }
            }
            return new ProductRules.Context() {
                @Override
                public Optional<ProductKind> storedKind(Sku sku) {
                    Candidate c = bySku.get(sku);
                    Reference stored = c != null ? c.storedReference : storedReferences.get(sku);
                    return Optional.ofNullable(stored).map(Reference::kind);
                }

                @Override
                public Optional<Reference> reference(Sku sku) {
                    Candidate c = bySku.get(sku);
                    if (c == null) {
                        return Optional.ofNullable(storedReferences.get(sku));
                    }
                    return c.valid() ? Optional.of(new Reference(c.definition.kind(), c.definition.variationAxes()))
                            : Optional.ofNullable(c.storedReference);
                }

                @Override
                public List<VariantKey> variantsOf(Sku parent) {
                    List<VariantKey> result = new ArrayList<>();
                    for (VariantKey v : storedVariants.getOrDefault(parent, List.of())) {
                        if (!bySku.containsKey(v.sku())) {
                            result.add(v);
                        }
                    }
                    result.addAll(fileVariants.getOrDefault(parent, List.of()));
                    return result;
                }
            };
        }

        /** Writes the valid rows, parents first and sets last, a chunk at a time; answers created, updated, unchanged. */
        private int[] write(List<Candidate> valid) {
            List<Candidate> ordered = new ArrayList<>(valid);
            ordered.sort(Comparator.comparingInt(c -> ProductWriter.writeRank(c.definition.kind())));
            int[] counts = new int[3];
            for (int i = 0; i < ordered.size(); i += ProductStore.CHUNK) {
                List<Candidate> chunk = ordered.subList(i, Math.min(ordered.size(), i + ProductStore.CHUNK));
                Map<Sku, Product> stored = new HashMap<>();
                store.findAll(chunk.stream().map(c -> c.sku).toList()).forEach(p -> stored.put(p.sku(), p));
                List<ProductWriter.Change> changes = chunk.stream().map(c -> new ProductWriter.Change(stored.get(c.sku),
                        c.definition, "CSV取込 " + c.line + "行目", null)).toList();
                for (ProductSaveResult result : writer.write(changes)) {
                    counts[result.outcome().ordinal()]++;
                }
            }
            return counts;
        }

        private ProductImportReport report(Status status, int created, int updated, int unchanged, int invalid) {
            List<RowError> errors = new ArrayList<>();
            long count = 0;
            for (Candidate c : candidates) {
                for (RowError e : c.errors) {
                    count++;
                    if (errors.size() < MAX_REPORTED_ERRORS) {
                        errors.add(e);
                    }
                }
            }
            return new ProductImportReport(status, encoding.label(), candidates.size(), created, updated, unchanged,
                    invalid, errors, count, warnings);
        }
    }

    private static String text(Sku sku) {
        return sku == null ? null : sku.value();
    }
}
