package dev.ichigen.console;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

import dev.ichigen.fulfillment.PackScan;
import dev.ichigen.fulfillment.Shipment;
import dev.ichigen.fulfillment.ShipmentStatus;
import dev.ichigen.fulfillment.Shipments;
import dev.ichigen.shared.ConflictException;
import dev.ichigen.shared.InvalidInputException;

/**
 * 出荷検品 for handheld scanners: one large input that keeps focus; a scanner types the code and Enter. First the
 * shipment barcode ({@code S000123}), then each item's JAN (or SKU). A refused scan is shown big and red, the
 * shipment unchanged; the scan completing the last line shows 検品完了 and the screen waits for the next shipment.
 * A shipment key scanned while packing switches to that shipment. ADMIN and OPERATOR.
 */
@Controller
@RequestMapping("/fulfillment/pack")
@PreAuthorize("hasAnyRole('ADMIN','OPERATOR')")
class PackController {

    private final Shipments shipments;

    PackController(Shipments shipments) {
        this.shipments = shipments;
    }

    @GetMapping
    String page(@RequestParam(required = false) String key, Model model) {
        if (key != null && !key.isBlank()) {
            shipments.find(key).ifPresent(s -> model.addAttribute("s", s));
        }
        return "fulfillment/pack";
    }

    @PostMapping
    String scan(@RequestParam(required = false) String key, @RequestParam(required = false) String code, Model model) {
        String c = code == null ? "" : code.strip();
        if (c.isEmpty()) {
            return page(key, model);
        }
        boolean shipmentCode = Shipment.idOf(c) != null;
        if (key == null || key.isBlank() || shipmentCode) {
            Shipment s = shipments.find(c).orElse(null);
            if (s == null) {
                model.addAttribute("packError", "出荷 " + c + " はありません");
                return page(key, model);
            }
            if (s.status() != ShipmentStatus.INSTRUCTED) {
                model.addAttribute("packError", "出荷 " + s.key() + " は" + s.status().label() + "です。検品できません");
                return page(null, model);
            }
            model.addAttribute("s", s);
            return "fulfillment/pack";
        }
        try {
            PackScan scan = shipments.scan(key, c);
            model.addAttribute("scanned", scan.line());
            if (scan.packed()) {
                model.addAttribute("packedShipment", scan.shipment());
                return "fulfillment/pack";
            }
            model.addAttribute("s", scan.shipment());
        } catch (ConflictException e) {
            model.addAttribute("packError", e.getMessage());
            shipments.find(key).filter(s -> s.status() == ShipmentStatus.INSTRUCTED).ifPresent(s -> model.addAttribute("s", s));
        } catch (InvalidInputException e) {
            model.addAttribute("packError", e.errors().getFirst().message());
            shipments.find(key).ifPresent(s -> model.addAttribute("s", s));
        }
        return "fulfillment/pack";
    }

    @PostMapping("/finish")
    String finish(@RequestParam String key, Model model) {
        try {
            model.addAttribute("packedShipment", shipments.finishPacking(key));
        } catch (InvalidInputException e) {
            model.addAttribute("packError", "欠品があります: " + String.join(" / ", e.errors().stream().map(x -> x.message()).toList()));
            shipments.find(key).ifPresent(s -> model.addAttribute("s", s));
        } catch (ConflictException e) {
            model.addAttribute("packError", e.getMessage());
        }
        return "fulfillment/pack";
    }

    @PostMapping("/reset")
    String reset(@RequestParam String key, Model model) {
        try {
            model.addAttribute("s", shipments.resetPacking(key));
        } catch (ConflictException e) {
            model.addAttribute("packError", e.getMessage());
        }
        return "fulfillment/pack";
    }
}
