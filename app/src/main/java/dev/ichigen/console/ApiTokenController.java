package dev.ichigen.console;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import dev.ichigen.platform.ApiToken;
import dev.ichigen.platform.ApiTokenManagement;
import dev.ichigen.platform.IssuedToken;
import dev.ichigen.platform.Role;
import dev.ichigen.shared.InvalidInputException;
import dev.ichigen.shared.NotFoundException;

/**
 * APIトークン: list, issue, revoke. The secret of a new token is rendered once, straight into the
 * answer to the POST — never put into the session or a redirect, so it cannot be shown again.
 */
@Controller
@RequestMapping("/settings/tokens")
@PreAuthorize("hasRole('ADMIN')")
class ApiTokenController {

    private final ApiTokenManagement tokens;

    ApiTokenController(ApiTokenManagement tokens) {
        this.tokens = tokens;
    }

    static class IssueTokenForm {
        private String name;
        private Role role = Role.OPERATOR;

        public String getName() { return name; }
        public void setName(String name) { this.name = name; }
        public Role getRole() { return role; }
        public void setRole(Role role) { this.role = role; }
    }

    @ModelAttribute("roles")
    Role[] roles() {
        return Role.values();
    }

    @GetMapping
    String list(Model model) {
        model.addAttribute("form", new IssueTokenForm());
        model.addAttribute("tokens", tokens.list());
        return "settings/tokens";
    }

    @PostMapping
    String issue(@ModelAttribute("form") IssueTokenForm form, BindingResult binding, Model model) {
        if (!binding.hasErrors()) {
            try {
                IssuedToken issued = tokens.issue(form.getName(), form.getRole());
                model.addAttribute("issued", issued);
                return "settings/token-issued";
            } catch (InvalidInputException e) {
                FormErrors.reject(binding, e);
            }
        }
        model.addAttribute("tokens", tokens.list());
        return "settings/tokens";
    }

    /**
     * Revokes and answers the updated table row for htmx ({@code hx-post}, {@code hx-swap="outerHTML"});
     * a plain form post is redirected back to the list.
     */
    @PostMapping("/{id}/revoke")
    String revoke(@PathVariable long id, @RequestHeader(name = "HX-Request", required = false) String htmx,
            Model model, RedirectAttributes redirect) {
        tokens.revoke(id);
        ApiToken token = tokens.list().stream().filter(t -> t.id() == id).findFirst()
                .orElseThrow(() -> new NotFoundException("no API token " + id));
        if ("true".equals(htmx)) {
            model.addAttribute("t", token);
            return "settings/token-row :: row";
        }
        redirect.addFlashAttribute(Notice.ATTRIBUTE, new Notice("tokens.revoked", token.name()));
        return "redirect:/settings/tokens";
    }
}
