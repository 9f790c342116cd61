package dev.ichigen.catalog.web;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import dev.ichigen.catalog.ProductImage;
import dev.ichigen.catalog.ProductImages;
import dev.ichigen.catalog.ProductImages.ImageContent;
import dev.ichigen.shared.InvalidInputException;
import dev.ichigen.shared.NotFoundException;
import dev.ichigen.shared.Sku;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Product images (商品画像) over REST. */
@RestController
@RequestMapping("/api/v1/products/{sku}/images")
@Tag(name = "product images", description = "Upload, list, serve, reorder and delete product images")
class ProductImageApi {

    private final ProductImages images;

    ProductImageApi(ProductImages images) {
        this.images = images;
    }

    record ImageJson(long id, String url, int position, String fileName, String contentType, int byteSize,
            String sha256, Instant createdAt) {

        static ImageJson of(ProductImage i) {
            return new ImageJson(i.id(), "/api/v1/products/" + i.sku() + "/images/" + i.id(), i.position(), i.fileName(),
                    i.contentType(), i.byteSize(), i.sha256(), i.createdAt());
        }
    }

    record Order(List<Long> ids) {
    }

    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @PreAuthorize("hasAnyRole('ADMIN','OPERATOR')")
    @Operation(summary = "Upload an image (multipart field 'file'; JPEG, PNG, GIF or WebP, at most 10 MB)")
    ResponseEntity<ImageJson> upload(@PathVariable String sku, @RequestParam("file") MultipartFile file) throws IOException {
        if (file.getSize() > ProductImages.MAX_BYTES) {
            throw new InvalidInputException("file", "画像は10MBまでです（" + String.format("%,d", file.getSize()) + " バイト）");
        }
        ProductImage image = images.add(ProductApi.sku(sku), file.getOriginalFilename(), file.getBytes());
        ImageJson json = ImageJson.of(image);
        return ResponseEntity.created(URI.create(json.url())).body(json);
    }

    @GetMapping
    @Operation(summary = "The images of a product, main image first")
    List<ImageJson> list(@PathVariable String sku) {
        return images.list(ProductApi.sku(sku)).stream().map(ImageJson::of).toList();
    }

    /**
     * The image bytes. An image id never changes its content (a new upload gets a new id), so the answer may
     * be cached for a year by the caller's own browser ({@code private}: the API needs a token).
     */
    @GetMapping("/{id}")
    @Operation(summary = "Serve one image (ETag = SHA-256 of the bytes; If-None-Match answers 304)")
    ResponseEntity<byte[]> image(@PathVariable String sku, @PathVariable long id,
            @RequestHeader(value = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch) {
        ImageContent content = images.content(ProductApi.sku(sku), id)
                .orElseThrow(() -> new NotFoundException("商品 " + sku + " に画像 " + id + " はありません"));
        String etag = "\"" + content.image().sha256() + "\"";
        CacheControl cache = CacheControl.maxAge(Duration.ofDays(365)).cachePrivate().immutable();
        if (ifNoneMatch != null && (ifNoneMatch.contains(etag) || ifNoneMatch.strip().equals("*"))) {
            return ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(etag).cacheControl(cache).build();
        }
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(content.image().contentType()))
                .contentLength(content.data().length)
                .eTag(etag)
                .cacheControl(cache)
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.inline().filename(content.image().fileName(), StandardCharsets.UTF_8).build().toString())
                .body(content.data());
    }

    @PutMapping("/order")
    @PreAuthorize("hasAnyRole('ADMIN','OPERATOR')")
    @Operation(summary = "Reorder the images: ids of all images of the product, main image first")
    List<ImageJson> reorder(@PathVariable String sku, @RequestBody Order order) {
        Sku s = ProductApi.sku(sku);
        return images.reorder(s, order.ids()).stream().map(ImageJson::of).toList();
    }

    @DeleteMapping("/{id}")
    @PreAuthorize("hasAnyRole('ADMIN','OPERATOR')")
    @Operation(summary = "Delete an image")
    ResponseEntity<Void> delete(@PathVariable String sku, @PathVariable long id) {
        images.delete(ProductApi.sku(sku), id);
        return ResponseEntity.noContent().build();
    }
}
