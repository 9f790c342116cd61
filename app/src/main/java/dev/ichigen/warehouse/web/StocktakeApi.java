package dev.ichigen.warehouse.web;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import dev.ichigen.warehouse.Stocktake;
import dev.ichigen.warehouse.Stocktakes;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** 棚卸し: start, count, review, approve. Counting is warehouse work; approval (posting variances) ADMIN and OPERATOR. */
@RestController
@RequestMapping("/api/v1/stocktakes")
@Tag(name = "warehouse")
class StocktakeApi {

    private static final String STOCK_ROLES = "hasAnyRole('ADMIN','OPERATOR','WAREHOUSE')";

    private final Stocktakes stocktakes;

    StocktakeApi(Stocktakes stocktakes) {
        this.stocktakes = stocktakes;
    }

    record Start(String warehouse, List<String> locations, String note) {
    }

    record Counts(List<Stocktakes.Count> counts) {
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize(STOCK_ROLES)
    @Operation(summary = "棚卸し開始: copies the stock per location and lot as expected (locations empty = full count)")
    Stocktake start(@RequestBody Start body) {
        return stocktakes.start(body.warehouse(), body.locations(), body.note());
    }

    @GetMapping("/{id}")
    @PreAuthorize(STOCK_ROLES)
    @Operation(summary = "A stocktake with expected, counted and variance per line")
    Stocktake get(@PathVariable long id) {
        return stocktakes.get(id);
    }

    @PostMapping("/{id}/counts")
    @PreAuthorize(STOCK_ROLES)
    @Operation(summary = "Enter counts (location, sku or JAN, lotNo, counted)")
    Stocktake count(@PathVariable long id, @RequestBody Counts body) {
        return stocktakes.count(id, body.counts());
    }

    @PostMapping("/{id}/approve")
    @PreAuthorize("hasAnyRole('ADMIN','OPERATOR')")
    @Operation(summary = "承認: post every counted variance to the ledger (STOCKTAKE_CORRECTION), all or nothing")
    Stocktake approve(@PathVariable long id) {
        return stocktakes.approve(id);
    }
}
