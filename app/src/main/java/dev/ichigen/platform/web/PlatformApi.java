package dev.ichigen.platform.web;

import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import dev.ichigen.platform.ApiTokenManagement;
import dev.ichigen.platform.AuditEntry;
import dev.ichigen.platform.AuditLog;
import dev.ichigen.platform.Page;
import dev.ichigen.platform.Role;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Who am I, API tokens and the audit log over REST. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "platform", description = "Identity, API tokens, audit log")
class PlatformApi {

    private final ApiTokenManagement tokens;
    private final AuditLog audit;

    PlatformApi(ApiTokenManagement tokens, AuditLog audit) {
        this.tokens = tokens;
        this.audit = audit;
    }

    @GetMapping("/me")
    @Operation(summary = "The caller's identity and roles")
    Map<String, Object> me(Authentication auth) {
        return Map.of("name", auth.getName(),
                "roles", auth.getAuthorities().stream().map(a -> a.getAuthority().replace("ROLE_", "")).toList());
    }

    record NewToken(String name, Role role) {
    }

    @PostMapping("/tokens")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "Issue an API token; the secret is in the answer and never shown again")
    Map<String, Object> issue(@RequestBody NewToken request) {
        var issued = tokens.issue(request.name(), request.role());
        return Map.of("id", issued.token().id(), "name", issued.token().name(), "role", issued.token().role(),
                "secret", issued.secret());
    }

    @GetMapping("/audit-log")
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "Audit log, newest first")
    Page<AuditEntry> auditLog(@RequestParam(required = false) String entityType,
            @RequestParam(required = false) String entityId, @RequestParam(required = false) String actor,
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        return audit.search(entityType, entityId, actor, Math.max(0, page), Math.clamp(size, 1, 500));
    }
}
