package dev.ichigen.console;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
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
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriUtils;

import dev.ichigen.catalog.ChannelListing;
import dev.ichigen.catalog.ChannelListings;
import dev.ichigen.catalog.Product;
import dev.ichigen.catalog.ProductDefinition;
import dev.ichigen.catalog.ProductImage;
import dev.ichigen.catalog.ProductImages;
import dev.ichigen.catalog.ProductImages.ImageContent;
import dev.ichigen.catalog.ProductKind;
import dev.ichigen.catalog.ProductManagement;
import dev.ichigen.catalog.ProductSaveResult;
import dev.ichigen.catalog.ProductStatus;
import dev.ichigen.catalog.SetComponent;
import dev.ichigen.catalog.TemperatureZone;
import dev.ichigen.channel.ChannelManagement;
import dev.ichigen.channel.SalesChannel;
import dev.ichigen.inventory.InventoryManagement;
import dev.ichigen.inventory.StockSummary;
import dev.ichigen.inventory.Warehouse;
import dev.ichigen.inventory.WarehouseManagement;
import dev.ichigen.shared.ConflictException;
import dev.ichigen.shared.InvalidInputException;
import dev.ichigen.shared.NotFoundException;
import dev.ichigen.shared.Sku;
import dev.ichigen.shared.TaxRate;

/**
 * 商品詳細・編集 and 新規登録: the product form, images, channel listings, stock per warehouse, variants of a
 * parent, components of a set, and 販売終了. Every role may look; ADMIN and OPERATOR may change (the form is
 * read-only for WAREHOUSE and its POSTs answer 403). Saving sends the version the form was loaded with, so a
 * change someone else saved meanwhile is never silently overwritten.
 */
@Controller
@RequestMapping("/products")
@PreAuthorize("hasAnyRole('ADMIN','OPERATOR','WAREHOUSE')")
class ProductEditController {

    static final String EDITORS = "hasAnyRole('ADMIN','OPERATOR')";

    /** A channel listing of the product with the channel's name (販売チャネル). */
    record ListingRow(ChannelListing listing, SalesChannel channel) {
    }

    /** A variation of a parent with its available stock. */
    record VariantRow(Product product, long available) {
    }

    /** A line of a set with the component and its available stock (for a set: 構成商品の在庫). */
    record ComponentLine(SetComponent component, Product product, long available) {
    }

    private final ProductManagement products;
    private final ProductImages images;
    private final ChannelListings listings;
    private final ChannelManagement channels;
    private final InventoryManagement inventory;
    private final WarehouseManagement warehouses;

    ProductEditController(ProductManagement products, ProductImages images, ChannelListings listings,
            ChannelManagement channels, InventoryManagement inventory, WarehouseManagement warehouses) {
        this.products = products;
        this.images = images;
        this.listings = listings;
        this.channels = channels;
        this.inventory = inventory;
        this.warehouses = warehouses;
    }

    @ModelAttribute
    void choices(Model model) {
        model.addAttribute("kinds", ProductKind.values());
        model.addAttribute("statuses", ProductStatus.values());
        model.addAttribute("zones", TemperatureZone.values());
        model.addAttribute("taxRates", TaxRate.values());
        model.addAttribute("canEdit", ConsoleRoles.canEditProducts());
    }

    // ------------------------------------------------------------------ new product

    /** The empty form; {@code ?parent=SKU} starts a variation of that parent, {@code ?kind=SET} a set. */
    @GetMapping("/new")
    @PreAuthorize(EDITORS)
    String newProduct(@RequestParam(required = false) String parent, @RequestParam(required = false) ProductKind kind,
            Model model) {
        ProductForm form = new ProductForm();
        if (parent != null && Sku.isValid(parent)) {
            form.setKind(ProductKind.VARIANT);
            form.setParentSku(parent);
        } else if (kind != null) {
            form.setKind(kind);
        }
        return newPage(form, model);
    }

    @PostMapping
    @PreAuthorize(EDITORS)
    String create(@ModelAttribute("form") ProductForm form, BindingResult binding, Model model,
            RedirectAttributes redirect) {
        String text = form.getSku() == null ? "" : form.getSku().strip();
        form.setSku(text);
        Sku sku = null;
        if (text.isEmpty()) {
            binding.rejectValue("sku", "product.error.skuRequired");
        } else if (!Sku.isValid(text)) {
            binding.rejectValue("sku", "product.error.sku");
        } else {
            sku = Sku.of(text);
            if (products.find(sku).isPresent()) {
                binding.rejectValue("sku", "product.error.exists", new Object[] { text }, null);
            }
        }
        ProductDefinition definition = form.toDefinition(sku, binding);
        if (!binding.hasErrors()) {
            try {
                // Expected version -1 = "must not exist yet": a product created meanwhile is not replaced.
                ProductSaveResult result = products.save(definition, -1L);
                redirect.addFlashAttribute(Notice.ATTRIBUTE, new Notice("product.created", result.product().sku().value()));
                return "redirect:" + path(result.product().sku());
            } catch (InvalidInputException e) {
                FormErrors.reject(binding, e);
            } catch (ConflictException e) {
                binding.rejectValue("sku", "product.error.exists", new Object[] { text }, null);
            }
        }
        form.padComponents();
        return newPage(form, model);
    }

    private String newPage(ProductForm form, Model model) {
        model.addAttribute("form", form);
        model.addAttribute("parentAxes", parentAxes(form));
        return "products/edit";
    }

    // ------------------------------------------------------------------ detail and edit

    @GetMapping("/{sku}")
    String detail(@PathVariable String sku, Model model) {
        Product product = find(sku);
        return detailPage(product, ProductForm.of(product), model);
    }

    @PostMapping("/{sku}")
    @PreAuthorize(EDITORS)
    String save(@PathVariable String sku, @ModelAttribute("form") ProductForm form, BindingResult binding, Model model,
            RedirectAttributes redirect) {
        Product product = find(sku);
        form.setSku(product.sku().value());
        ProductDefinition definition = form.toDefinition(product.sku(), binding);
        if (!binding.hasErrors()) {
            try {
                ProductSaveResult result = products.save(definition, form.getVersion());
                String code = switch (result.outcome()) {
                    case CREATED, REPLACED -> "product.saved";
                    case UNCHANGED -> "product.unchanged";
                };
                redirect.addFlashAttribute(Notice.ATTRIBUTE, new Notice(code, product.sku().value()));
                return "redirect:" + path(product.sku());
            } catch (InvalidInputException e) {
                FormErrors.reject(binding, e);
            } catch (ConflictException e) {
                // Someone saved the product after this form was loaded: keep what was typed, save nothing.
                binding.reject("product.conflict");
                model.addAttribute("conflict", true);
            }
        }
        form.padComponents();
        return detailPage(products.find(product.sku()).orElse(product), form, model);
    }

    @PostMapping("/{sku}/discontinue")
    @PreAuthorize(EDITORS)
    String discontinue(@PathVariable String sku, RedirectAttributes redirect) {
        Product product = products.discontinue(find(sku).sku());
        redirect.addFlashAttribute(Notice.ATTRIBUTE, new Notice("product.discontinued", product.sku().value()));
        return "redirect:" + path(product.sku());
    }

    private String detailPage(Product product, ProductForm form, Model model) {
        model.addAttribute("product", product);
        model.addAttribute("form", form);
        model.addAttribute("parentAxes", parentAxes(form));
        model.addAttribute("images", images.list(product.sku()));
        Map<Long, SalesChannel> byId = channels.list().stream().collect(Collectors.toMap(SalesChannel::id, Function.identity()));
        model.addAttribute("listings", listings.listBySku(product.sku()).stream()
                .map(l -> new ListingRow(l, byId.get(l.channelId()))).toList());
        model.addAttribute("warehouseNames", warehouseNames());
        switch (product.kind()) {
            case PARENT -> model.addAttribute("variants", products.variantsOf(product.sku()).stream()
                    .map(v -> new VariantRow(v, inventory.stock(v.sku()).available())).toList());
            case SET -> {
                model.addAttribute("stock", inventory.stock(product.sku()));
                List<ComponentLine> lines = new ArrayList<>();
                for (SetComponent c : product.components()) {
                    Product component = products.find(c.sku()).orElse(null);
                    long available = component == null || !component.kind().stocked() ? 0 : inventory.stock(c.sku()).available();
                    lines.add(new ComponentLine(c, component, available));
                }
                model.addAttribute("componentLines", lines);
            }
            case SIMPLE, VARIANT -> model.addAttribute("stock", inventory.stock(product.sku()));
        }
        return "products/edit";
    }

    /** Warehouse code → name (倉庫名), for the stock summary. */
    private Map<String, String> warehouseNames() {
        return warehouses.list().stream().collect(Collectors.toMap(Warehouse::code, Warehouse::name));
    }

    /** The variation axes of the variant's parent (to label its value inputs), when it has a known parent. */
    private List<String> parentAxes(ProductForm form) {
        if (form.getKind() != ProductKind.VARIANT || form.getParentSku() == null || !Sku.isValid(form.getParentSku().strip())) {
            return List.of();
        }
        return products.find(Sku.of(form.getParentSku().strip()))
                .filter(p -> p.kind() == ProductKind.PARENT).map(Product::variationAxes).orElse(List.of());
    }

    // ------------------------------------------------------------------ images

    /**
     * An image's bytes for the console ({@code /api/**} takes bearer tokens only). An image id never changes
     * its bytes, so the browser may keep it; {@code private}, as it needs a login.
     */
    @GetMapping("/{sku}/images/{id}")
    ResponseEntity<byte[]> image(@PathVariable String sku, @PathVariable long id,
            @RequestHeader(value = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch) {
        ImageContent content = images.content(find(sku).sku(), id)
                .orElseThrow(() -> new NotFoundException("no image " + id + " of " + sku));
        String etag = "\"" + content.image().sha256() + "\"";
        CacheControl cache = CacheControl.maxAge(Duration.ofDays(365)).cachePrivate().immutable();
        if (ifNoneMatch != null && ifNoneMatch.contains(etag)) {
            return ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(etag).cacheControl(cache).build();
        }
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(content.image().contentType()))
                .eTag(etag)
                .cacheControl(cache)
                .header("X-Content-Type-Options", "nosniff")
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.inline().filename(content.image().fileName(), StandardCharsets.UTF_8).build().toString())
                .body(content.data());
    }

    @PostMapping("/{sku}/images")
    @PreAuthorize(EDITORS)
    String upload(@PathVariable String sku, @RequestParam(name = "file", required = false) MultipartFile file,
            Model model, RedirectAttributes redirect) throws IOException {
        Product product = find(sku);
        try {
            ProductImage image = images.add(product.sku(), file == null ? null : file.getOriginalFilename(),
                    file == null ? new byte[0] : file.getBytes());
            redirect.addFlashAttribute(Notice.ATTRIBUTE, new Notice("product.image.added", image.fileName()));
            return "redirect:" + path(product.sku()) + "#images";
        } catch (InvalidInputException e) {
            model.addAttribute("imageErrors", e.errors().stream().map(dev.ichigen.shared.FieldError::message).toList());
        }
        return detailPage(product, ProductForm.of(product), model);
    }

    /** Moves an image one place up (towards the main image) or down. */
    @PostMapping("/{sku}/images/{id}/move")
    @PreAuthorize(EDITORS)
    String move(@PathVariable String sku, @PathVariable long id, @RequestParam String direction,
            RedirectAttributes redirect) {
        Sku s = find(sku).sku();
        List<Long> ids = new ArrayList<>(images.list(s).stream().map(ProductImage::id).toList());
        int from = ids.indexOf(id);
        if (from < 0) {
            throw new NotFoundException("no image " + id + " of " + sku);
        }
        int to = "up".equals(direction) ? from - 1 : from + 1;
        if (to >= 0 && to < ids.size()) {
            Collections.swap(ids, from, to);
            images.reorder(s, ids);
            redirect.addFlashAttribute(Notice.ATTRIBUTE, new Notice("product.image.moved", s.value()));
        }
        return "redirect:" + path(s) + "#images";
    }

    @PostMapping("/{sku}/images/{id}/delete")
    @PreAuthorize(EDITORS)
    String deleteImage(@PathVariable String sku, @PathVariable long id, RedirectAttributes redirect) {
        Sku s = find(sku).sku();
        images.delete(s, id);
        redirect.addFlashAttribute(Notice.ATTRIBUTE, new Notice("product.image.deleted", s.value()));
        return "redirect:" + path(s) + "#images";
    }

    // ------------------------------------------------------------------

    private Product find(String sku) {
        if (!Sku.isValid(sku)) {
            throw new NotFoundException("no product " + sku);
        }
        return products.get(Sku.of(sku));
    }

    /** The detail page's path, the SKU encoded as one path segment. */
    static String path(Sku sku) {
        return "/products/" + UriUtils.encodePathSegment(sku.value(), StandardCharsets.UTF_8);
    }
}
