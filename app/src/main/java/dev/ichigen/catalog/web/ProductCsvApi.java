package dev.ichigen.catalog.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import dev.ichigen.catalog.ProductCsvManagement;
import dev.ichigen.catalog.ProductExportResult;
import dev.ichigen.catalog.ProductImportReport;
import dev.ichigen.catalog.ProductValues;
import dev.ichigen.shared.FieldError;
import dev.ichigen.shared.InvalidInputException;
import dev.ichigen.shared.csv.CsvEncoding;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** Product CSV import and export (商品CSV) over REST. */
@RestController
@RequestMapping("/api/v1/products")
@Tag(name = "product CSV", description = "Import and export the product master as CSV (UTF-8 or Shift_JIS/CP932)")
class ProductCsvApi {

    /** A raw upload larger than this is refused; multipart uploads are limited by spring.servlet.multipart.*. */
    static final long MAX_RAW_BYTES = 256L * 1024 * 1024;

    private final ProductCsvManagement csv;
    private final Clock clock;

    ProductCsvApi(ProductCsvManagement csv, Clock clock) {
        this.csv = csv;
        this.clock = clock;
    }

    @PostMapping(value = "/import", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @PreAuthorize("hasAnyRole('ADMIN','OPERATOR')")
    @Operation(summary = "Import a product CSV uploaded as multipart field 'file'",
            description = "200 with the report when written; 422 with the report when rows are invalid (nothing written "
                    + "unless validOnly=true) or the file cannot be read.")
    ResponseEntity<ProductImportReport> importMultipart(@RequestParam("file") MultipartFile file,
            @RequestParam(defaultValue = "false") boolean validOnly) {
        // The part is on disk (file-size-threshold 0) and can be opened once per pass.
        return answer(csv.importCsv(file::getInputStream, validOnly));
    }

    @PostMapping("/import")
    @PreAuthorize("hasAnyRole('ADMIN','OPERATOR')")
    @Operation(summary = "Import a product CSV sent as the request body (text/csv or application/octet-stream)",
            description = "Same as the multipart form. The encoding is detected: UTF-8 with or without BOM, else Shift_JIS (CP932).")
    ResponseEntity<ProductImportReport> importBody(HttpServletRequest request,
            @RequestParam(defaultValue = "false") boolean validOnly) throws IOException {
        Path file = Files.createTempFile("ichigen-product-import-", ".csv");
        try {
            try (InputStream in = request.getInputStream(); OutputStream out = Files.newOutputStream(file)) {
                byte[] buffer = new byte[64 * 1024];
                long total = 0;
                for (int n; (n = in.read(buffer)) >= 0;) {
                    total += n;
                    if (total > MAX_RAW_BYTES) {
                        throw new InvalidInputException("file", "ファイルが大きすぎます（256MBまで）");
                    }
                    out.write(buffer, 0, n);
                }
            }
            return answer(csv.importCsv(() -> Files.newInputStream(file), validOnly));
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static ResponseEntity<ProductImportReport> answer(ProductImportReport report) {
        return ResponseEntity.status(report.written() ? HttpStatus.OK : HttpStatus.UNPROCESSABLE_CONTENT).body(report);
    }

    /**
     * The products (all, or those matching the filters) as CSV. With {@code encoding=cp932} a product holding
     * a character Shift_JIS cannot represent (𠮷, emoji) makes the export fail with 422 naming each one,
     * unless {@code unencodable=substitute} accepts 〓 in their place; UTF-8 holds every character.
     */
    @GetMapping("/export")
    @Operation(summary = "Export products as CSV (encoding=utf8 with BOM, or cp932)")
    void export(@RequestParam(defaultValue = "utf8") String encoding,
            @RequestParam(defaultValue = "fail") String unencodable, @RequestParam(required = false) String q,
            @RequestParam(required = false) String category, @RequestParam(required = false) String brand,
            @RequestParam(required = false) String status, @RequestParam(required = false) String kind,
            @RequestParam(required = false) String temperatureZone, HttpServletResponse response) throws IOException {
        CsvEncoding chosen;
        try {
            chosen = CsvEncoding.parse(encoding, CsvEncoding.UTF8_BOM);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("encoding", "utf8 か cp932 を指定してください: " + encoding);
        }
        if (!unencodable.equals("fail") && !unencodable.equals("substitute")) {
            throw new InvalidInputException("unencodable", "fail か substitute を指定してください: " + unencodable);
        }
        var query = ProductApi.query(q, category, brand, status, kind, temperatureZone);
        Path file = Files.createTempFile("ichigen-product-export-", ".csv");
        try {
            ProductExportResult result;
            try (OutputStream out = Files.newOutputStream(file)) {
                result = csv.exportCsv(query, chosen, out);
            }
            if (result.unencodableCount() > 0 && unencodable.equals("fail")) {
                // Nothing has been sent yet: answer a problem naming every character that cannot be written.
                throw new InvalidInputException(result.unencodable().stream()
                        .map(u -> new FieldError(u.column() + " (" + u.sku() + ")", u.character()
                                + " は Shift_JIS (CP932) にない文字です。encoding=utf8 で出力するか、unencodable=substitute で〓に置き換えてください"))
                        .toList());
            }
            String name = "products-" + LocalDateTime.now(clock.withZone(ProductValues.SHOP_ZONE))
                    .format(DateTimeFormatter.ofPattern("uuuuMMdd-HHmm")) + ".csv";
            response.setStatus(200);
            response.setContentType("text/csv;charset=" + (chosen == CsvEncoding.CP932 ? "Shift_JIS" : "UTF-8"));
            response.setHeader(HttpHeaders.CONTENT_DISPOSITION,
                    ContentDisposition.attachment().filename(name, StandardCharsets.UTF_8).build().toString());
            response.setHeader("X-Ichigen-Rows", String.valueOf(result.rows()));
            response.setHeader("X-Ichigen-Unencodable", String.valueOf(result.unencodableCount()));
            response.setContentLengthLong(Files.size(file));
            Files.copy(file, response.getOutputStream());
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** The column headers of the product CSV, in order (Japanese). */
    @GetMapping("/import/columns")
    @Operation(summary = "The product CSV columns: Japanese header and English field name")
    List<Map<String, String>> columns() {
        return java.util.Arrays.stream(dev.ichigen.catalog.csv.ProductCsvColumn.values())
                .map(c -> Map.of("header", c.header(), "field", c.field())).toList();
    }
}
