package dev.ichigen.fulfillment.web;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import dev.ichigen.fulfillment.FulfillmentSettings;
import dev.ichigen.fulfillment.FulfillmentSettingsStore;
import dev.ichigen.fulfillment.PackScan;
import dev.ichigen.fulfillment.Shipment;
import dev.ichigen.fulfillment.ShipmentLabels;
import dev.ichigen.fulfillment.ShipmentStatus;
import dev.ichigen.fulfillment.Shipments;
import dev.ichigen.shared.InvalidInputException;
import dev.ichigen.shared.csv.CsvSource;
import dev.ichigen.shipping.LabelExport;
import dev.ichigen.shipping.LabelFile;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Shipments (出荷) over REST: instructions, pack scans, label data, tracking numbers, shipped. ADMIN and OPERATOR. */
@RestController
@RequestMapping("/api/v1")
@PreAuthorize("hasAnyRole('ADMIN','OPERATOR')")
@Tag(name = "shipments", description = "出荷指示・出荷検品・送り状データ・出荷確定")
class ShipmentApi {

    record InstructRequest(List<Long> orderIds) {
    }

    record ScanRequest(String code) {
    }

    record CancelRequest(String reason) {
    }

    /** Label export without the file bytes: file names and parcel counts, the keys exported, the problems. */
    record ExportSummary(String format, List<Map<String, Object>> files, List<String> exportedKeys,
            List<dev.ichigen.shipping.LabelProblem> problems) {
    }

    private final Shipments shipments;
    private final ShipmentLabels labels;
    private final FulfillmentSettingsStore settings;

    ShipmentApi(Shipments shipments, ShipmentLabels labels, FulfillmentSettingsStore settings) {
        this.shipments = shipments;
        this.labels = labels;
        this.settings = settings;
    }

    @GetMapping("/shipments")
    @Operation(summary = "Shipments in a status (INSTRUCTED, PACKED, SHIPPED, CANCELLED; all when absent), newest first")
    List<Shipment> list(@RequestParam(required = false) String status, @RequestParam(defaultValue = "100") int limit) {
        return shipments.list(status(status), Math.max(1, Math.min(limit, 1000)));
    }

    @GetMapping("/shipments/{key}")
    Shipment get(@PathVariable String key) {
        return shipments.get(key);
    }

    @GetMapping("/orders/{orderId}/shipments")
    @Operation(summary = "The shipments an order is or was in")
    List<Shipment> ofOrder(@PathVariable long orderId) {
        return shipments.ofOrder(orderId);
    }

    @PostMapping("/shipments")
    @Operation(summary = "出荷指示 for chosen ready orders (merge groups and split parts included); 409 naming orders that are not ready")
    List<Shipment> instruct(@RequestBody InstructRequest request) {
        return shipments.instruct(request == null ? null : request.orderIds());
    }

    @PostMapping("/shipments/{key}/scans")
    @Operation(summary = "出荷検品: one scanned JAN (or SKU). 409 for a wrong item (誤品) or a surplus (数量超過)")
    PackScan scan(@PathVariable String key, @RequestBody ScanRequest request) {
        return shipments.scan(key, request == null ? null : request.code());
    }

    @PostMapping("/shipments/{key}/pack")
    @Operation(summary = "検品完了: 422 listing the missing items unless every line was scanned")
    Shipment finishPacking(@PathVariable String key) {
        return shipments.finishPacking(key);
    }

    @PostMapping("/shipments/{key}/pack/reset")
    Shipment resetPacking(@PathVariable String key) {
        return shipments.resetPacking(key);
    }

    @PostMapping("/shipments/{key}/ship")
    @Operation(summary = "出荷確定: a PACKED shipment with a tracking number; every member order is marked shipped")
    Shipment ship(@PathVariable String key) {
        return shipments.ship(key);
    }

    @PostMapping("/shipments/{key}/cancel")
    Shipment cancel(@PathVariable String key, @RequestBody(required = false) CancelRequest request) {
        return shipments.cancel(key, request == null ? null : request.reason());
    }

    @PostMapping("/shipment-labels/{format}")
    @Operation(summary = "送り状データ: the carrier file for open shipments without tracking number (status=INSTRUCTED|PACKED narrows). "
            + "Answers the first file (Windows-31J CSV) with X-Excluded-Count; ?summary=true answers JSON with every problem")
    ResponseEntity<?> export(@PathVariable String format, @RequestParam(required = false) String status,
            @RequestParam(defaultValue = "false") boolean summary) {
        LabelExport export = labels.export(format, status(status));
        if (summary || export.files().isEmpty()) {
            return ResponseEntity.ok(new ExportSummary(export.format(),
                    export.files().stream().map(f -> Map.<String, Object>of("fileName", f.fileName(), "parcels", f.parcels())).toList(),
                    export.exportedKeys(), export.problems()));
        }
        LabelFile file = export.files().getFirst();
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(file.fileName()).build().toString())
                .header("X-Excluded-Count", String.valueOf(export.excluded().size()))
                .contentType(new MediaType("text", "csv", java.nio.charset.Charset.forName("windows-31j")))
                .body(file.content());
    }

    @PostMapping(value = "/shipment-tracking/{format}", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(summary = "Import the carrier's issued data (multipart field 'file'): tracking numbers attached by shipment key; refused rows listed")
    ShipmentLabels.TrackingImport importTracking(@PathVariable String format, @RequestParam("file") MultipartFile file) throws java.io.IOException {
        if (file.isEmpty()) {
            throw new InvalidInputException("file", "ファイルを指定してください");
        }
        return labels.importTracking(format, CsvSource.of(file.getBytes()));
    }

    @GetMapping("/shipments/label-data")
    @Operation(summary = "Integrator contract (issue 5): the carrier's import file for the open shipments without tracking number — "
            + "carrier=yamato-b2|sagawa-ehiden|clickpost (japanpost-clickpost accepted); the same as POST /shipment-labels/{format}")
    ResponseEntity<?> labelData(@RequestParam String carrier, @RequestParam(required = false) String status,
            @RequestParam(defaultValue = "false") boolean summary) {
        return export(format(carrier), status, summary);
    }

    @PostMapping(value = "/shipments/tracking-import", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(summary = "Integrator contract (issue 5): the carrier's issued-data file (multipart 'file'); the same as POST /shipment-tracking/{format}")
    ShipmentLabels.TrackingImport trackingImport(@RequestParam String carrier, @RequestParam("file") MultipartFile file)
            throws java.io.IOException {
        return importTracking(format(carrier), file);
    }

    /** The contract names Japan Post's format {@code japanpost-clickpost}; the label formats call it {@code clickpost}. */
    private static String format(String carrier) {
        String c = carrier == null ? "" : carrier.strip().toLowerCase(Locale.ROOT);
        return c.equals("japanpost-clickpost") ? "clickpost" : c;
    }

    @GetMapping("/fulfillment/settings")
    FulfillmentSettings settings() {
        return settings.get();
    }

    @PutMapping("/fulfillment/settings")
    @PreAuthorize("hasRole('ADMIN')")
    FulfillmentSettings updateSettings(@RequestBody FulfillmentSettings body) {
        return settings.update(body);
    }

    static ShipmentStatus status(String status) {
        if (status == null || status.isBlank()) {
            return null;
        }
        try {
            return ShipmentStatus.valueOf(status.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("status", "INSTRUCTED・PACKED・SHIPPED・CANCELLED のいずれかです: " + status);
        }
    }
}
