package dev.ichigen.inventory.web;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.ichigen.inventory.InventoryManagement;
import dev.ichigen.inventory.ReservationRequest;
import dev.ichigen.inventory.ReservationResult;
import dev.ichigen.shared.FieldError;
import dev.ichigen.shared.InvalidInputException;
import dev.ichigen.shared.Sku;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Reservations (引当) of order lines. */
@RestController
@RequestMapping("/api/v1/reservations")
@Tag(name = "reservations", description = "Reserve stock for order lines (all or nothing) and release it")
class ReservationApi {

    private final InventoryManagement inventory;

    ReservationApi(InventoryManagement inventory) {
        this.inventory = inventory;
    }

    record Line(String lineRef, String sku, Long quantity) {
    }

    record Request(String orderRef, String warehouse, List<Line> lines) {
    }

    @PostMapping
    @PreAuthorize("hasAnyRole('ADMIN','OPERATOR')")
    @Operation(summary = "引当: reserve all lines of an order in one warehouse, or nothing",
            description = "201 when reserved (200 when every line was reserved before); 409 with shortfalls "
                    + "[{warehouse, sku, requested, available}] when stock is short. Set lines reserve their components.")
    ResponseEntity<?> reserve(@RequestBody Request body) {
        List<FieldError> errors = new ArrayList<>();
        List<ReservationRequest> lines = new ArrayList<>();
        List<Line> given = body.lines() == null ? List.of() : body.lines();
        for (int i = 0; i < given.size(); i++) {
            Line l = given.get(i);
            if (l.sku() == null || !Sku.isValid(l.sku())) {
                errors.add(new FieldError("lines[" + i + "].sku", "must be a valid SKU"));
                continue;
            }
            if (l.quantity() == null) {
                errors.add(new FieldError("lines[" + i + "].quantity", "is required"));
                continue;
            }
            lines.add(new ReservationRequest(l.lineRef(), Sku.of(l.sku()), l.quantity()));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        ReservationResult result = inventory.reserveAll(body.orderRef(), lines, body.warehouse());
        return switch (result) {
            case ReservationResult.Reserved r -> ResponseEntity
                    .status(r.lines().stream().allMatch(ReservationResult.ReservedLine::alreadyReserved) ? HttpStatus.OK
                            : HttpStatus.CREATED)
                    .body(Views.Reservation.of(r));
            case ReservationResult.Shortage s -> {
                ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, s.shortfalls().isEmpty()
                        ? "not enough stock"
                        : "not enough stock: " + s.shortfalls().getFirst().sku() + " needs "
                                + s.shortfalls().getFirst().requested() + ", " + s.shortfalls().getFirst().available()
                                + " available in " + s.shortfalls().getFirst().warehouse());
                p.setTitle("Not enough stock");
                p.setType(URI.create("https://ichigen.dev/problems/not-enough-stock"));
                p.setProperty("orderRef", s.orderRef());
                p.setProperty("shortfalls", Views.Shortfall.of(s));
                yield ResponseEntity.status(HttpStatus.CONFLICT).body(p);
            }
        };
    }

    @GetMapping("/{orderRef}")
    @PreAuthorize("hasAnyRole('ADMIN','OPERATOR','WAREHOUSE')")
    @Operation(summary = "The reservations of an order by line (ACTIVE, RELEASED, SHIPPED)")
    List<Views.LineReservation> reservations(@PathVariable String orderRef) {
        return inventory.reservations(orderRef).stream().map(Views.LineReservation::of).toList();
    }

    @DeleteMapping("/{orderRef}/{lineRef}")
    @PreAuthorize("hasAnyRole('ADMIN','OPERATOR')")
    @Operation(summary = "引当解除: release an order line (204; releasing again is a no-op)")
    ResponseEntity<Void> release(@PathVariable String orderRef, @PathVariable String lineRef) {
        inventory.release(orderRef, lineRef);
        return ResponseEntity.noContent().build();
    }
}
