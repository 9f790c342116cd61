package dev.ichigen.console;

import java.util.List;
import java.util.Locale;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import dev.ichigen.fulfillment.Shipment;
import dev.ichigen.fulfillment.ShipmentLabels;
import dev.ichigen.fulfillment.ShipmentStatus;
import dev.ichigen.fulfillment.Shipments;
import dev.ichigen.order.OrderManagement;
import dev.ichigen.order.OrderQuery;
import dev.ichigen.order.OrderStatus;
import dev.ichigen.shared.ConflictException;
import dev.ichigen.shared.InvalidInputException;
import dev.ichigen.shared.NotFoundException;
import dev.ichigen.shared.csv.CsvSource;
import dev.ichigen.shipping.LabelExport;
import dev.ichigen.shipping.LabelFile;
import dev.ichigen.shipping.LabelFormats;

/**
 * 出荷: the shipment list with status tabs, a shipment's detail (ship, cancel), 出荷指示 for chosen ready orders,
 * 送り状データ (preview with the parcels left out, download) and the import of issued tracking numbers. ADMIN and
 * OPERATOR. The pack screen is {@link PackController}.
 */
@Controller
@RequestMapping("/fulfillment")
@PreAuthorize("hasAnyRole('ADMIN','OPERATOR')")
class ShipmentController {

    private final Shipments shipments;
    private final ShipmentLabels labels;
    private final LabelFormats formats;
    private final OrderManagement orders;

    ShipmentController(Shipments shipments, ShipmentLabels labels, LabelFormats formats, OrderManagement orders) {
        this.shipments = shipments;
        this.labels = labels;
        this.formats = formats;
        this.orders = orders;
    }

    @GetMapping({ "", "/shipments" })
    String list(@RequestParam(required = false) String status, Model model) {
        ShipmentStatus s = parse(status);
        model.addAttribute("status", s);
        model.addAttribute("statuses", ShipmentStatus.values());
        model.addAttribute("counts", shipments.counts());
        model.addAttribute("shipments", shipments.list(s, 200));
        return "fulfillment/list";
    }

    @GetMapping("/shipments/{key}")
    String detail(@PathVariable String key, Model model) {
        model.addAttribute("s", shipments.get(key));
        return "fulfillment/detail";
    }

    @PostMapping("/shipments/{key}/ship")
    String ship(@PathVariable String key, RedirectAttributes redirect) {
        try {
            shipments.ship(key);
            redirect.addFlashAttribute(Notice.ATTRIBUTE, new Notice("fulfillment.shipped", key));
        } catch (ConflictException e) {
            redirect.addFlashAttribute("actionError", e.getMessage());
        }
        return "redirect:/fulfillment/shipments/" + key;
    }

    @PostMapping("/shipments/{key}/cancel")
    String cancel(@PathVariable String key, @RequestParam(required = false) String reason, RedirectAttributes redirect) {
        try {
            shipments.cancel(key, reason);
            redirect.addFlashAttribute(Notice.ATTRIBUTE, new Notice("fulfillment.cancelled", key));
        } catch (ConflictException e) {
            redirect.addFlashAttribute("actionError", e.getMessage());
        }
        return "redirect:/fulfillment/shipments/" + key;
    }

    @GetMapping("/instruct")
    String readyOrders(Model model) {
        model.addAttribute("orders", orders.search(new OrderQuery(null, null, OrderStatus.READY_TO_SHIP, null), 0, 200).items());
        return "fulfillment/instruct";
    }

    @PostMapping("/instruct")
    String instruct(@RequestParam(name = "orderIds", required = false) List<Long> orderIds, Model model, RedirectAttributes redirect) {
        try {
            List<Shipment> made = shipments.instruct(orderIds);
            redirect.addFlashAttribute(Notice.ATTRIBUTE, new Notice("fulfillment.instructed", String.valueOf(made.size())));
            return "redirect:/fulfillment/shipments?status=INSTRUCTED";
        } catch (InvalidInputException e) {
            model.addAttribute("actionError", e.errors().getFirst().message());
        } catch (ConflictException e) {
            model.addAttribute("actionError", e.getMessage());
        }
        return readyOrders(model);
    }

    @GetMapping("/labels")
    String labels(Model model) {
        model.addAttribute("formats", formats.formats());
        return "fulfillment/labels";
    }

    @PostMapping("/labels/preview")
    String preview(@RequestParam String format, @RequestParam(required = false) String status, Model model) {
        model.addAttribute("format", format);
        model.addAttribute("selectedStatus", status);
        try {
            model.addAttribute("export", labels.export(format, parse(status)));
        } catch (InvalidInputException e) {
            model.addAttribute("exportError", e.errors().getFirst().message());
        }
        return labels(model);
    }

    @PostMapping("/labels/download")
    ResponseEntity<byte[]> download(@RequestParam String format, @RequestParam(required = false) String status,
            @RequestParam(defaultValue = "0") int file) {
        LabelExport export = labels.export(format, parse(status));
        if (export.files().isEmpty() || file < 0 || file >= export.files().size()) {
            throw new NotFoundException("出力する送り状データがありません");
        }
        LabelFile f = export.files().get(file);
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(f.fileName()).build().toString())
                .contentType(new MediaType("text", "csv", java.nio.charset.Charset.forName("windows-31j"))).body(f.content());
    }

    @PostMapping("/tracking")
    String importTracking(@RequestParam String format, @RequestParam(name = "file", required = false) MultipartFile file, Model model)
            throws java.io.IOException {
        model.addAttribute("importFormat", format);
        if (file == null || file.isEmpty()) {
            model.addAttribute("importError", "ファイルを選んでください");
        } else {
            try {
                model.addAttribute("imported", labels.importTracking(format, CsvSource.of(file.getBytes())));
            } catch (InvalidInputException e) {
                model.addAttribute("importError", e.errors().getFirst().message());
            }
        }
        return labels(model);
    }

    static ShipmentStatus parse(String status) {
        if (status == null || status.isBlank()) {
            return null;
        }
        try {
            return ShipmentStatus.valueOf(status.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("status", "出荷ステータスが不正です: " + status);
        }
    }
}
