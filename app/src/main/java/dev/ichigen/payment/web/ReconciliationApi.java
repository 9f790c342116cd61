package dev.ichigen.payment.web;

import java.util.List;

import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import dev.ichigen.payment.BankReconciliation;
import dev.ichigen.payment.StatementLayout;
import dev.ichigen.payment.StatementLine;
import dev.ichigen.payment.StatementUpload;
import dev.ichigen.shared.InvalidInputException;
import dev.ichigen.shared.csv.CsvEncoding;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Bank reconciliation (入金消込) over REST. ADMIN and OPERATOR. */
@RestController
@RequestMapping("/api/v1")
@PreAuthorize("hasAnyRole('ADMIN','OPERATOR')")
@Tag(name = "bank reconciliation", description = "入金消込: bank statement uploads, review of unclear credits")
class ReconciliationApi {

    /** What a person sends to confirm a line: the order it pays and an optional note (e.g. about a difference). */
    record MatchRequest(Long orderId, String note) {
    }

    record DismissRequest(String note) {
    }

    private final BankReconciliation reconciliation;

    ReconciliationApi(BankReconciliation reconciliation) {
        this.reconciliation = reconciliation;
    }

    @PostMapping(value = "/bank-statements", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(summary = "Upload a bank statement CSV (multipart field 'file') and match its credits",
            description = "Columns by header (generic layout: 日付, 入金額/金額, 出金額, 振込依頼人名/摘要) or named with "
                    + "dateColumn/creditColumn/debitColumn/payerColumn. encoding=auto|cp932|utf8. account names the statement "
                    + "source (lines are known per account). Lines uploaded before are counted as known and never matched twice.")
    StatementUpload upload(@RequestParam("file") MultipartFile file, @RequestParam(required = false) String account,
            @RequestParam(defaultValue = "auto") String encoding, @RequestParam(required = false) String dateColumn,
            @RequestParam(required = false) String creditColumn, @RequestParam(required = false) String debitColumn,
            @RequestParam(required = false) String payerColumn) {
        if (file.isEmpty()) {
            throw new InvalidInputException("file", "ファイルを指定してください");
        }
        CsvEncoding enc;
        try {
            enc = encoding.equalsIgnoreCase("auto") ? null : CsvEncoding.parse(encoding, null);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("encoding", "auto・cp932・utf8 のいずれかを指定してください: " + encoding);
        }
        if (enc == CsvEncoding.UTF8_BOM) {
            enc = CsvEncoding.UTF8; // the byte order mark is skipped either way
        }
        return reconciliation.upload(file::getInputStream, account,
                StatementLayout.GENERIC.with(dateColumn, creditColumn, debitColumn, payerColumn), enc);
    }

    @GetMapping("/bank-statement-lines")
    @Operation(summary = "Statement lines by state (REVIEW, UNMATCHED, MATCHED, DISMISSED; all when absent), newest first")
    List<StatementLine> lines(@RequestParam(required = false) String state) {
        StatementLine.State s = null;
        if (state != null && !state.isBlank()) {
            try {
                s = StatementLine.State.valueOf(state.strip().toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("state", "REVIEW・UNMATCHED・MATCHED・DISMISSED のいずれかです: " + state);
            }
        }
        return reconciliation.lines(s);
    }

    @GetMapping("/bank-statement-lines/{id}")
    @Operation(summary = "One statement line with its candidates")
    StatementLine line(@PathVariable long id) {
        return reconciliation.get(id);
    }

    @PostMapping("/bank-statement-lines/{id}/match")
    @Operation(summary = "Confirm that the line pays an order (the order becomes PAID; audited)",
            description = "409 when the line is already matched/dismissed or the order is not waiting for payment.")
    StatementLine match(@PathVariable long id, @RequestBody MatchRequest request) {
        if (request == null || request.orderId() == null) {
            throw new InvalidInputException("orderId", "受注を指定してください");
        }
        return reconciliation.match(id, request.orderId(), request.note());
    }

    @PostMapping("/bank-statement-lines/{id}/dismiss")
    @Operation(summary = "Mark the line as not an order payment (audited)")
    StatementLine dismiss(@PathVariable long id, @RequestBody(required = false) DismissRequest request) {
        return reconciliation.dismiss(id, request == null ? null : request.note());
    }
}
