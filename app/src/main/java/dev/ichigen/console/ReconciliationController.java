package dev.ichigen.console;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import dev.ichigen.payment.BankReconciliation;
import dev.ichigen.payment.StatementLayout;
import dev.ichigen.payment.StatementLine;
import dev.ichigen.payment.StatementUpload;
import dev.ichigen.shared.ConflictException;
import dev.ichigen.shared.InvalidInputException;
import dev.ichigen.shared.csv.CsvEncoding;

/**
 * 入金消込: upload a bank statement, read the summary, and review the unclear credits — each with its ranked
 * candidate orders and buttons to confirm one or to dismiss the line (htmx, the card is answered re-rendered);
 * the credits without candidate can be matched by order id or dismissed. ADMIN and OPERATOR.
 */
@Controller
@RequestMapping("/payments/reconciliation")
@PreAuthorize("hasAnyRole('ADMIN','OPERATOR')")
class ReconciliationController {

    private final BankReconciliation reconciliation;

    ReconciliationController(BankReconciliation reconciliation) {
        this.reconciliation = reconciliation;
    }

    @GetMapping
    String page(Model model) {
        return page(model, "");
    }

    @PostMapping
    String upload(@RequestParam(name = "file", required = false) MultipartFile file,
            @RequestParam(required = false) String account, @RequestParam(defaultValue = "auto") String encoding,
            @RequestParam(required = false) String dateColumn, @RequestParam(required = false) String creditColumn,
            @RequestParam(required = false) String payerColumn, Model model) {
        model.addAttribute("account", account);
        if (file == null || file.isEmpty()) {
            model.addAttribute("uploadError", "ファイルを選んでください");
            return page(model, account);
        }
        CsvEncoding enc = switch (encoding) {
            case "cp932" -> CsvEncoding.CP932;
            case "utf8" -> CsvEncoding.UTF8;
            default -> null;
        };
        try {
            StatementUpload summary = reconciliation.upload(file::getInputStream, account,
                    StatementLayout.GENERIC.with(dateColumn, creditColumn, null, payerColumn), enc);
            model.addAttribute("summary", summary);
        } catch (InvalidInputException e) {
            model.addAttribute("uploadError", e.errors().getFirst().message());
        }
        return page(model, account);
    }

    @PostMapping("/lines/{id}/match")
    String match(@PathVariable long id, @RequestParam(required = false) Long orderId,
            @RequestParam(required = false) String note, @RequestHeader(name = "HX-Request", required = false) String htmx,
            Model model, RedirectAttributes redirect) {
        String error = null;
        try {
            if (orderId == null) {
                throw new InvalidInputException("orderId", "受注を指定してください");
            }
            reconciliation.match(id, orderId, note);
        } catch (InvalidInputException e) {
            error = e.errors().getFirst().message();
        } catch (ConflictException e) {
            error = e.getMessage();
        }
        return answer(id, error, htmx, model, redirect, "reconciliation.matched");
    }

    @PostMapping("/lines/{id}/dismiss")
    String dismiss(@PathVariable long id, @RequestParam(required = false) String note,
            @RequestHeader(name = "HX-Request", required = false) String htmx, Model model, RedirectAttributes redirect) {
        String error = null;
        try {
            reconciliation.dismiss(id, note);
        } catch (ConflictException e) {
            error = e.getMessage();
        }
        return answer(id, error, htmx, model, redirect, "reconciliation.dismissed");
    }

    private String answer(long id, String error, String htmx, Model model, RedirectAttributes redirect, String notice) {
        if ("true".equals(htmx)) {
            model.addAttribute("l", reconciliation.get(id));
            model.addAttribute("lineError", error);
            return "payments/reconciliation-line :: line";
        }
        if (error == null) {
            redirect.addFlashAttribute(Notice.ATTRIBUTE, new Notice(notice, String.valueOf(id)));
        }
        return "redirect:/payments/reconciliation";
    }

    private String page(Model model, String account) {
        model.addAttribute("review", reconciliation.lines(StatementLine.State.REVIEW));
        model.addAttribute("unmatched", reconciliation.lines(StatementLine.State.UNMATCHED));
        model.addAttribute("layout", StatementLayout.GENERIC);
        model.addAttribute("account", account);
        return "payments/reconciliation";
    }
}
