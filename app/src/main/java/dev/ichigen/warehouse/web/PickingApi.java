package dev.ichigen.warehouse.web;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.ichigen.warehouse.PickList;
import dev.ichigen.warehouse.PickPlan;
import dev.ichigen.warehouse.PickPlanning;
import dev.ichigen.warehouse.ShelfLifeSettings;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** ピッキング: a shipment's picks, batch pick lists in walk order, and the per-channel minimum remaining shelf life. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "warehouse")
class PickingApi {

    private static final String STOCK_ROLES = "hasAnyRole('ADMIN','OPERATOR','WAREHOUSE')";

    private final PickPlanning planning;
    private final ShelfLifeSettings shelfLife;

    PickingApi(PickPlanning planning, ShelfLifeSettings shelfLife) {
        this.planning = planning;
        this.shelfLife = shelfLife;
    }

    @GetMapping("/shipments/{key}/picks")
    @PreAuthorize(STOCK_ROLES)
    @Operation(summary = "Pick plan of a shipment (key S000123 or id): location and lot per line (FEFO for lot-managed); "
            + "complete=false with a message when valid stock does not cover a line (引当不足)")
    PickPlan picks(@PathVariable String key) {
        return planning.plan(key);
    }

    @GetMapping("/pick-lists")
    @PreAuthorize(STOCK_ROLES)
    @Operation(summary = "トータルピッキング: picks of several shipments (shipments=S000001,S000002 or all INSTRUCTED ones of "
            + "warehouse) summed per location, SKU and lot, sorted by location walk order")
    PickList pickList(@RequestParam(required = false) String shipments, @RequestParam(required = false) String warehouse) {
        List<String> keys = shipments == null || shipments.isBlank() ? List.of()
                : Arrays.stream(shipments.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
        return planning.pickList(keys, warehouse);
    }

    record MinShelfLife(Integer minDays) {
    }

    @GetMapping("/channels/{channelId}/min-shelf-life")
    @PreAuthorize(STOCK_ROLES)
    @Operation(summary = "最低残存期限 of a channel in days (null = none)")
    Map<String, Integer> minShelfLife(@PathVariable long channelId) {
        return java.util.Collections.singletonMap("minDays", shelfLife.minDays(channelId).orElse(null));
    }

    @PutMapping("/channels/{channelId}/min-shelf-life")
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "Set (minDays) or remove (minDays null) a channel's minimum remaining shelf life for picked lots")
    Map<String, Integer> setMinShelfLife(@PathVariable long channelId, @RequestBody MinShelfLife body) {
        return java.util.Collections.singletonMap("minDays", shelfLife.set(channelId, body.minDays()).orElse(null));
    }
}
