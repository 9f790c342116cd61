package dev.ichigen.console;

import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

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

import dev.ichigen.catalog.ChannelListings;
import dev.ichigen.channel.ChannelManagement;
import dev.ichigen.channel.SalesChannel;
import dev.ichigen.shared.InvalidInputException;
import dev.ichigen.shared.Sku;

/**
 * 未連携の商品: channel items seen in orders or stock reports that map to no SKU yet, most recently seen first,
 * each with a form to map it to a SKU (which resolves it). Every role sees the list; ADMIN and OPERATOR map.
 */
@Controller
@RequestMapping("/listings/unmapped")
@PreAuthorize("hasAnyRole('ADMIN','OPERATOR','WAREHOUSE')")
class UnmappedItemsController {

    static final int PAGE_SIZE = 50;

    /** Mapping one channel item (channel, item code, sub code) to a SKU. */
    static class MapForm {
        private Long channelId;
        private String itemCode;
        private String subCode;
        private String sku;

        public Long getChannelId() { return channelId; }
        public void setChannelId(Long channelId) { this.channelId = channelId; }
        public String getItemCode() { return itemCode; }
        public void setItemCode(String itemCode) { this.itemCode = itemCode; }
        public String getSubCode() { return subCode; }
        public void setSubCode(String subCode) { this.subCode = subCode; }
        public String getSku() { return sku; }
        public void setSku(String sku) { this.sku = sku; }

        /** Whether this form was sent for the given item (to show its errors in that row). */
        public boolean isFor(long channel, String item, String sub) {
            return channelId != null && channelId == channel && item.equals(itemCode)
                    && sub.equals(subCode == null ? "" : subCode);
        }
    }

    private final ChannelListings listings;
    private final ChannelManagement channels;

    UnmappedItemsController(ChannelListings listings, ChannelManagement channels) {
        this.listings = listings;
        this.channels = channels;
    }

    @GetMapping
    String list(@RequestParam(required = false) Long channel, @RequestParam(defaultValue = "0") int page, Model model) {
        model.addAttribute("mapForm", new MapForm());
        return listPage(channel, page, model);
    }

    @PostMapping("/map")
    @PreAuthorize("hasAnyRole('ADMIN','OPERATOR')")
    String map(@ModelAttribute("mapForm") MapForm form, BindingResult binding, Model model, RedirectAttributes redirect) {
        String sku = form.getSku() == null ? "" : form.getSku().strip();
        if (sku.isEmpty()) {
            binding.rejectValue("sku", "unmapped.error.skuRequired");
        } else if (!Sku.isValid(sku)) {
            binding.rejectValue("sku", "product.error.sku");
        }
        if (!binding.hasErrors()) {
            try {
                listings.map(form.getChannelId() == null ? 0 : form.getChannelId(), form.getItemCode(), form.getSubCode(),
                        Sku.of(sku), null);
                redirect.addFlashAttribute(Notice.ATTRIBUTE, new Notice("unmapped.mapped", form.getItemCode() + " → " + sku));
                return "redirect:/listings/unmapped";
            } catch (InvalidInputException e) {
                FormErrors.reject(binding, e);
            }
        }
        return listPage(null, 0, model);
    }

    private String listPage(Long channel, int page, Model model) {
        Map<Long, SalesChannel> byId = channels.list().stream()
                .collect(Collectors.toMap(SalesChannel::id, Function.identity()));
        model.addAttribute("channels", byId);
        model.addAttribute("channel", channel);
        model.addAttribute("items", listings.openUnmappedItems(channel, page, PAGE_SIZE));
        model.addAttribute("canMap", ConsoleRoles.canEditProducts());
        return "listings/unmapped";
    }
}
