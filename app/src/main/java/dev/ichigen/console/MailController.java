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

import dev.ichigen.channel.ChannelManagement;
import dev.ichigen.channel.SalesChannel;
import dev.ichigen.notification.CustomerMail;
import dev.ichigen.notification.MailKind;
import dev.ichigen.notification.MailSettings;
import dev.ichigen.notification.MailStatus;
import dev.ichigen.notification.MailTemplate;
import dev.ichigen.shared.ConflictException;
import dev.ichigen.shared.InvalidInputException;
import dev.ichigen.shared.NotFoundException;

/**
 * メール: the templates (shop default and channel overrides) with an editor and a live preview (htmx, against sample
 * values or a chosen order), the mail settings, and the outbox — list by status, one mail with its body, resend / mark
 * sent. ADMIN and OPERATOR.
 */
@Controller
@RequestMapping("/mail")
@PreAuthorize("hasAnyRole('ADMIN','OPERATOR')")
class MailController {

    private final CustomerMail mail;
    private final ChannelManagement channels;

    MailController(CustomerMail mail, ChannelManagement channels) {
        this.mail = mail;
        this.channels = channels;
    }

    @GetMapping
    String page(@RequestParam(required = false) String status, Model model) {
        MailStatus filter = parseStatus(status);
        model.addAttribute("templates", mail.templates());
        model.addAttribute("channelNames", channelNames());
        model.addAttribute("channels", channels.list());
        model.addAttribute("kinds", MailKind.values());
        model.addAttribute("statuses", MailStatus.values());
        model.addAttribute("counts", mail.counts());
        model.addAttribute("status", filter);
        model.addAttribute("outbox", mail.outbox(filter, null, 200));
        model.addAttribute("smtpConfigured", mail.smtpConfigured());
        if (!model.containsAttribute("settings")) {
            model.addAttribute("settings", mail.settings());
        }
        return "mail/list";
    }

    @PostMapping("/settings")
    String settings(@RequestParam(required = false) String fromAddress, @RequestParam(required = false) String fromName,
            @RequestParam(required = false) String followUpDays, Model model, RedirectAttributes redirect) {
        int days;
        try {
            days = Integer.parseInt(followUpDays == null ? "" : followUpDays.strip());
        } catch (NumberFormatException e) {
            days = 0;
        }
        try {
            mail.updateSettings(new MailSettings(fromAddress, fromName, days));
        } catch (InvalidInputException e) {
            model.addAttribute("settingsErrors", e.errors());
            model.addAttribute("settings", new MailSettings(fromAddress, fromName, days));
            return page(null, model);
        }
        redirect.addFlashAttribute(Notice.ATTRIBUTE, new Notice("mail.settings.saved", ""));
        return "redirect:/mail";
    }

    /** The "チャネル別に編集" form: kind and channel chosen in two selects. */
    @GetMapping("/templates/override")
    String override(@RequestParam String kind, @RequestParam long channelId) {
        return "redirect:/mail/templates/" + parseKind(kind).name() + "?channelId=" + channelId;
    }

    @GetMapping("/templates/{kind}")
    String edit(@PathVariable String kind, @RequestParam(required = false) Long channelId, Model model) {
        MailKind k = parseKind(kind);
        MailTemplate t = mail.template(k, channelId);
        MailTemplateForm form = new MailTemplateForm();
        form.setSubject(t.subject());
        form.setBody(t.body());
        form.setEnabled(t.enabled());
        model.addAttribute("form", form);
        return editor(k, channelId, model);
    }

    @PostMapping("/templates/{kind}")
    String save(@PathVariable String kind, @RequestParam(required = false) Long channelId,
            @ModelAttribute("form") MailTemplateForm form, BindingResult binding, Model model, RedirectAttributes redirect) {
        MailKind k = parseKind(kind);
        try {
            mail.saveTemplate(k, channelId, form.getSubject(), form.getBody(), form.isEnabled());
        } catch (InvalidInputException e) {
            FormErrors.reject(binding, e);
            return editor(k, channelId, model);
        }
        redirect.addFlashAttribute(Notice.ATTRIBUTE, new Notice("mail.template.saved", k.label()));
        return "redirect:/mail";
    }

    @PostMapping("/templates/{kind}/reset")
    String reset(@PathVariable String kind, @RequestParam(required = false) Long channelId, RedirectAttributes redirect) {
        MailKind k = parseKind(kind);
        mail.resetTemplate(k, channelId);
        redirect.addFlashAttribute(Notice.ATTRIBUTE, new Notice("mail.template.reset", k.label()));
        return "redirect:/mail";
    }

    /** htmx: the preview pane for the text being edited. */
    @PostMapping("/templates/{kind}/preview")
    String preview(@PathVariable String kind, @ModelAttribute("form") MailTemplateForm form, Model model) {
        MailKind k = parseKind(kind);
        try {
            model.addAttribute("preview", mail.preview(k, form.getSubject(), form.getBody(), form.getPreviewOrderId()));
        } catch (NotFoundException e) {
            model.addAttribute("previewError", e.getMessage());
        }
        return "mail/preview :: preview";
    }

    @GetMapping("/outbox/{id}")
    String mail(@PathVariable long id, Model model) {
        model.addAttribute("m", mail.mail(id));
        model.addAttribute("channelNames", channelNames());
        model.addAttribute("smtpConfigured", mail.smtpConfigured());
        return "mail/detail";
    }

    @PostMapping("/outbox/{id}/resend")
    String resend(@PathVariable long id, RedirectAttributes redirect) {
        try {
            mail.resend(id);
            redirect.addFlashAttribute(Notice.ATTRIBUTE, new Notice("mail.resent", String.valueOf(id)));
        } catch (ConflictException e) {
            redirect.addFlashAttribute("actionError", e.getMessage());
        }
        return "redirect:/mail/outbox/" + id;
    }

    @PostMapping("/outbox/{id}/mark-sent")
    String markSent(@PathVariable long id, @RequestParam(required = false) String note, RedirectAttributes redirect) {
        try {
            mail.markSent(id, note);
            redirect.addFlashAttribute(Notice.ATTRIBUTE, new Notice("mail.markedSent", String.valueOf(id)));
        } catch (ConflictException e) {
            redirect.addFlashAttribute("actionError", e.getMessage());
        }
        return "redirect:/mail/outbox/" + id;
    }

    private String editor(MailKind kind, Long channelId, Model model) {
        model.addAttribute("kind", kind);
        model.addAttribute("channelId", channelId);
        model.addAttribute("channelName", channelId == null ? null : channelNames().getOrDefault(channelId, "#" + channelId));
        model.addAttribute("override", channelId != null && mail.hasOverride(kind, channelId));
        model.addAttribute("shopSaved", channelId == null && mail.template(kind, null).updatedAt() != null);
        model.addAttribute("variables", kind.variables());
        return "mail/edit";
    }

    private Map<Long, String> channelNames() {
        Map<Long, String> names = new LinkedHashMap<>();
        List<SalesChannel> all = channels.list();
        all.forEach(c -> names.put(c.id(), c.name()));
        return names;
    }

    private static MailKind parseKind(String kind) {
        try {
            return MailKind.valueOf(kind);
        } catch (IllegalArgumentException e) {
            throw new NotFoundException("メールの種類 " + kind + " はありません");
        }
    }

    private static MailStatus parseStatus(String status) {
        if (status == null || status.isBlank()) {
            return null;
        }
        try {
            return MailStatus.valueOf(status);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
