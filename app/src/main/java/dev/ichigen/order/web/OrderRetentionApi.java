package dev.ichigen.order.web;

import java.util.Map;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.ichigen.order.PersonalDataRetention;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** 個人情報の保存期間 over REST: ADMIN only. */
@RestController
@RequestMapping("/api/v1/orders/retention")
@PreAuthorize("hasRole('ADMIN')")
@Tag(name = "order-retention", description = "Personal data retention: shipped and cancelled orders' personal data is "
        + "anonymised after the period (names, contacts, street address, remarks, raw channel content); figures stay")
class OrderRetentionApi {

    private final PersonalDataRetention retention;

    OrderRetentionApi(PersonalDataRetention retention) {
        this.retention = retention;
    }

    record RetentionJson(Integer retentionDays) {
    }

    @GetMapping
    @Operation(summary = "The retention period in days (null: kept without limit)")
    RetentionJson get() {
        return new RetentionJson(retention.retentionDays());
    }

    @PutMapping
    @Operation(summary = "Set the retention period (30–3650 days after shipment or cancellation, judged by the order's "
            + "last change) or null to keep personal data")
    RetentionJson put(@RequestBody RetentionJson body) {
        return new RetentionJson(retention.updateRetentionDays(body == null ? null : body.retentionDays()));
    }

    @PostMapping("/run")
    @Operation(summary = "Anonymise the due orders now (the scheduled task does it every 6 hours)")
    Map<String, Integer> run() {
        return Map.of("anonymised", retention.anonymiseDue());
    }
}
