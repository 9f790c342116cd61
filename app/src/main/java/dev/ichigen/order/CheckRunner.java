package dev.ichigen.order;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import dev.ichigen.platform.CurrentActor;

/**
 * Runs every enabled {@link OrderCheck} bean over a snapshot and brings the order's holds in line with
 * what they found:
 * <ul>
 * <li>a reason with no open hold of the same check, code and source reference → a new hold (HOLD_RAISED),
 * unless a person RELEASED such a hold with the same basis (the data it rested on did not change);</li>
 * <li>an open hold of a check that ran and no longer gives that reason → resolved FIXED (HOLD_FIXED);</li>
 * <li>holds of disabled or unknown checks, of people and of the channel are left alone.</li>
 * </ul>
 * A check that throws is a bug: it is logged and treated as having found nothing new — its open holds
 * stay as they are — so one broken check cannot stop the intake.
 */
@Component
class CheckRunner {

    private static final Logger log = LoggerFactory.getLogger(CheckRunner.class);

    private final List<OrderCheck> checks;
    private final CheckSettingsStore settings;
    private final OrderStore store;

    CheckRunner(List<OrderCheck> checks, CheckSettingsStore settings, OrderStore store) {
        this.checks = List.copyOf(checks);
        this.settings = settings;
        this.store = store;
    }

    List<OrderCheck> checks() {
        return checks;
    }

    /** Runs the checks; returns the codes of holds raised now. */
    List<String> run(OrderState state, OrderSnapshot snapshot, Instant now) {
        List<String> raised = new ArrayList<>();
        Set<String> ran = new HashSet<>();
        Set<String> failed = new HashSet<>();
        Map<String, Found> found = new java.util.LinkedHashMap<>();
        for (OrderCheck check : checks) {
            Map<String, String> values = settings.effective(check);
            if (!settings.enabled(values)) {
                continue;
            }
            ran.add(check.name());
            List<HoldReason> reasons;
            try {
                reasons = check.check(snapshot, new CheckContext(now, check.name(), values));
            } catch (RuntimeException e) {
                log.error("order check {} failed on order {}; its holds are left unchanged", check.name(), state.id, e);
                failed.add(check.name());
                continue;
            }
            for (HoldReason r : reasons) {
                String ref = r.sourceRef() == null ? check.name() : r.sourceRef();
                found.put(key(check.name(), r.code(), ref), new Found(check, r, ref, Texts.sha256(r.basis())));
            }
        }
        List<OrderStore.HoldRow> updated = new ArrayList<>();
        Set<String> openKeys = new HashSet<>();
        for (OrderStore.HoldRow h : state.holds) {
            if (!h.open() || h.raisedBy() == null) {
                updated.add(h);
                continue;
            }
            String k = key(h.raisedBy(), h.code(), h.sourceRef());
            Found f = found.get(k);
            if (f != null) {
                openKeys.add(k);
                if (!f.basisHash().equals(h.basisHash()) || !f.reason().detail().equals(h.detail())) {
                    store.updateHoldDetail(h.id(), f.reason().detail(), f.basisHash());
                    h = new OrderStore.HoldRow(h.id(), h.code(), f.reason().detail(), h.source(), h.sourceRef(),
                            h.raisedBy(), f.basisHash(), true, null);
                }
                updated.add(h);
            } else if (ran.contains(h.raisedBy()) && !failed.contains(h.raisedBy())) {
                store.resolveHold(h.id(), HoldResolution.FIXED, CurrentActor.name(), null, now);
                state.history("HOLD_FIXED", h.code(), h.detail(), null, "原因が解消したため自動で解除");
                updated.add(new OrderStore.HoldRow(h.id(), h.code(), h.detail(), h.source(), h.sourceRef(), h.raisedBy(),
                        h.basisHash(), false, HoldResolution.FIXED));
            } else {
                updated.add(h);
            }
        }
        for (Map.Entry<String, Found> e : found.entrySet()) {
            if (openKeys.contains(e.getKey())) {
                continue;
            }
            Found f = e.getValue();
            boolean releasedBefore = state.holds.stream().anyMatch(h -> !h.open()
                    && h.resolution() == HoldResolution.RELEASED && f.check().name().equals(h.raisedBy())
                    && f.reason().code().equals(h.code()) && f.ref().equals(h.sourceRef())
                    && f.basisHash().equals(h.basisHash()));
            if (releasedBefore) {
                continue;
            }
            long id = store.insertHold(state.id, f.reason().code(), f.reason().detail(), f.check().source(), f.ref(),
                    f.check().name(), f.basisHash(), now);
            updated.add(new OrderStore.HoldRow(id, f.reason().code(), f.reason().detail(), f.check().source(), f.ref(),
                    f.check().name(), f.basisHash(), true, null));
            state.history("HOLD_RAISED", f.reason().code(), null, f.reason().detail(), f.ref());
            raised.add(f.reason().code());
        }
        updated.sort(java.util.Comparator.comparingLong(OrderStore.HoldRow::id));
        state.holds = updated;
        return raised;
    }

    private static String key(String check, String code, String ref) {
        return check + '\u0000' + code + '\u0000' + ref;
    }

    private record Found(OrderCheck check, HoldReason reason, String ref, String basisHash) {
    }
}
