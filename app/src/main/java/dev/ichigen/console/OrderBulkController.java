package dev.ichigen.console;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.springframework.context.MessageSource;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import dev.ichigen.channel.ChannelManagement;
import dev.ichigen.channel.SalesChannel;
import dev.ichigen.order.MergeGroup;
import dev.ichigen.order.OrderManagement;
import dev.ichigen.order.ShipmentGrouping;
import dev.ichigen.shared.ConflictException;
import dev.ichigen.shared.InvalidInputException;
import dev.ichigen.shared.NotFoundException;

/**
 * 一括処理 on the orders ticked in the order list — release their holds (with one note), assign a carrier,
 * cancel (with a reason), merge them (同梱) — and the 同梱候補 screen. Each order is changed in its own
 * transaction: one that cannot be changed is reported by number and reason, the others are done.
 */
@Controller
@RequestMapping("/orders")
@PreAuthorize("hasAnyRole('ADMIN','OPERATOR')")
class OrderBulkController {

    /** The outcome of a bulk action, shown once after the redirect. */
    record BulkResult(String action, int done, List<String> failures) implements Serializable {
    }

    private final OrderManagement orders;
    private final ShipmentGrouping grouping;
    private final ChannelManagement channels;
    private final MessageSource messages;

    OrderBulkController(OrderManagement orders, ShipmentGrouping grouping, ChannelManagement channels, MessageSource messages) {
        this.orders = orders;
        this.grouping = grouping;
        this.channels = channels;
        this.messages = messages;
    }

    @PostMapping("/bulk")
    String bulk(@RequestParam(name = "ids", required = false) List<Long> ids, @RequestParam String action,
            @RequestParam(required = false) String note, @RequestParam(required = false) String carrier,
            @RequestParam(required = false) String service, @RequestParam(required = false) String back,
            Locale locale, RedirectAttributes redirect) {
        String target = back != null && back.startsWith("/orders") && !back.startsWith("//") ? back : "/orders";
        List<Long> chosen = ids == null ? List.of() : ids;
        if (chosen.isEmpty()) {
            redirect.addFlashAttribute("bulkResult", new BulkResult(action, 0,
                    List.of(messages.getMessage("orders.bulk.noneSelected", null, locale))));
            return "redirect:" + target;
        }
        List<String> failures = new ArrayList<>();
        int done = 0;
        if ("merge".equals(action)) {
            try {
                grouping.merge(chosen, false);
                done = chosen.size();
            } catch (InvalidInputException e) {
                failures.add(e.errors().getFirst().message());
            } catch (ConflictException | NotFoundException e) {
                failures.add(e.getMessage());
            }
        } else {
            for (long id : chosen) {
                try {
                    switch (action) {
                        case "release" -> orders.releaseAllHolds(id, note);
                        case "carrier" -> orders.assignCarrier(id, carrier, service);
                        case "cancel" -> orders.cancel(id, note);
                        default -> throw new InvalidInputException("action", "unknown action " + action);
                    }
                    done++;
                } catch (InvalidInputException e) {
                    failures.add(label(id) + ": " + e.errors().getFirst().message());
                } catch (ConflictException | NotFoundException e) {
                    failures.add(label(id) + ": " + e.getMessage());
                }
            }
        }
        redirect.addFlashAttribute("bulkResult", new BulkResult(action, done, failures));
        return "redirect:" + target;
    }

    @GetMapping("/merge-candidates")
    String candidates(Model model) {
        model.addAttribute("candidates", grouping.candidates(200));
        model.addAttribute("channelNames", channels.list().stream()
                .collect(java.util.stream.Collectors.toMap(SalesChannel::id, SalesChannel::name)));
        return "orders/merge-candidates";
    }

    @PostMapping("/merge-candidates/merge")
    String merge(@RequestParam(name = "ids", required = false) List<Long> ids, RedirectAttributes redirect) {
        try {
            MergeGroup group = grouping.merge(ids, false);
            redirect.addFlashAttribute(Notice.ATTRIBUTE, new Notice("orders.merge.done", String.valueOf(group.orders().size())));
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute("bulkResult", new BulkResult("merge", 0, List.of(e.errors().getFirst().message())));
        } catch (ConflictException | NotFoundException e) {
            redirect.addFlashAttribute("bulkResult", new BulkResult("merge", 0, List.of(e.getMessage())));
        }
        return "redirect:/orders/merge-candidates";
    }

    private String label(long id) {
        try {
            return orders.get(id).channelOrderNumber();
        } catch (NotFoundException e) {
            return "#" + id;
        }
    }
}
