package dev.ichigen.console;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

import dev.ichigen.platform.AuditLog;

/** 監査ログ: every recorded change, newest first, filtered by entity type, entity id and actor. */
@Controller
@RequestMapping("/settings/audit-log")
@PreAuthorize("hasRole('ADMIN')")
class AuditLogController {

    static final int PAGE_SIZE = 50;

    private final AuditLog audit;

    AuditLogController(AuditLog audit) {
        this.audit = audit;
    }

    @GetMapping
    String list(@RequestParam(defaultValue = "") String entityType, @RequestParam(defaultValue = "") String entityId,
            @RequestParam(defaultValue = "") String actor, @RequestParam(defaultValue = "0") int page, Model model) {
        model.addAttribute("entityType", entityType.strip());
        model.addAttribute("entityId", entityId.strip());
        model.addAttribute("actor", actor.strip());
        model.addAttribute("entries",
                audit.search(entityType.strip(), entityId.strip(), actor.strip(), Math.max(0, page), PAGE_SIZE));
        return "settings/audit-log";
    }
}
