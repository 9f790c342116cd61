package dev.ichigen.console;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

import dev.ichigen.catalog.ProductCsvManagement;
import dev.ichigen.catalog.ProductImportReport;
import dev.ichigen.shared.csv.CsvEncoding;
import dev.ichigen.shared.csv.ExcelSafeCsvWriter;

/**
 * 商品CSVインポート: upload a product CSV (UTF-8 or Shift_JIS, detected), optionally importing only the valid
 * rows, and read the report: what was written, and every problem by line and column. The report is
 * rendered straight into the answer to the upload (it is not kept anywhere). ADMIN and OPERATOR only.
 */
@Controller
@RequestMapping("/products/import")
@PreAuthorize("hasAnyRole('ADMIN','OPERATOR')")
class ProductImportController {

    private final ProductCsvManagement csv;

    ProductImportController(ProductCsvManagement csv) {
        this.csv = csv;
    }

    @GetMapping
    String form(Model model) {
        model.addAttribute("validOnly", false);
        return "products/import";
    }

    @PostMapping
    String upload(@RequestParam(name = "file", required = false) MultipartFile file,
            @RequestParam(defaultValue = "false") boolean validOnly, Model model) {
        model.addAttribute("validOnly", validOnly);
        if (file == null || file.isEmpty()) {
            model.addAttribute("fileMissing", true);
            return "products/import";
        }
        // The uploaded part can be opened once per pass (encoding detection, then rows).
        ProductImportReport report = csv.importCsv(file::getInputStream, validOnly);
        model.addAttribute("report", report);
        model.addAttribute("fileName", file.getOriginalFilename());
        return "products/import";
    }

    /** A blank product CSV (header row only) in Shift_JIS, the encoding Excel opens by default. */
    @GetMapping("/template")
    ResponseEntity<byte[]> template() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ExcelSafeCsvWriter writer = new ExcelSafeCsvWriter(bytes, CsvEncoding.CP932)) {
            writer.writeRow(csv.columnHeaders());
        }
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType("text/csv;charset=Shift_JIS"))
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment().filename("products-template.csv", StandardCharsets.UTF_8).build().toString())
                .body(bytes.toByteArray());
    }
}
