package dev.ichigen.console;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

import dev.ichigen.catalog.Product;
import dev.ichigen.catalog.ProductCsvManagement;
import dev.ichigen.catalog.ProductExportResult;
import dev.ichigen.catalog.ProductImage;
import dev.ichigen.catalog.ProductImages;
import dev.ichigen.catalog.ProductKind;
import dev.ichigen.catalog.ProductManagement;
import dev.ichigen.catalog.ProductStatus;
import dev.ichigen.catalog.TemperatureZone;
import dev.ichigen.inventory.InventoryManagement;
import dev.ichigen.platform.Page;
import dev.ichigen.shared.csv.CsvEncoding;
import jakarta.servlet.http.HttpServletResponse;

/**
 * 商品一覧: search and filter the product master, 50 per page, with the main image and the available stock,
 * and the CSV export (UTF-8 with BOM or Shift_JIS). Every role may look; changes are on the detail screen.
 */
@Controller
@RequestMapping("/products")
@PreAuthorize("hasAnyRole('ADMIN','OPERATOR','WAREHOUSE')")
class ProductListController {

    static final int PAGE_SIZE = 50;

    /**
     * One row of the list. {@code available} (引当可能数 over the active warehouses) is {@code null} for a
     * parent, whose variants hold the stock.
     */
    record ProductRow(Product product, ProductImage image, Long available) {
    }

    private final ProductManagement products;
    private final ProductImages images;
    private final InventoryManagement inventory;
    private final ProductCsvManagement csv;
    private final Clock clock;

    ProductListController(ProductManagement products, ProductImages images, InventoryManagement inventory,
            ProductCsvManagement csv, Clock clock) {
        this.products = products;
        this.images = images;
        this.inventory = inventory;
        this.csv = csv;
        this.clock = clock;
    }

    @ModelAttribute
    void choices(Model model) {
        model.addAttribute("kinds", ProductKind.values());
        model.addAttribute("statuses", ProductStatus.values());
        model.addAttribute("zones", TemperatureZone.values());
        model.addAttribute("canEdit", ConsoleRoles.canEditProducts());
    }

    @GetMapping
    String list(@ModelAttribute("filter") ProductFilter filter, BindingResult ignoredUnknownValues,
            @RequestParam(defaultValue = "0") int page, Model model) {
        // Stock is read per row (one summary per SKU): fine for a page of 50; a bulk read in the inventory
        // module would be the optimisation if pages grow.
        Page<ProductRow> rows = products.search(filter.query(), page, PAGE_SIZE).map(p -> new ProductRow(p,
                images.list(p.sku()).stream().findFirst().orElse(null),
                p.kind() == ProductKind.PARENT ? null : inventory.stock(p.sku()).available()));
        model.addAttribute("rows", rows);
        model.addAttribute("filterQuery", filter.queryString());
        return "products/list";
    }

    /**
     * The products matching the filters as CSV. A Shift_JIS file cannot hold some characters (𠮷, emoji):
     * then the list is shown again naming them, with the choice of UTF-8 or 〓 in their place
     * ({@code unencodable=substitute}) — a silently changed product name must not reach a mall.
     */
    @GetMapping("/export")
    ModelAndView export(@ModelAttribute("filter") ProductFilter filter, BindingResult ignoredUnknownValues,
            @RequestParam(defaultValue = "utf8") String encoding, @RequestParam(defaultValue = "fail") String unencodable,
            Model model, HttpServletResponse response) throws IOException {
        CsvEncoding chosen = "cp932".equals(encoding) ? CsvEncoding.CP932 : CsvEncoding.UTF8_BOM;
        Path file = Files.createTempFile("ichigen-console-export-", ".csv");
        try {
            ProductExportResult result;
            try (OutputStream out = Files.newOutputStream(file)) {
                result = csv.exportCsv(filter.query(), chosen, out);
            }
            if (result.unencodableCount() > 0 && !"substitute".equals(unencodable)) {
                model.addAttribute("exportProblem", result);
                return new ModelAndView(list(filter, ignoredUnknownValues, 0, model));
            }
            String name = "products-" + LocalDateTime.now(clock.withZone(ConsoleFormat.JAPAN))
                    .format(DateTimeFormatter.ofPattern("uuuuMMdd-HHmm")) + ".csv";
            response.setContentType("text/csv;charset=" + (chosen == CsvEncoding.CP932 ? "Shift_JIS" : "UTF-8"));
            response.setHeader(HttpHeaders.CONTENT_DISPOSITION,
                    ContentDisposition.attachment().filename(name, StandardCharsets.UTF_8).build().toString());
            response.setContentLengthLong(Files.size(file));
            Files.copy(file, response.getOutputStream());
            return null; // a null ModelAndView: the answer has been written

        } finally {
            Files.deleteIfExists(file);
        }
    }

}
