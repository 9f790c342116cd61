package dev.ichigen.orderimport.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import dev.ichigen.orderimport.OrderCsvImport;
import dev.ichigen.orderimport.OrderImportField;
import dev.ichigen.orderimport.OrderImportReport;
import dev.ichigen.orderimport.OrderImportSource;
import dev.ichigen.orderimport.OrderImportSourceDefinition;
import dev.ichigen.orderimport.OrderImportSources;
import dev.ichigen.shared.InvalidInputException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;

/** CSV order files over REST: import sources with their column mapping, and uploads. ADMIN and OPERATOR. */
@RestController
@RequestMapping("/api/v1")
@PreAuthorize("hasAnyRole('ADMIN','OPERATOR')")
@Tag(name = "order CSV import", description = "受注CSV取込: import sources (column mappings) and order CSV uploads")
class OrderImportApi {

    private final OrderImportSources sources;
    private final OrderCsvImport imports;

    OrderImportApi(OrderImportSources sources, OrderCsvImport imports) {
        this.sources = sources;
        this.imports = imports;
    }

    @GetMapping("/order-import-sources")
    @Operation(summary = "All import sources with their column mapping")
    List<OrderImportSource> list() {
        return sources.list();
    }

    @GetMapping("/order-import-sources/{id}")
    @Operation(summary = "One import source")
    OrderImportSource get(@PathVariable long id) {
        return sources.get(id);
    }

    @PostMapping("/order-import-sources")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Create an import source",
            description = "columns: [{field, column (header text) | index (1-based), fixedValue, values {text: replacement}}]. "
                    + "422 names the field (name, channelId, columns[2].column…).")
    OrderImportSource create(@RequestBody OrderImportSourceDefinition definition) {
        return sources.create(definition);
    }

    @PutMapping("/order-import-sources/{id}")
    @Operation(summary = "Replace an import source's settings and mapping")
    OrderImportSource update(@PathVariable long id, @RequestBody OrderImportSourceDefinition definition) {
        return sources.update(id, definition);
    }

    @DeleteMapping("/order-import-sources/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Delete an import source (its past runs stay)")
    void delete(@PathVariable long id) {
        sources.delete(id);
    }

    @GetMapping("/order-import-sources/presets")
    @Operation(summary = "Ready-made layouts to start a source from")
    List<OrderImportSources.Preset> presets() {
        return sources.presets();
    }

    @GetMapping("/order-import-sources/fields")
    @Operation(summary = "The order fields a column can be mapped to (ORDER: per order, LINE: per row)")
    List<Map<String, String>> fields() {
        return Arrays.stream(OrderImportField.values())
                .map(f -> Map.of("field", f.field(), "header", f.header(), "level", f.level().name(), "kind", f.kind().name()))
                .toList();
    }

    @PostMapping(value = "/order-imports", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(summary = "Import an order CSV (multipart field 'file') with source {source}'s mapping",
            description = "200 with the summary when orders were taken in; 422 with the summary and row errors when nothing "
                    + "was (any error, unless validOnly=true; or the file cannot be read). Idempotent: the same file again "
                    + "counts its orders as unchanged.")
    ResponseEntity<OrderImportReport> importCsv(@RequestParam("source") long source, @RequestParam("file") MultipartFile file,
            @RequestParam(defaultValue = "false") boolean validOnly) {
        if (file.isEmpty()) {
            throw new InvalidInputException("file", "ファイルを指定してください");
        }
        OrderImportReport report = imports.importCsv(source, file::getInputStream, file.getOriginalFilename(), validOnly);
        return ResponseEntity.status(report.written() ? HttpStatus.OK : HttpStatus.UNPROCESSABLE_CONTENT).body(report);
    }

    @GetMapping("/order-imports/{runId}")
    @Operation(summary = "A past upload's summary and (first 1,000) errors")
    OrderImportReport run(@PathVariable long runId) {
        return imports.run(runId);
    }

    @GetMapping("/order-imports/{runId}/errors")
    @Operation(summary = "A past upload's errors as CSV (Shift_JIS/CP932, for Excel)")
    void errors(@PathVariable long runId, HttpServletResponse response) throws IOException {
        imports.run(runId); // 404 before anything is written
        response.setContentType("text/csv;charset=Shift_JIS");
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                .filename("order-import-" + runId + "-errors.csv", StandardCharsets.UTF_8).build().toString());
        imports.writeErrorReport(runId, response.getOutputStream());
    }
}
