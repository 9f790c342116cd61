package dev.ichigen.console;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import dev.ichigen.inventory.WarehouseManagement;
import dev.ichigen.shared.ConflictException;
import dev.ichigen.shared.FieldError;
import dev.ichigen.shared.InvalidInputException;
import dev.ichigen.warehouse.NewReceipt;
import dev.ichigen.warehouse.PurchaseOrderStatus;
import dev.ichigen.warehouse.PurchaseOrders;
import dev.ichigen.warehouse.Receipt;
import dev.ichigen.warehouse.Receiving;

/**
 * 入荷 for handheld scanners, one item at a time: scan the JAN (or type the SKU) and Enter — the screen shows the
 * product and asks for the counted quantity, damaged quantity (with reason), lot number and expiry date (only for
 * lot-managed products) and the put-away location; 入荷確定 posts it as one receipt line (against the chosen PO, or
 * free). Each form carries its own receipt key, so a double submit is not counted twice. ADMIN, OPERATOR, WAREHOUSE.
 */
@Controller
@RequestMapping("/warehouse/receiving")
@PreAuthorize("hasAnyRole('ADMIN','OPERATOR','WAREHOUSE')")
class ReceivingController {

    private final Receiving receiving;
    private final PurchaseOrders purchaseOrders;
    private final WarehouseManagement warehouses;

    ReceivingController(Receiving receiving, PurchaseOrders purchaseOrders, WarehouseManagement warehouses) {
        this.receiving = receiving;
        this.purchaseOrders = purchaseOrders;
        this.warehouses = warehouses;
    }

    /** The 入荷 form; field names like the receipt line's JSON names. */
    public static class ReceivingForm {
        private String receiptKey;
        private String purchaseOrder;
        private String warehouse;
        private String code;
        private Long countedQuantity;
        private Long damagedQuantity;
        private String damageReason;
        private String lotNo;
        private String expiryDate;
        private String location;

        public String getReceiptKey() { return receiptKey; }
        public void setReceiptKey(String v) { receiptKey = v; }
        public String getPurchaseOrder() { return purchaseOrder; }
        public void setPurchaseOrder(String v) { purchaseOrder = v; }
        public String getWarehouse() { return warehouse; }
        public void setWarehouse(String v) { warehouse = v; }
        public String getCode() { return code; }
        public void setCode(String v) { code = v; }
        public Long getCountedQuantity() { return countedQuantity; }
        public void setCountedQuantity(Long v) { countedQuantity = v; }
        public Long getDamagedQuantity() { return damagedQuantity; }
        public void setDamagedQuantity(Long v) { damagedQuantity = v; }
        public String getDamageReason() { return damageReason; }
        public void setDamageReason(String v) { damageReason = v; }
        public String getLotNo() { return lotNo; }
        public void setLotNo(String v) { lotNo = v; }
        public String getExpiryDate() { return expiryDate; }
        public void setExpiryDate(String v) { expiryDate = v; }
        public String getLocation() { return location; }
        public void setLocation(String v) { location = v; }
    }

    @GetMapping
    String page(@RequestParam(required = false) String purchaseOrder, @RequestParam(required = false) String warehouse,
            Model model) {
        ReceivingForm form = new ReceivingForm();
        form.setPurchaseOrder(purchaseOrder);
        form.setWarehouse(warehouse);
        model.addAttribute("form", form);
        return render(form, model);
    }

    @PostMapping
    String post(@ModelAttribute("form") ReceivingForm form, BindingResult result, Model model, RedirectAttributes redirect) {
        var item = receiving.identify(form.getCode());
        if (item.isEmpty()) {
            result.rejectValue("code", "invalid", "商品 " + (form.getCode() == null ? "" : form.getCode().strip()) + " が見つかりません");
            return render(form, model);
        }
        model.addAttribute("item", item.get());
        if (form.getCountedQuantity() == null) {
            return render(form, model); // the scan step: now ask for quantity, lot and location
        }
        LocalDate expiry = null;
        if (form.getExpiryDate() != null && !form.getExpiryDate().isBlank()) {
            try {
                expiry = LocalDate.parse(form.getExpiryDate().strip().replace('/', '-'));
            } catch (DateTimeParseException e) {
                result.rejectValue("expiryDate", "invalid", "日付は 2026-12-31 の形で入力してください");
                return render(form, model);
            }
        }
        // against a PO the PO's warehouse applies (the select may still show another one)
        String warehouse = blank(form.getPurchaseOrder()) != null ? null : blank(form.getWarehouse());
        NewReceipt command = new NewReceipt(form.getReceiptKey(), blank(form.getPurchaseOrder()), warehouse, null, null,
                List.of(new NewReceipt.Line(item.get().sku(), null, null, null, form.getCountedQuantity(), form.getDamagedQuantity(),
                        form.getDamageReason(), form.getLotNo(), expiry, blank(form.getLocation()))));
        try {
            Receipt r = receiving.post(command);
            Receipt.Line line = r.lines().getFirst();
            redirect.addFlashAttribute(Notice.ATTRIBUTE, new Notice("warehouse.receiving.posted",
                    "%s × %d（破損 %d）".formatted(line.sku(), line.goodQuantity(), line.damagedQuantity())));
            redirect.addAttribute("warehouse", r.warehouse());
            if (r.purchaseOrder() != null) {
                redirect.addAttribute("purchaseOrder", r.purchaseOrder());
            }
            return "redirect:/warehouse/receiving";
        } catch (InvalidInputException e) {
            for (FieldError f : e.errors()) {
                String field = f.field().replaceFirst("^lines\\[\\d+\\]\\.", "");
                if (field.equals("sku") || field.equals("jan")) {
                    field = "code";
                }
                if (result.getFieldType(field) != null) {
                    result.rejectValue(field, "invalid", f.message());
                } else {
                    result.reject("invalid", f.field() + ": " + f.message());
                }
            }
        } catch (ConflictException e) {
            FormErrors.reject(result, e);
        }
        return render(form, model);
    }

    private String render(ReceivingForm form, Model model) {
        if (form.getReceiptKey() == null || form.getReceiptKey().isBlank()) {
            form.setReceiptKey("WEB-" + UUID.randomUUID());
        }
        model.addAttribute("warehouses", warehouses.list().stream().filter(w -> w.active()).toList());
        model.addAttribute("openOrders", purchaseOrders.list(null, 200).stream()
                .filter(p -> p.status() == PurchaseOrderStatus.OPEN || p.status() == PurchaseOrderStatus.PARTIALLY_RECEIVED).toList());
        if (form.getPurchaseOrder() != null && !form.getPurchaseOrder().isBlank()) {
            purchaseOrders.find(form.getPurchaseOrder().strip()).ifPresent(p -> model.addAttribute("po", p));
        }
        model.addAttribute("recent", receiving.list(null, 10));
        return "warehouse/receiving";
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
