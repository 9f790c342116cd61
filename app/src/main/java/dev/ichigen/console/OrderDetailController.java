package dev.ichigen.console;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import dev.ichigen.channel.ChannelManagement;
import dev.ichigen.channel.SalesChannel;
import dev.ichigen.order.Order;
import dev.ichigen.order.OrderManagement;
import dev.ichigen.order.ShipmentGrouping;
import dev.ichigen.shared.ConflictException;
import dev.ichigen.shared.InvalidInputException;

/**
 * 受注詳細: the whole order (customer, destinations, lines with allocation, charges, totals with the tax
 * summary per rate, payment, delivery request, remarks), its holds with where they came from, the history,
 * and the actions: release a hold (保留解除, a note is required) and re-check (再チェック).
 */
@Controller
@RequestMapping("/orders/{id}")
@PreAuthorize("hasAnyRole('ADMIN','OPERATOR')")
class OrderDetailController {

    private final OrderManagement orders;
    private final ChannelManagement channels;
    private final ShipmentGrouping grouping;
    private final dev.ichigen.order.OrderRules rules;

    OrderDetailController(OrderManagement orders, ChannelManagement channels, ShipmentGrouping grouping,
            dev.ichigen.order.OrderRules rules) {
        this.rules = rules;
        this.orders = orders;
        this.channels = channels;
        this.grouping = grouping;
    }

    @GetMapping
    String detail(@PathVariable long id, Model model) {
        Order order = orders.get(id);
        model.addAttribute("order", order);
        model.addAttribute("channel", channels.find(order.channelId()).map(SalesChannel::name).orElse("#" + order.channelId()));
        model.addAttribute("history", orders.history(id));
        model.addAttribute("mergeGroup", grouping.groupOf(id).orElse(null));
        java.util.Map<Integer, Integer> parts = grouping.shipmentParts(id);
        model.addAttribute("shipmentParts", parts);
        model.addAttribute("split", parts.values().stream().anyMatch(p -> p != 1));
        model.addAttribute("holdRules", rules.holdRules(order)); // the rule behind each rule hold
        model.addAttribute("appliedRules", rules.applied(id));
        return "orders/detail";
    }

    /**
     * 保留解除. A missing note (or a hold released meanwhile) shows the detail again with the message next to
     * that hold's form.
     */
    @PostMapping("/holds/{holdId}/release")
    String release(@PathVariable long id, @PathVariable long holdId, @RequestParam(required = false) String note,
            Model model, RedirectAttributes redirect) {
        try {
            Order order = orders.releaseHold(id, holdId, note);
            redirect.addFlashAttribute(Notice.ATTRIBUTE, new Notice("orders.hold.released", order.channelOrderNumber()));
            return "redirect:/orders/" + id;
        } catch (InvalidInputException e) {
            return releaseFailed(id, holdId, note, e.errors().getFirst().message(), model);
        } catch (ConflictException e) {
            return releaseFailed(id, holdId, note, e.getMessage(), model);
        }
    }

    private String releaseFailed(long id, long holdId, String note, String message, Model model) {
        model.addAttribute("releaseHoldId", holdId);
        model.addAttribute("releaseError", message);
        model.addAttribute("releaseNote", note);
        return detail(id, model);
    }

    /** 同梱解除. */
    @PostMapping("/unmerge")
    String unmerge(@PathVariable long id, @RequestParam(required = false) String note, RedirectAttributes redirect) {
        grouping.unmerge(id, note);
        redirect.addFlashAttribute(Notice.ATTRIBUTE, new Notice("orders.unmerged", orders.get(id).channelOrderNumber()));
        return "redirect:/orders/" + id;
    }

    /** 分割: the ticked lines, by temperature zone, or back to one parcel ({@code how} = lines, temperature, undo). */
    @PostMapping("/split")
    String split(@PathVariable long id, @RequestParam String how,
            @RequestParam(name = "lineNos", required = false) java.util.List<Integer> lineNos, Model model,
            RedirectAttributes redirect) {
        try {
            switch (how) {
                case "temperature" -> grouping.splitByTemperatureZone(id);
                case "undo" -> grouping.unsplit(id);
                default -> grouping.splitLines(id, lineNos);
            }
        } catch (InvalidInputException e) {
            model.addAttribute("splitError", e.errors().getFirst().message());
            return detail(id, model);
        } catch (ConflictException e) {
            model.addAttribute("splitError", e.getMessage());
            return detail(id, model);
        }
        redirect.addFlashAttribute(Notice.ATTRIBUTE, new Notice("orders.split.done", orders.get(id).channelOrderNumber()));
        return "redirect:/orders/" + id;
    }

    @PostMapping("/recheck")
    String recheck(@PathVariable long id, RedirectAttributes redirect) {
        Order order = orders.recheck(id);
        redirect.addFlashAttribute(Notice.ATTRIBUTE, new Notice("orders.rechecked", order.channelOrderNumber()));
        return "redirect:/orders/" + id;
    }
}
