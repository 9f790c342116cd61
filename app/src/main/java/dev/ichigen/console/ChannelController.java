package dev.ichigen.console;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import dev.ichigen.channel.ChannelConnections;
import dev.ichigen.channel.ChannelHealth;
import dev.ichigen.channel.ChannelManagement;
import dev.ichigen.channel.NewChannel;
import dev.ichigen.channel.Platform;
import dev.ichigen.channel.SalesChannel;
import dev.ichigen.shared.ConflictException;
import dev.ichigen.shared.FieldError;
import dev.ichigen.shared.InvalidInputException;
import dev.ichigen.shared.NotFoundException;

/**
 * 販売チャネル: list the stores, register one with its platform's credentials, replace the credentials.
 * Secrets are typed into password fields, sent once, and never rendered back (not even after an error:
 * the form comes back with the secret fields empty). Administrators only.
 */
@Controller
@RequestMapping("/settings/channels")
@PreAuthorize("hasRole('ADMIN')")
class ChannelController {

    private final ChannelManagement channels;
    private final ChannelConnections connections;

    ChannelController(ChannelManagement channels, ChannelConnections connections) {
        this.channels = channels;
        this.connections = connections;
    }

    /** Form fields are named like the API's JSON: {@code credentials[accessToken]} ↔ {@code credentials.accessToken}. */
    static class ChannelForm {
        private String name;
        private String code;
        private Map<String, String> credentials = new LinkedHashMap<>();

        public String getName() { return name; }
        public void setName(String name) { this.name = name; }
        public String getCode() { return code; }
        public void setCode(String code) { this.code = code; }
        public Map<String, String> getCredentials() { return credentials; }
        public void setCredentials(Map<String, String> credentials) { this.credentials = credentials; }

        Map<String, String> filledCredentials() {
            Map<String, String> filled = new LinkedHashMap<>();
            credentials.forEach((k, v) -> {
                if (v != null && !v.isBlank()) {
                    filled.put(k, v);
                }
            });
            return filled;
        }
    }

    @GetMapping
    String list(Model model) {
        model.addAttribute("channels", channels.list());
        model.addAttribute("platforms", Platform.values());
        Map<Long, ChannelHealth> health = new LinkedHashMap<>();
        connections.healthOfAll().forEach(h -> health.put(h.channelId(), h));
        model.addAttribute("health", health);
        return "settings/channels";
    }

    @GetMapping("/new")
    String newChannel(@RequestParam String platform, Model model) {
        Platform p = platform(platform);
        model.addAttribute("platform", p);
        model.addAttribute("fields", channels.credentialFields(p));
        model.addAttribute("form", new ChannelForm());
        return "settings/channel-new";
    }

    @PostMapping
    String register(@RequestParam String platform, @ModelAttribute("form") ChannelForm form, BindingResult binding,
            Model model, RedirectAttributes redirect) {
        Platform p = platform(platform);
        try {
            SalesChannel channel = channels.register(new NewChannel(p, form.getCode(), form.getName(), form.filledCredentials()));
            redirect.addFlashAttribute(Notice.ATTRIBUTE, new Notice("channels.created", channel.name()));
            return "redirect:/settings/channels";
        } catch (InvalidInputException e) {
            FormErrors.reject(binding, asFormFields(e));
        } catch (ConflictException e) {
            FormErrors.reject(binding, e);
        }
        clearSecrets(form, p);
        model.addAttribute("platform", p);
        model.addAttribute("fields", channels.credentialFields(p));
        return "settings/channel-new";
    }

    @GetMapping("/{id}")
    String edit(@PathVariable long id, Model model) {
        SalesChannel channel = find(id);
        model.addAttribute("channel", channel);
        model.addAttribute("fields", channels.credentialFields(channel.platform()));
        model.addAttribute("form", new ChannelForm());
        connectionModel(id, model);
        return "settings/channel-edit";
    }

    /** 接続テスト: one authenticated call through the channel's connector; the page shows the outcome. */
    @PostMapping("/{id}/connection-test")
    String testConnection(@PathVariable long id, Model model) {
        SalesChannel channel = find(id);
        model.addAttribute("connectionTest", connections.testConnection(id));
        model.addAttribute("channel", channel);
        model.addAttribute("fields", channels.credentialFields(channel.platform()));
        model.addAttribute("form", new ChannelForm());
        connectionModel(id, model);
        return "settings/channel-edit";
    }

    private void connectionModel(long id, Model model) {
        model.addAttribute("health", connections.health(id));
        model.addAttribute("calls", connections.calls(id, 20));
        model.addAttribute("stockSync", connections.stockSyncStatus(id, 20));
        model.addAttribute("writeBacks", connections.shipmentWriteBacks(id, 20));
    }

    @PostMapping("/{id}/credentials")
    String replaceCredentials(@PathVariable long id, @ModelAttribute("form") ChannelForm form, BindingResult binding,
            Model model, RedirectAttributes redirect) {
        SalesChannel channel = find(id);
        try {
            channels.replaceCredentials(id, form.filledCredentials());
            redirect.addFlashAttribute(Notice.ATTRIBUTE, new Notice("channels.credentialsSaved", channel.name()));
            return "redirect:/settings/channels/" + id;
        } catch (InvalidInputException e) {
            FormErrors.reject(binding, asFormFields(e));
        }
        clearSecrets(form, channel.platform());
        model.addAttribute("channel", channel);
        model.addAttribute("fields", channels.credentialFields(channel.platform()));
        connectionModel(id, model);
        return "settings/channel-edit";
    }

    private void clearSecrets(ChannelForm form, Platform platform) {
        channels.credentialFields(platform).stream().filter(f -> f.secret())
                .forEach(f -> form.getCredentials().remove(f.name()));
    }

    private static InvalidInputException asFormFields(InvalidInputException e) {
        List<FieldError> errors = e.errors().stream().map(f -> f.field().startsWith("credentials.")
                ? new FieldError("credentials[" + f.field().substring("credentials.".length()) + "]", f.message())
                : f).toList();
        return new InvalidInputException(errors);
    }

    private static Platform platform(String text) {
        Platform p = Platform.parse(text);
        if (p == null) {
            throw new NotFoundException("platform " + text);
        }
        return p;
    }

    private SalesChannel find(long id) {
        return channels.find(id).orElseThrow(() -> new NotFoundException("販売チャネル " + id));
    }
}
