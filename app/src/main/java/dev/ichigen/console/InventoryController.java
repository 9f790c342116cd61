package dev.ichigen.console;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

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
import org.springframework.web.util.UriUtils;

import dev.ichigen.catalog.Product;
import dev.ichigen.catalog.ProductKind;
import dev.ichigen.catalog.ProductManagement;
import dev.ichigen.catalog.ProductValues;
import dev.ichigen.inventory.InventoryManagement;
import dev.ichigen.inventory.StockLevel;
import dev.ichigen.inventory.StockSummary;
import dev.ichigen.inventory.Warehouse;
import dev.ichigen.inventory.WarehouseManagement;
import dev.ichigen.platform.Page;
import dev.ichigen.platform.Role;
import dev.ichigen.shared.FieldError;
import dev.ichigen.shared.InvalidInputException;
import dev.ichigen.shared.NotFoundException;
import dev.ichigen.shared.Sku;

/**
 * 在庫: the stock overview (SKUs × warehouses, low and zero available highlighted), a SKU's stock detail with
 * its ledger (入出庫履歴) and the adjustment form (在庫調整), and the consistency check (在庫整合性チェック,
 * ADMIN/OPERATOR). Every role works with stock; the figures and rules are the inventory module's.
 */
@Controller
@RequestMapping("/inventory")
@PreAuthorize("hasAnyRole('ADMIN','OPERATOR','WAREHOUSE')")
class InventoryController {

    static final int PAGE_SIZE = 50;
    static final int LEDGER_PAGE_SIZE = 20;
    /** Default of "少ない" (low available) in the overview; the user may change it there. */
    static final int DEFAULT_LOW = 5;

    /**
     * One SKU in the overview: its stock per warehouse code, or no figures for a parent (its variants hold
     * the stock).
     */
    record StockRow(Product product, StockSummary stock, Map<String, StockLevel> levels) {

        public StockLevel level(String warehouse) {
            return levels.get(warehouse);
        }
    }

    /** 在庫調整 form: warehouse code, ± quantity as typed, reason (理由, required). */
    static class AdjustForm {
        private String warehouse;
        private String delta;
        private String reason;

        public String getWarehouse() { return warehouse; }
        public void setWarehouse(String warehouse) { this.warehouse = warehouse; }
        public String getDelta() { return delta; }
        public void setDelta(String delta) { this.delta = delta; }
        public String getReason() { return reason; }
        public void setReason(String reason) { this.reason = reason; }
    }

    private final ProductManagement products;
    private final InventoryManagement inventory;
    private final WarehouseManagement warehouses;

    InventoryController(ProductManagement products, InventoryManagement inventory, WarehouseManagement warehouses) {
        this.products = products;
        this.inventory = inventory;
        this.warehouses = warehouses;
    }

    @ModelAttribute
    void common(Model model) {
        model.addAttribute("canCheck", ConsoleRoles.any(Role.ADMIN, Role.OPERATOR));
    }

    @GetMapping
    String overview(@ModelAttribute("filter") ProductFilter filter, BindingResult ignoredUnknownValues,
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "" + DEFAULT_LOW) int low,
            Model model) {
        List<Warehouse> all = warehouses.list();
        // One page of the product master (SKU order), then one stock summary per SKU: at most 50 reads.
        Page<StockRow> rows = products.search(filter.query(), page, PAGE_SIZE).map(p -> {
            if (p.kind() == ProductKind.PARENT) {
                return new StockRow(p, null, Map.of());
            }
            StockSummary stock = inventory.stock(p.sku());
            return new StockRow(p, stock, stock.warehouses().stream()
                    .collect(Collectors.toMap(StockLevel::warehouse, Function.identity())));
        });
        model.addAttribute("warehouses", all);
        model.addAttribute("rows", rows);
        model.addAttribute("low", Math.max(0, low));
        model.addAttribute("filterQuery", filter.queryString());
        return "inventory/overview";
    }

    @GetMapping("/{sku}")
    String detail(@PathVariable String sku, @RequestParam(defaultValue = "0") int page, Model model) {
        Product product = find(sku);
        AdjustForm form = new AdjustForm();
        List<Warehouse> active = warehouses.list().stream().filter(Warehouse::active).toList();
        if (!active.isEmpty()) {
            form.setWarehouse(active.getFirst().code());
        }
        model.addAttribute("form", form);
        return detailPage(product, page, model);
    }

    @PostMapping("/{sku}/adjust")
    String adjust(@PathVariable String sku, @ModelAttribute("form") AdjustForm form, BindingResult binding,
            Model model, RedirectAttributes redirect) {
        Product product = find(sku);
        Long delta = null;
        if (form.getDelta() == null || form.getDelta().isBlank()) {
            binding.rejectValue("delta", "inventory.error.deltaRequired");
        } else if ((delta = ProductValues.parseWholeNumber(form.getDelta())) == null) {
            binding.rejectValue("delta", "inventory.error.number");
        } else if (delta == 0) {
            binding.rejectValue("delta", "inventory.error.deltaZero");
        }
        if (form.getReason() == null || form.getReason().isBlank()) {
            binding.rejectValue("reason", "inventory.error.reasonRequired");
        }
        if (!binding.hasErrors()) {
            try {
                inventory.adjust(product.sku(), form.getWarehouse(), delta, form.getReason());
                redirect.addFlashAttribute(Notice.ATTRIBUTE, new Notice("inventory.adjusted", product.sku().value()));
                return "redirect:/inventory/" + UriUtils.encodePathSegment(product.sku().value(), StandardCharsets.UTF_8);
            } catch (InvalidInputException e) {
                rejectAdjustment(binding, e, product.sku(), form.getWarehouse(), delta);
            }
        }
        return detailPage(product, 0, model);
    }

    /**
     * The inventory module refuses a decrease below what is reserved on field {@code delta} (the console has
     * already ruled out 0). Its message is English, so the console explains it in the user's language with
     * the warehouse's current figures; other refusals are shown as the module words them.
     */
    private void rejectAdjustment(BindingResult binding, InvalidInputException e, Sku sku, String warehouse, long delta) {
        List<FieldError> others = new ArrayList<>();
        for (FieldError error : e.errors()) {
            StockLevel level = "delta".equals(error.field()) && delta < 0 ? level(sku, warehouse) : null;
            if (level != null) {
                binding.rejectValue("delta", "inventory.error.belowReserved",
                        new Object[] { level.onHand(), level.reserved(), level.available() }, error.message());
            } else {
                others.add(error);
            }
        }
        if (!others.isEmpty()) {
            FormErrors.reject(binding, new InvalidInputException(others));
        }
    }

    private StockLevel level(Sku sku, String warehouse) {
        return inventory.stock(sku).warehouses().stream().filter(l -> l.warehouse().equals(warehouse)).findFirst().orElse(null);
    }

    /** Recomputes every balance from the ledger; read-only, but heavy, hence a POST (no prefetch, no reload loop). */
    @PostMapping("/consistency")
    @PreAuthorize("hasAnyRole('ADMIN','OPERATOR')")
    String consistency(Model model) {
        model.addAttribute("report", inventory.checkConsistency());
        return "inventory/consistency";
    }

    private String detailPage(Product product, int page, Model model) {
        model.addAttribute("product", product);
        List<Warehouse> all = warehouses.list();
        model.addAttribute("warehouses", all);
        model.addAttribute("activeWarehouses", all.stream().filter(Warehouse::active).toList());
        model.addAttribute("warehouseNames", all.stream().collect(Collectors.toMap(Warehouse::code, Warehouse::name)));
        if (product.kind() == ProductKind.PARENT) {
            model.addAttribute("variants", products.variantsOf(product.sku()).stream()
                    .map(v -> new StockRow(v, inventory.stock(v.sku()), Map.of())).toList());
            return "inventory/detail";
        }
        model.addAttribute("stock", inventory.stock(product.sku()));
        model.addAttribute("ledgerBase", "/inventory/" + UriUtils.encodePathSegment(product.sku().value(), StandardCharsets.UTF_8) + "?");
        model.addAttribute("movements", inventory.movements(product.sku(), Math.max(0, page), LEDGER_PAGE_SIZE));
        return "inventory/detail";
    }

    private Product find(String sku) {
        if (!Sku.isValid(sku)) {
            throw new NotFoundException("no product " + sku);
        }
        return products.get(Sku.of(sku));
    }
}
