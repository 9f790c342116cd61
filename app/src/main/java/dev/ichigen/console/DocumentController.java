package dev.ichigen.console;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import dev.ichigen.documents.DailyShippingSummaries;
import dev.ichigen.documents.DeliverySlips;
import dev.ichigen.documents.RenderedPdf;
import dev.ichigen.documents.ShopProfile;
import dev.ichigen.documents.ShopProfiles;
import dev.ichigen.shared.InvalidInputException;

/**
 * 帳票 in the console: the 納品書 of a shipment and the 出荷日報 as PDF (opened in the browser, ADMIN and OPERATOR like
 * the other 出荷 screens), and the ショップ情報 settings screen with the logo (ADMIN, under 設定).
 */
@Controller
class DocumentController {

    private final DeliverySlips slips;
    private final DailyShippingSummaries summaries;
    private final ShopProfiles profiles;

    DocumentController(DeliverySlips slips, DailyShippingSummaries summaries, ShopProfiles profiles) {
        this.slips = slips;
        this.summaries = summaries;
        this.profiles = profiles;
    }

    @GetMapping("/fulfillment/shipments/{key}/delivery-slip.pdf")
    @PreAuthorize("hasAnyRole('ADMIN','OPERATOR')")
    ResponseEntity<byte[]> deliverySlip(@PathVariable String key) {
        return pdf(slips.render(key));
    }

    @GetMapping("/fulfillment/daily-summary.pdf")
    @PreAuthorize("hasAnyRole('ADMIN','OPERATOR')")
    ResponseEntity<byte[]> dailySummary(@RequestParam(required = false) String date) {
        LocalDate day;
        try {
            day = date == null || date.isBlank() ? LocalDate.now(ZoneId.of("Asia/Tokyo")) : LocalDate.parse(date.strip());
        } catch (DateTimeParseException e) {
            throw new InvalidInputException("date", "日付は YYYY-MM-DD で指定してください: " + date);
        }
        return pdf(summaries.render(day));
    }

    private static ResponseEntity<byte[]> pdf(RenderedPdf rendered) {
        ResponseEntity.BodyBuilder b = ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.inline().filename(rendered.fileName()).build().toString())
                .contentType(MediaType.APPLICATION_PDF);
        if (!rendered.unprintable().isEmpty()) {
            b.header("X-Unprintable-Characters", rendered.unprintableHeader());
        }
        return b.body(rendered.content());
    }

    // ------------------------------------------------------------------ ショップ情報

    @GetMapping("/settings/shop-profile")
    @PreAuthorize("hasRole('ADMIN')")
    String shopProfile(Model model) {
        ShopProfile p = profiles.get();
        ShopProfileForm form = new ShopProfileForm();
        form.setShopName(p.shopName());
        form.setPostalCode(p.postalCode());
        form.setAddress(p.address());
        form.setPhone(p.phone());
        form.setEmail(p.email());
        form.setRegistrationNumber(p.registrationNumber());
        form.setSlipMessage(p.slipMessage());
        model.addAttribute("form", form);
        return show(model);
    }

    private String show(Model model) {
        model.addAttribute("profile", profiles.get());
        model.addAttribute("maxLogoKb", ShopProfiles.MAX_LOGO_BYTES / 1024);
        return "settings/shop-profile";
    }

    @PostMapping("/settings/shop-profile")
    @PreAuthorize("hasRole('ADMIN')")
    String saveShopProfile(@ModelAttribute("form") ShopProfileForm form, BindingResult result, Model model,
            RedirectAttributes redirect) {
        try {
            profiles.update(new ShopProfile(form.getShopName(), form.getPostalCode(), form.getAddress(), form.getPhone(),
                    form.getEmail(), form.getRegistrationNumber(), form.getSlipMessage(), false));
        } catch (InvalidInputException e) {
            FormErrors.reject(result, e);
            return show(model);
        }
        redirect.addFlashAttribute(Notice.ATTRIBUTE, new Notice("documents.shopProfile.saved", null));
        return "redirect:/settings/shop-profile";
    }

    @PostMapping("/settings/shop-profile/logo")
    @PreAuthorize("hasRole('ADMIN')")
    String uploadLogo(@RequestParam(name = "file", required = false) MultipartFile file, RedirectAttributes redirect)
            throws java.io.IOException {
        try {
            profiles.setLogo(file == null ? null : file.getBytes());
            redirect.addFlashAttribute(Notice.ATTRIBUTE, new Notice("documents.shopProfile.logoSaved", null));
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute("logoError", e.errors().getFirst().message());
        }
        return "redirect:/settings/shop-profile";
    }

    @PostMapping("/settings/shop-profile/logo/delete")
    @PreAuthorize("hasRole('ADMIN')")
    String removeLogo(RedirectAttributes redirect) {
        profiles.removeLogo();
        redirect.addFlashAttribute(Notice.ATTRIBUTE, new Notice("documents.shopProfile.logoRemoved", null));
        return "redirect:/settings/shop-profile";
    }

    @GetMapping("/settings/shop-profile/logo")
    @PreAuthorize("hasRole('ADMIN')")
    ResponseEntity<byte[]> logo() {
        return profiles.logo().map(l -> ResponseEntity.ok().contentType(MediaType.parseMediaType(l.contentType())).body(l.data()))
                .orElse(ResponseEntity.notFound().build());
    }
}
