package dev.ichigen.console;

import java.nio.charset.StandardCharsets;

import org.springframework.web.util.UriUtils;

import dev.ichigen.catalog.ProductKind;
import dev.ichigen.catalog.ProductQuery;
import dev.ichigen.catalog.ProductStatus;
import dev.ichigen.catalog.TemperatureZone;

/**
 * The search box and filters of the product and stock lists (query parameters {@code q}, {@code category},
 * {@code status}, {@code kind}, {@code temperatureZone}). An unknown enum value in the URL is ignored.
 */
class ProductFilter {

    private String q;
    private String category;
    private ProductStatus status;
    private ProductKind kind;
    private TemperatureZone temperatureZone;

    ProductQuery query() {
        return new ProductQuery(blankToNull(q), blankToNull(category), null, status, kind, temperatureZone);
    }

    /** The filters as a URL query string (without {@code page}), for paging and export links. */
    String queryString() {
        StringBuilder s = new StringBuilder();
        append(s, "q", blankToNull(q));
        append(s, "category", blankToNull(category));
        append(s, "status", status == null ? null : status.name());
        append(s, "kind", kind == null ? null : kind.name());
        append(s, "temperatureZone", temperatureZone == null ? null : temperatureZone.name());
        return s.toString();
    }

    private static void append(StringBuilder s, String name, String value) {
        if (value == null) {
            return;
        }
        if (!s.isEmpty()) {
            s.append('&');
        }
        s.append(name).append('=').append(UriUtils.encodeQueryParam(value, StandardCharsets.UTF_8));
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    public String getQ() { return q; }
    public void setQ(String q) { this.q = q; }
    public String getCategory() { return category; }
    public void setCategory(String category) { this.category = category; }
    public ProductStatus getStatus() { return status; }
    public void setStatus(ProductStatus status) { this.status = status; }
    public ProductKind getKind() { return kind; }
    public void setKind(ProductKind kind) { this.kind = kind; }
    public TemperatureZone getTemperatureZone() { return temperatureZone; }
    public void setTemperatureZone(TemperatureZone temperatureZone) { this.temperatureZone = temperatureZone; }
}
