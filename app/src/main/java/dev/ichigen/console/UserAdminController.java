package dev.ichigen.console;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriUtils;

import dev.ichigen.platform.AppUser;
import dev.ichigen.platform.Role;
import dev.ichigen.platform.UserManagement;
import dev.ichigen.shared.ConflictException;
import dev.ichigen.shared.InvalidInputException;
import dev.ichigen.shared.NotFoundException;

/** ユーザー管理: list, create, change display name/role/enabled, set a password. Administrators only. */
@Controller
@RequestMapping("/settings/users")
@PreAuthorize("hasRole('ADMIN')")
class UserAdminController {

    private final UserManagement users;

    UserAdminController(UserManagement users) {
        this.users = users;
    }

    /** New user form; field names are those of {@link UserManagement#create}'s errors. */
    static class NewUserForm {
        private String username;
        private String displayName;
        private Role role = Role.OPERATOR;
        private String password;

        public String getUsername() { return username; }
        public void setUsername(String username) { this.username = username; }
        public String getDisplayName() { return displayName; }
        public void setDisplayName(String displayName) { this.displayName = displayName; }
        public Role getRole() { return role; }
        public void setRole(Role role) { this.role = role; }
        public String getPassword() { return password; }
        public void setPassword(String password) { this.password = password; }
    }

    static class EditUserForm {
        private String displayName;
        private Role role;
        private boolean enabled;

        public String getDisplayName() { return displayName; }
        public void setDisplayName(String displayName) { this.displayName = displayName; }
        public Role getRole() { return role; }
        public void setRole(Role role) { this.role = role; }
        public boolean isEnabled() { return enabled; }
        public void setEnabled(boolean enabled) { this.enabled = enabled; }

        static EditUserForm of(AppUser user) {
            EditUserForm form = new EditUserForm();
            form.displayName = user.displayName();
            form.role = user.role();
            form.enabled = user.enabled();
            return form;
        }
    }

    static class PasswordForm {
        private String password;

        public String getPassword() { return password; }
        public void setPassword(String password) { this.password = password; }
    }

    @ModelAttribute("roles")
    Role[] roles() {
        return Role.values();
    }

    @GetMapping
    String list(Model model) {
        model.addAttribute("users", users.list());
        return "settings/users";
    }

    @GetMapping("/new")
    String newUser(Model model) {
        model.addAttribute("form", new NewUserForm());
        return "settings/user-new";
    }

    @PostMapping
    String create(@ModelAttribute("form") NewUserForm form, BindingResult binding, RedirectAttributes redirect) {
        if (binding.hasErrors()) {
            return "settings/user-new";
        }
        try {
            AppUser user = users.create(form.getUsername(), form.getDisplayName(), form.getRole(), form.getPassword());
            redirect.addFlashAttribute(Notice.ATTRIBUTE, new Notice("users.created", user.username()));
            return "redirect:/settings/users";
        } catch (InvalidInputException e) {
            FormErrors.reject(binding, e);
        } catch (ConflictException e) {
            FormErrors.reject(binding, e);
        }
        form.setPassword(null);
        return "settings/user-new";
    }

    @GetMapping("/{username}")
    String edit(@PathVariable String username, Model model) {
        AppUser user = find(username);
        model.addAttribute("user", user);
        model.addAttribute("form", EditUserForm.of(user));
        model.addAttribute("passwordForm", new PasswordForm());
        return "settings/user-edit";
    }

    @PostMapping("/{username}")
    String update(@PathVariable String username, @ModelAttribute("form") EditUserForm form, BindingResult binding,
            Model model, RedirectAttributes redirect) {
        AppUser user = find(username);
        if (!binding.hasErrors()) {
            try {
                if (form.getRole() == null) {
                    throw new InvalidInputException("role", "must be ADMIN, OPERATOR or WAREHOUSE");
                }
                users.update(username, form.getDisplayName(), form.getRole(), form.isEnabled());
                redirect.addFlashAttribute(Notice.ATTRIBUTE, new Notice("users.updated", username));
                return "redirect:/settings/users";
            } catch (InvalidInputException e) {
                FormErrors.reject(binding, e);
            } catch (ConflictException e) {
                FormErrors.reject(binding, e);
            }
        }
        model.addAttribute("user", user);
        model.addAttribute("passwordForm", new PasswordForm());
        return "settings/user-edit";
    }

    @PostMapping("/{username}/password")
    String changePassword(@PathVariable String username, @ModelAttribute("passwordForm") PasswordForm form,
            BindingResult binding, Model model, RedirectAttributes redirect) {
        AppUser user = find(username);
        try {
            users.changePassword(username, form.getPassword());
            redirect.addFlashAttribute(Notice.ATTRIBUTE, new Notice("users.passwordChanged", username));
            return "redirect:/settings/users/" + UriUtils.encodePathSegment(username, java.nio.charset.StandardCharsets.UTF_8);
        } catch (InvalidInputException e) {
            FormErrors.reject(binding, e);
        }
        form.setPassword(null);
        model.addAttribute("user", user);
        model.addAttribute("form", EditUserForm.of(user));
        return "settings/user-edit";
    }

    private AppUser find(String username) {
        return users.find(username).orElseThrow(() -> new NotFoundException("no user " + username));
    }
}
