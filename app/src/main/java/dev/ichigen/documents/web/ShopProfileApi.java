package dev.ichigen.documents.web;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import dev.ichigen.documents.ShopProfile;
import dev.ichigen.documents.ShopProfiles;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** ショップ情報 (the issuer printed on documents): read by ADMIN and OPERATOR, changed by ADMIN only. */
@RestController
@RequestMapping("/api/v1/shop-profile")
@PreAuthorize("hasAnyRole('ADMIN','OPERATOR')")
@Tag(name = "shop-profile", description = "ショップ情報 (納品書の発行者・適格請求書発行事業者の登録番号)")
class ShopProfileApi {

    /** The texts of the profile (the logo has its own endpoint). */
    record ShopProfileRequest(String shopName, String postalCode, String address, String phone, String email,
            String registrationNumber, String slipMessage) {
    }

    private final ShopProfiles profiles;

    ShopProfileApi(ShopProfiles profiles) {
        this.profiles = profiles;
    }

    @GetMapping
    ShopProfile get() {
        return profiles.get();
    }

    @PutMapping
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "Replace the shop profile's texts (the logo has its own endpoint)",
            description = "registrationNumber: 適格請求書発行事業者の登録番号, T + 13 digits whose first digit is the 法人番号 check "
                    + "digit; full-width input is folded. 422 naming each invalid field; empty = not a registered issuer.")
    ShopProfile update(@RequestBody ShopProfileRequest b) {
        return profiles.update(b == null ? new ShopProfile(null, null, null, null, null, null, null, false)
                : new ShopProfile(b.shopName(), b.postalCode(), b.address(), b.phone(), b.email(), b.registrationNumber(),
                        b.slipMessage(), false));
    }

    @GetMapping("/logo")
    ResponseEntity<byte[]> logo() {
        return profiles.logo().map(l -> ResponseEntity.ok().contentType(MediaType.parseMediaType(l.contentType())).body(l.data()))
                .orElse(ResponseEntity.notFound().build());
    }

    @PutMapping(value = "/logo", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "Upload the logo (multipart field 'file'): PNG or JPEG, at most 512 KB")
    ShopProfile uploadLogo(@RequestParam("file") MultipartFile file) throws java.io.IOException {
        return profiles.setLogo(file.getBytes());
    }

    @DeleteMapping("/logo")
    @PreAuthorize("hasRole('ADMIN')")
    ShopProfile removeLogo() {
        return profiles.removeLogo();
    }
}
