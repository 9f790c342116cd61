package dev.ichigen.console;

import java.util.Arrays;
import java.util.List;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

import dev.ichigen.documents.PickingLists;
import dev.ichigen.documents.RenderedPdf;
import dev.ichigen.inventory.WarehouseManagement;
import dev.ichigen.shared.InvalidInputException;
import dev.ichigen.shared.NotFoundException;
import dev.ichigen.warehouse.PickPlanning;

/**
 * ピッキング on a phone or handheld: the batch list (トータルピッキング) of a warehouse's open shipments — or of the
 * shipments given, or one scanned shipment — as locations in walk order with SKU, lot and quantity in big type;
 * shipments whose stock is not covered (引当不足) are listed on top. The same list (or one shipment's) printed as PDF
 * with barcodes comes from the documents module ({@code PickingLists}).
 */
@Controller
@RequestMapping("/warehouse/picking")
@PreAuthorize("hasAnyRole('ADMIN','OPERATOR','WAREHOUSE')")
class PickingController {

    private final PickPlanning planning;
    private final WarehouseManagement warehouses;
    private final PickingLists pdfLists;

    PickingController(PickPlanning planning, WarehouseManagement warehouses, PickingLists pdfLists) {
        this.planning = planning;
        this.warehouses = warehouses;
        this.pdfLists = pdfLists;
    }

    /** The list on screen as PDF (印刷): same parameters. */
    @GetMapping(value = "/list.pdf", produces = MediaType.APPLICATION_PDF_VALUE)
    ResponseEntity<byte[]> pdf(@RequestParam(required = false) String warehouse, @RequestParam(required = false) String shipments) {
        return pdf(pdfLists.batch(keys(shipments), warehouse));
    }

    /** One shipment's pick list as PDF. */
    @GetMapping(value = "/shipments/{key}.pdf", produces = MediaType.APPLICATION_PDF_VALUE)
    ResponseEntity<byte[]> shipmentPdf(@PathVariable String key) {
        return pdf(pdfLists.single(key));
    }

    private static List<String> keys(String shipments) {
        return shipments == null || shipments.isBlank() ? List.of()
                : Arrays.stream(shipments.split("[,\\s]+")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    private static ResponseEntity<byte[]> pdf(RenderedPdf rendered) {
        ResponseEntity.BodyBuilder b = ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.inline().filename(rendered.fileName()).build().toString())
                .contentType(MediaType.APPLICATION_PDF);
        if (!rendered.unprintable().isEmpty()) {
            b.header("X-Unprintable-Characters", rendered.unprintableHeader());
        }
        return b.body(rendered.content());
    }

    @GetMapping
    String page(@RequestParam(required = false) String warehouse, @RequestParam(required = false) String shipments, Model model) {
        model.addAttribute("warehouses", warehouses.list().stream().filter(w -> w.active()).toList());
        model.addAttribute("warehouse", warehouse);
        model.addAttribute("shipments", shipments);
        List<String> keys = keys(shipments);
        if (!keys.isEmpty() || (warehouse != null && !warehouse.isBlank())) {
            try {
                model.addAttribute("list", planning.pickList(keys, warehouse));
            } catch (InvalidInputException e) {
                model.addAttribute("pickError", e.errors().getFirst().message());
            } catch (NotFoundException e) {
                model.addAttribute("pickError", e.getMessage());
            }
        }
        return "warehouse/picking";
    }
}
