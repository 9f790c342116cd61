package dev.ichigen.documents.web;

import java.util.Arrays;
import java.util.List;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.ichigen.documents.PickingLists;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** ピッキングリスト as PDF. ADMIN, OPERATOR and WAREHOUSE, like the JSON pick lists of the warehouse module. */
@RestController
@RequestMapping("/api/v1")
@PreAuthorize("hasAnyRole('ADMIN','OPERATOR','WAREHOUSE')")
@Tag(name = "documents")
class PickingListApi {

    private final PickingLists lists;

    PickingListApi(PickingLists lists) {
        this.lists = lists;
    }

    @GetMapping(value = "/pick-lists.pdf", produces = MediaType.APPLICATION_PDF_VALUE)
    @Operation(summary = "トータルピッキングリスト as PDF: shipments=S000001,S000002 or every INSTRUCTED shipment of warehouse",
            description = "The rows of GET /api/v1/pick-lists (picks summed per location, SKU and lot, in location walk order, "
                    + "未棚入れ last) with name, lot / expiry, quantity, the shipments served and a barcode per line (the JAN as "
                    + "EAN-13, else the SKU as Code128); 引当不足 shipments listed on top. 422 naming shipments/warehouse.")
    ResponseEntity<byte[]> batch(@RequestParam(required = false) String shipments, @RequestParam(required = false) String warehouse) {
        List<String> keys = shipments == null || shipments.isBlank() ? List.of()
                : Arrays.stream(shipments.split("[,\\s]+")).map(String::strip).filter(s -> !s.isEmpty()).toList();
        return DocumentApi.pdf(lists.batch(keys, warehouse));
    }

    @GetMapping(value = "/shipments/{key}/pick-list.pdf", produces = MediaType.APPLICATION_PDF_VALUE)
    @Operation(summary = "ピッキングリスト of one shipment as PDF: its picks in location walk order, the shipment key as Code128")
    ResponseEntity<byte[]> single(@PathVariable String key) {
        return DocumentApi.pdf(lists.single(key));
    }
}
