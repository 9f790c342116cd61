package dev.ichigen.address.web;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.ichigen.address.AddressCheck;
import dev.ichigen.address.AddressVerification;
import dev.ichigen.address.PostalArea;
import dev.ichigen.address.PostalCode;
import dev.ichigen.address.PostalCodeImports;
import dev.ichigen.address.PostalCodes;
import dev.ichigen.address.PostalDataSet;
import dev.ichigen.address.PostalImportReport;
import dev.ichigen.address.RemoteArea;
import dev.ichigen.address.RemoteAreas;
import dev.ichigen.shared.NotFoundException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Postal codes (郵便番号) over REST: lookup for every role, address checks, and the data refresh for ADMIN. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "postal codes", description = "Japan Post postal code data (郵便番号): lookup, address check, data refresh")
class PostalCodeApi {

    private final PostalCodes postalCodes;
    private final PostalCodeImports imports;
    private final AddressVerification verification;
    private final RemoteAreas remoteAreas;

    PostalCodeApi(PostalCodes postalCodes, PostalCodeImports imports, AddressVerification verification,
            RemoteAreas remoteAreas) {
        this.postalCodes = postalCodes;
        this.imports = imports;
        this.verification = verification;
        this.remoteAreas = remoteAreas;
    }

    /** One area of a code. {@code rawTown}: Japan Post's town string with its notes, only after an import and when it differs. */
    record AreaJson(String prefecture, String city, String town, String prefectureKana, String cityKana, String townKana,
            @JsonInclude(JsonInclude.Include.NON_NULL) String rawTown) {

        static AreaJson of(PostalArea a) {
            return new AreaJson(a.prefecture(), a.city(), a.town(), a.prefectureKana(), a.cityKana(), a.townKana(), a.rawTown());
        }
    }

    record PostalCodeJson(String code, List<AreaJson> areas) {
    }

    @GetMapping("/postal-codes/{code}")
    @Operation(summary = "The prefecture, city and town of a postal code",
            description = "code: 7 digits, with or without hyphen, full-width digits and a 〒 mark accepted (URL-encoded). "
                    + "Every area of the code, in Japan Post's order: a code may stand for several towns, or towns in two "
                    + "prefectures (4980000). town is empty when the code covers the whole city (以下に掲載がない場合). Kana is "
                    + "full-width katakana. 404 when the code is not in the data; 422 naming the field 'code' when it is not "
                    + "7 digits. Any role.")
    PostalCodeJson lookup(@PathVariable String code) {
        PostalCode parsed = PostalCode.parse(code, "code");
        List<PostalArea> areas = postalCodes.lookup(parsed);
        if (areas.isEmpty()) {
            throw new NotFoundException("郵便番号 " + parsed.formatted() + " は日本郵便のデータにありません");
        }
        return new PostalCodeJson(parsed.value(), areas.stream().map(AreaJson::of).toList());
    }

    @GetMapping("/postal-codes")
    @Operation(summary = "The postal code data in use: origin (BUNDLED or IMPORTED), source and date, rows, codes, when and by whom loaded")
    PostalDataSet dataSet() {
        return postalCodes.dataSet();
    }

    @PostMapping(value = "/postal-codes/imports", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "Replace the postal code data with Japan Post's file (multipart field 'file')",
            description = "住所の郵便番号: KEN_ALL.CSV (Shift_JIS), utf_ken_all.csv (UTF-8), or the zip Japan Post distributes "
                    + "(ken_all.zip, utf_ken_all.zip). 200 with status IMPORTED, or UNCHANGED when the data is already "
                    + "exactly the file's; 422 with status REJECTED (errors[] name line, column and reason; nothing "
                    + "written) or UNREADABLE. A file not covering all 47 prefectures is rejected unless partial=true. "
                    + "Recorded in the audit log. ADMIN only.")
    ResponseEntity<PostalImportReport> importFile(@RequestParam("file") MultipartFile file,
            @RequestParam(defaultValue = "false") boolean partial) {
        // The part is on disk (file-size-threshold 0) and can be opened once per pass.
        PostalImportReport report = imports.importFile(file.getOriginalFilename(), file::getInputStream, partial);
        return ResponseEntity.status(report.succeeded() ? HttpStatus.OK : HttpStatus.UNPROCESSABLE_CONTENT).body(report);
    }

    record AddressCheckRequest(String postalCode, String prefecture, String city, String addressLine) {
    }

    record AddressCheckJson(AddressCheck.Outcome outcome, String postalCode, String message, List<AreaJson> expected,
            RemoteArea remoteArea) {
    }

    @PostMapping("/address-checks")
    @Operation(summary = "Check an address against its postal code, and whether it is a remote island or Okinawa",
            description = "outcome: OK, INVALID_POSTAL_CODE, UNKNOWN_POSTAL_CODE, ADDRESS_MISSING, PREFECTURE_MISMATCH, "
                    + "CITY_MISMATCH, TOWN_MISMATCH; expected lists what the data says. prefecture, city and addressLine "
                    + "may each hold any part (everything in addressLine is fine). remoteArea.kind: MAINLAND, OKINAWA, "
                    + "REMOTE_ISLAND, UNKNOWN. Always 200. Any role.")
    // a POST only to carry the address in a body: it reads, it changes nothing
    @PreAuthorize("isAuthenticated()")
    AddressCheckJson check(@RequestBody AddressCheckRequest request) {
        AddressCheck check = verification.verify(request.postalCode(), request.prefecture(), request.city(), request.addressLine());
        RemoteArea remote = switch (check.outcome()) {
            case INVALID_POSTAL_CODE -> remoteAreas.remoteArea(request.prefecture(), request.city(), request.addressLine());
            case UNKNOWN_POSTAL_CODE -> new RemoteArea(RemoteArea.Kind.UNKNOWN, null, check.message());
            default -> remoteAreas.remoteArea(check.postalCode());
        };
        return new AddressCheckJson(check.outcome(), check.postalCode(), check.message(),
                check.expected().stream().map(AreaJson::of).toList(), remote);
    }
}
