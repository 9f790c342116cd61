package dev.ichigen.order.web;

import java.net.URI;
import java.util.List;

import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.ichigen.order.OrderBlocklist;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@RequestMapping("/api/v1/order-blocklist")
@Tag(name = "order-blocklist", description = "要注意顧客リスト: names + phones, phones, e-mail addresses and addresses whose "
        + "orders the BLOCKLIST check holds. Matching is normalised (NFKC, phone digits, lower-case e-mail, address "
        + "spelling variants). Changes are audited.")
class OrderBlocklistApi {

    /** {@code kind}: NAME_PHONE (value {@code 山田 太郎 / 090-1234-5678}), PHONE, EMAIL or ADDRESS. */
    record EntryRequest(String kind, String value, String note) {
    }

    private final OrderBlocklist blocklist;

    OrderBlocklistApi(OrderBlocklist blocklist) {
        this.blocklist = blocklist;
    }

    @GetMapping
    @PreAuthorize("hasAnyRole('ADMIN','OPERATOR')")
    @Operation(summary = "Every block list entry")
    List<OrderBlocklist.Entry> list() {
        return blocklist.list();
    }

    @GetMapping("/{id}")
    @PreAuthorize("hasAnyRole('ADMIN','OPERATOR')")
    @Operation(summary = "One entry")
    OrderBlocklist.Entry get(@PathVariable long id) {
        return blocklist.get(id);
    }

    @PostMapping
    @PreAuthorize("hasAnyRole('ADMIN','OPERATOR')")
    @Operation(summary = "Add an entry", description = "Body: {\"kind\": \"PHONE\", \"value\": \"090-1234-5678\", \"note\": \"受取拒否2回\"}. "
            + "Applies to intakes and re-checks from now on.")
    ResponseEntity<OrderBlocklist.Entry> add(@RequestBody EntryRequest body) {
        OrderBlocklist.Entry e = blocklist.add(body == null ? null : body.kind(), body == null ? null : body.value(),
                body == null ? null : body.note());
        return ResponseEntity.created(URI.create("/api/v1/order-blocklist/" + e.id())).body(e);
    }

    @PutMapping("/{id}")
    @PreAuthorize("hasAnyRole('ADMIN','OPERATOR')")
    @Operation(summary = "Change an entry (kind, value and note are all replaced)")
    OrderBlocklist.Entry update(@PathVariable long id, @RequestBody EntryRequest body) {
        return blocklist.update(id, body == null ? null : body.kind(), body == null ? null : body.value(),
                body == null ? null : body.note());
    }

    @DeleteMapping("/{id}")
    @PreAuthorize("hasAnyRole('ADMIN','OPERATOR')")
    @Operation(summary = "Remove an entry")
    ResponseEntity<Void> remove(@PathVariable long id) {
        blocklist.remove(id);
        return ResponseEntity.noContent().build();
    }
}
