package dev.ichigen.console;

import java.util.ArrayList;
import java.util.List;

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
import dev.ichigen.order.OrderRule;
import dev.ichigen.order.OrderRules;
import dev.ichigen.order.PaymentMethod;
import dev.ichigen.order.RuleActionType;
import dev.ichigen.order.RuleDraft;
import dev.ichigen.order.RuleDryRun;
import dev.ichigen.order.RuleField;
import dev.ichigen.order.RuleReapplySummary;
import dev.ichigen.shared.ConflictException;
import dev.ichigen.shared.FieldError;
import dev.ichigen.shared.InvalidInputException;

/**
 * 受注処理ルール: the list in evaluation order (enable/disable, move up/down, re-apply to open orders) and the
 * editor — conditions as one top-level group of sub-groups, actions, a dry run over the last orders (htmx,
 * before saving) and the version history. For ADMIN and OPERATOR.
 */
@Controller
@RequestMapping("/order-rules")
@PreAuthorize("hasAnyRole('ADMIN','OPERATOR')")
class OrderRuleController {

    /** An operator of a condition and the message key of its label ({@code rules.op.gt} for {@code >}). */
    record Op(String value, String key) {
    }

    static final List<Op> OPERATORS = List.of(new Op(">", "gt"), new Op(">=", "ge"), new Op("<", "lt"), new Op("<=", "le"),
            new Op("=", "eq"), new Op("in", "in"), new Op("notIn", "notIn"), new Op("equals", "equals"),
            new Op("startsWith", "startsWith"), new Op("contains", "contains"), new Op("empty", "empty"),
            new Op("notEmpty", "notEmpty"), new Op("present", "present"), new Op("absent", "absent"),
            new Op("withinDays", "withinDays"), new Op("has", "has"), new Op("hasNot", "hasNot"));

    private final OrderRules rules;
    private final ChannelManagement channels;

    OrderRuleController(OrderRules rules, ChannelManagement channels) {
        this.rules = rules;
        this.channels = channels;
    }

    @GetMapping
    String list(Model model) {
        model.addAttribute("rules", rules.list(false));
        return "order-rules/list";
    }

    @GetMapping("/new")
    String create(Model model) {
        return editor(new OrderRuleForm().pad(), null, model);
    }

    @GetMapping("/{id}")
    String edit(@PathVariable long id, Model model) {
        return editor(OrderRuleForm.of(rules.get(id)), id, model);
    }

    @PostMapping("/new")
    String save(@ModelAttribute("form") OrderRuleForm form, BindingResult binding, Model model, RedirectAttributes redirect) {
        return save(null, form, binding, model, redirect);
    }

    @PostMapping("/{id}")
    String update(@PathVariable long id, @ModelAttribute("form") OrderRuleForm form, BindingResult binding, Model model,
            RedirectAttributes redirect) {
        return save(id, form, binding, model, redirect);
    }

    private String save(Long id, OrderRuleForm form, BindingResult binding, Model model, RedirectAttributes redirect) {
        List<FieldError> formErrors = new ArrayList<>();
        RuleDraft draft = form.toDraft(formErrors);
        try {
            if (!formErrors.isEmpty()) {
                throw new InvalidInputException(formErrors);
            }
            OrderRule saved = id == null ? rules.create(draft) : rules.update(id, draft);
            redirect.addFlashAttribute(Notice.ATTRIBUTE, new Notice("rules.saved", saved.name() + " v" + saved.version()));
            return "redirect:/order-rules/" + saved.id();
        } catch (InvalidInputException e) {
            reject(binding, form, e);
        } catch (ConflictException e) {
            FormErrors.reject(binding, e);
        }
        return editor(form.pad(), id, model);
    }

    /** ドライラン of the form as it stands (unsaved): the result table, or the problems, as an htmx fragment. */
    @PostMapping("/dry-run")
    String dryRun(@ModelAttribute("form") OrderRuleForm form, Model model) {
        List<FieldError> formErrors = new ArrayList<>();
        RuleDraft draft = form.toDraft(formErrors);
        try {
            if (!formErrors.isEmpty()) {
                throw new InvalidInputException(formErrors);
            }
            RuleDryRun result = rules.dryRun(draft, form.getN());
            model.addAttribute("result", result);
        } catch (InvalidInputException e) {
            model.addAttribute("dryRunErrors", e.errors().stream()
                    .map(x -> form.formField(x.field()) + ": " + x.message()).toList());
        }
        return "order-rules/dry-run :: result";
    }

    @PostMapping("/{id}/enabled")
    String enabled(@PathVariable long id, @RequestParam boolean enabled, RedirectAttributes redirect) {
        OrderRule r = rules.setEnabled(id, enabled);
        redirect.addFlashAttribute(Notice.ATTRIBUTE, new Notice(enabled ? "rules.enabledNotice" : "rules.disabledNotice", r.name()));
        return "redirect:/order-rules";
    }

    @PostMapping("/{id}/move")
    String move(@PathVariable long id, @RequestParam int direction) {
        rules.move(id, direction);
        return "redirect:/order-rules";
    }

    @PostMapping("/{id}/delete")
    String delete(@PathVariable long id, RedirectAttributes redirect) {
        String name = rules.get(id).name();
        rules.delete(id);
        redirect.addFlashAttribute(Notice.ATTRIBUTE, new Notice("rules.deleted", name));
        return "redirect:/order-rules";
    }

    @PostMapping("/reapply")
    String reapply(RedirectAttributes redirect) {
        RuleReapplySummary s = rules.reapply();
        redirect.addFlashAttribute(Notice.ATTRIBUTE, new Notice("rules.reapplied",
                s.examined() + " / " + s.statusChanged() + " / " + s.onHold() + " / " + s.failed()));
        return "redirect:/order-rules";
    }

    private String editor(OrderRuleForm form, Long id, Model model) {
        model.addAttribute("form", form);
        model.addAttribute("ruleId", id);
        if (id != null) {
            model.addAttribute("rule", rules.get(id));
            model.addAttribute("versions", rules.versions(id));
        }
        model.addAttribute("fields", RuleField.values());
        model.addAttribute("operators", OPERATORS);
        model.addAttribute("actionTypes", RuleActionType.values());
        model.addAttribute("paymentMethods", PaymentMethod.values());
        model.addAttribute("channels", channels.list());
        return "order-rules/edit";
    }

    private static void reject(BindingResult binding, OrderRuleForm form, InvalidInputException e) {
        List<FieldError> mapped = e.errors().stream().map(x -> new FieldError(form.formField(x.field()), x.message())).toList();
        FormErrors.reject(binding, new InvalidInputException(mapped));
    }
}
