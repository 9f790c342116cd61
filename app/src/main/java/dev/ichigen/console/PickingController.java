package dev.ichigen.console;

import java.util.Arrays;
import java.util.List;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

import dev.ichigen.inventory.WarehouseManagement;
import dev.ichigen.shared.InvalidInputException;
import dev.ichigen.shared.NotFoundException;
import dev.ichigen.warehouse.PickPlanning;

/**
 * ピッキング on a phone or handheld: the batch list (トータルピッキング) of a warehouse's open shipments — or of the
 * shipments given, or one scanned shipment — as locations in walk order with SKU, lot and quantity in big type;
 * shipments whose stock is not covered (引当不足) are listed on top. The PDF list is not built here.
 */
@Controller
@RequestMapping("/warehouse/picking")
@PreAuthorize("hasAnyRole('ADMIN','OPERATOR','WAREHOUSE')")
class PickingController {

    private final PickPlanning planning;
    private final WarehouseManagement warehouses;

    PickingController(PickPlanning planning, WarehouseManagement warehouses) {
        this.planning = planning;
        this.warehouses = warehouses;
    }

    @GetMapping
    String page(@RequestParam(required = false) String warehouse, @RequestParam(required = false) String shipments, Model model) {
        model.addAttribute("warehouses", warehouses.list().stream().filter(w -> w.active()).toList());
        model.addAttribute("warehouse", warehouse);
        model.addAttribute("shipments", shipments);
        List<String> keys = shipments == null || shipments.isBlank() ? List.of()
                : Arrays.stream(shipments.split("[,\\s]+")).map(String::strip).filter(s -> !s.isEmpty()).toList();
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
