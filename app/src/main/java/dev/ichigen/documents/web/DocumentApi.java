package dev.ichigen.documents.web;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.ichigen.documents.DailyShippingSummaries;
import dev.ichigen.documents.DeliverySlips;
import dev.ichigen.documents.RenderedPdf;
import dev.ichigen.shared.InvalidInputException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** 納品書 and 出荷日報 as PDF. ADMIN and OPERATOR, like the other shipment endpoints. */
@RestController
@RequestMapping("/api/v1/shipments")
@PreAuthorize("hasAnyRole('ADMIN','OPERATOR')")
@Tag(name = "documents", description = "納品書・出荷日報 (PDF)")
class DocumentApi {

    /** Response header listing the characters printed as 〓 (code point and field), absent when there are none. */
    static final String UNPRINTABLE_HEADER = "X-Unprintable-Characters";

    private final DeliverySlips slips;
    private final DailyShippingSummaries summaries;

    DocumentApi(DeliverySlips slips, DailyShippingSummaries summaries) {
        this.slips = slips;
        this.summaries = summaries;
    }

    @GetMapping(value = "/{id}/delivery-slip.pdf", produces = MediaType.APPLICATION_PDF_VALUE)
    @Operation(summary = "納品書 (delivery slip) of a shipment as PDF",
            description = "{id} is the shipment key (S000123) or its number (123). A4 PDF in Japanese with the font shipped "
                    + "in the app (IPAex Gothic): shop profile and logo, recipient and orderer, order numbers and dates, a Code128 "
                    + "barcode of the shipment key, lines with ※ on 軽減税率 lines, fees, discounts, points, totals and insert flyers. "
                    + "When the shop profile has a 適格請求書発行事業者 registration number (T + 13 digits) the slip also shows it "
                    + "and the total and consumption tax per rate (10% / 8%), the tax rounded down once per rate for the slip, "
                    + "never per line. Characters the font lacks are printed as 〓 and listed in the X-Unprintable-Characters "
                    + "header (e.g. `U+20BB7 recipient.name`) and at the foot of the slip. 404 for an unknown shipment.")
    ResponseEntity<byte[]> deliverySlip(@PathVariable String id) {
        return pdf(slips.render(id));
    }

    @GetMapping(value = "/daily-summary.pdf", produces = MediaType.APPLICATION_PDF_VALUE)
    @Operation(summary = "出荷日報: the shipments marked shipped on a date (Japan time), per carrier with counts and tracking numbers",
            description = "?date=YYYY-MM-DD (today in Japan when absent). Same font and 〓 rule as the delivery slip.")
    ResponseEntity<byte[]> dailySummary(@RequestParam(required = false) String date) {
        return pdf(summaries.render(date(date)));
    }

    static LocalDate date(String date) {
        if (date == null || date.isBlank()) {
            return LocalDate.now(java.time.ZoneId.of("Asia/Tokyo"));
        }
        try {
            return LocalDate.parse(date.strip());
        } catch (DateTimeParseException e) {
            throw new InvalidInputException("date", "日付は YYYY-MM-DD で指定してください: " + date);
        }
    }

    /** The PDF inline (browsers show it), with the 〓 header when characters were replaced. */
    static ResponseEntity<byte[]> pdf(RenderedPdf rendered) {
        ResponseEntity.BodyBuilder b = ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.inline().filename(rendered.fileName()).build().toString())
                .contentType(MediaType.APPLICATION_PDF);
        if (!rendered.unprintable().isEmpty()) {
            b.header(UNPRINTABLE_HEADER, rendered.unprintableHeader());
        }
        return b.body(rendered.content());
    }
}
