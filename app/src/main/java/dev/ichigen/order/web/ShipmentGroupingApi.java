package dev.ichigen.order.web;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
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

import dev.ichigen.order.MergeGroup;
import dev.ichigen.order.OrderManagement;
import dev.ichigen.order.ShipmentGrouping;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** 同梱・分割 and the carrier of orders over REST. Every role may read; ADMIN and OPERATOR change. */
@RestController
@RequestMapping("/api/v1/orders")
@Tag(name = "order-shipping-units", description = "同梱 (merge orders of one orderer to one address into one parcel, each "
        + "keeping its channel identity), 分割 (lines into separate parcels, by hand or by temperature zone), carrier")
class ShipmentGroupingApi {

    private final ShipmentGrouping grouping;
    private final OrderManagement orders;

    ShipmentGroupingApi(ShipmentGrouping grouping, OrderManagement orders) {
        this.grouping = grouping;
        this.orders = orders;
    }

    record GroupJson(long id, Instant createdAt, String createdBy, boolean automatic, boolean readyToShip,
            List<OrderJson.Summary> orders) {

        static GroupJson of(MergeGroup g) {
            return new GroupJson(g.id(), g.createdAt(), g.createdBy(), g.automatic(), g.readyToShip(),
                    g.orders().stream().map(OrderJson::summary).toList());
        }
    }

    record CandidateJson(Long groupId, List<OrderJson.Summary> orders) {
    }

    record MergeRequest(List<Long> orderIds) {
    }

    record UnitsJson(long orderId, GroupJson mergeGroup, Map<Integer, Integer> shipmentParts) {
    }

    record SplitRequest(List<Integer> lineNos) {
    }

    record CarrierRequest(String carrier, String service) {
    }

    @GetMapping("/merge-candidates")
    @Operation(summary = "同梱候補: open orders of the same orderer to the same recipient and address, not yet in one group")
    List<CandidateJson> candidates(@RequestParam(defaultValue = "100") int limit) {
        return grouping.candidates(limit).stream()
                .map(c -> new CandidateJson(c.groupId(), c.orders().stream().map(OrderJson::summary).toList())).toList();
    }

    @PostMapping("/merge-groups")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasAnyRole('ADMIN','OPERATOR')")
    @Operation(summary = "同梱: put the orders in one merge group",
            description = "All open, one destination each, same orderer/recipient/address, same warehouse when allocated "
                    + "(409 naming each order that does not fit). Orders already in groups bring their groups along.")
    GroupJson merge(@RequestBody MergeRequest request) {
        return GroupJson.of(grouping.merge(request == null ? null : request.orderIds(), false));
    }

    @GetMapping("/{id}/shipping-units")
    @Operation(summary = "The order's merge group (or null) and the shipment part of each line (1 unless split)")
    UnitsJson units(@PathVariable long id) {
        orders.get(id); // 404 for an unknown order
        return new UnitsJson(id, grouping.groupOf(id).map(GroupJson::of).orElse(null), grouping.shipmentParts(id));
    }

    @DeleteMapping("/{id}/merge-group")
    @PreAuthorize("hasAnyRole('ADMIN','OPERATOR')")
    @Operation(summary = "同梱解除: take the order out of its merge group (a group of one left is dissolved)")
    UnitsJson unmerge(@PathVariable long id, @RequestParam(required = false) String note) {
        grouping.unmerge(id, note);
        return units(id);
    }

    @PostMapping("/{id}/split")
    @PreAuthorize("hasAnyRole('ADMIN','OPERATOR')")
    @Operation(summary = "分割: move the given lines (lineNos) to a shipment part of their own")
    UnitsJson split(@PathVariable long id, @RequestBody SplitRequest request) {
        grouping.splitLines(id, request == null ? null : request.lineNos());
        return units(id);
    }

    @PostMapping("/{id}/split-by-temperature-zone")
    @PreAuthorize("hasAnyRole('ADMIN','OPERATOR')")
    @Operation(summary = "温度帯別分割: 常温, 冷蔵 and 冷凍 lines in separate shipment parts")
    UnitsJson splitByTemperatureZone(@PathVariable long id) {
        grouping.splitByTemperatureZone(id);
        return units(id);
    }

    @DeleteMapping("/{id}/split")
    @PreAuthorize("hasAnyRole('ADMIN','OPERATOR')")
    @Operation(summary = "分割の取消: every line back in shipment part 1")
    UnitsJson unsplit(@PathVariable long id) {
        grouping.unsplit(id);
        return units(id);
    }

    @PutMapping("/{id}/carrier")
    @PreAuthorize("hasAnyRole('ADMIN','OPERATOR')")
    @Operation(summary = "配送方法の指定: carrier and service codes (kept when the channel sends the order again)")
    OrderJson.Detail carrier(@PathVariable long id, @RequestBody CarrierRequest request) {
        orders.assignCarrier(id, request == null ? null : request.carrier(), request == null ? null : request.service());
        return OrderJson.of(orders.get(id), orders.history(id));
    }
}
