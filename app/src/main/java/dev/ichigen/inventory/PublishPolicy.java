package dev.ichigen.inventory;

import java.util.ArrayList;
import java.util.List;

import dev.ichigen.shared.FieldError;

/**
 * 在庫連動の設定: how much of the available stock a channel may show.
 *
 * <p>The quantity shown is computed in this order:
 * <ol>
 * <li>when {@code zeroAtOrBelow} is set and available ≤ it, show 0 (品切れ扱いの閾値 — sell the last units
 * only where stock is counted first, e.g. the own shop);</li>
 * <li>subtract {@code holdBack} (安全在庫), never going below 0;</li>
 * <li>take {@code percentage} % of the rest, rounded down (so two channels at 50 % never show more than
 * there is);</li>
 * <li>cap at {@code maxQuantity} (表示上限) when set.</li>
 * </ol>
 * {@code syncEnabled = false} means the channel's stock is not managed by ichigen: no quantity is pushed.
 *
 * @param syncEnabled   在庫連動する
 * @param holdBack      安全在庫, ≥ 0
 * @param maxQuantity   show at most this many, ≥ 0; null = no cap
 * @param percentage    0–100 % of what remains after the hold-back
 * @param zeroAtOrBelow show 0 when available is at or below this, ≥ 0; null = off
 */
public record PublishPolicy(boolean syncEnabled, int holdBack, Integer maxQuantity, int percentage,
        Integer zeroAtOrBelow) {

    /** What a channel without any policy gets: everything available, synced. */
    public static final PublishPolicy DEFAULT = new PublishPolicy(true, 0, null, 100, null);

    public PublishPolicy {
        List<FieldError> errors = problems(holdBack, maxQuantity, percentage, zeroAtOrBelow);
        if (!errors.isEmpty()) {
            throw new dev.ichigen.shared.InvalidInputException(errors);
        }
    }

    /** The field errors a policy with these values would have (JSON field names). */
    public static List<FieldError> problems(int holdBack, Integer maxQuantity, int percentage, Integer zeroAtOrBelow) {
        List<FieldError> errors = new ArrayList<>();
        if (holdBack < 0) {
            errors.add(new FieldError("holdBack", "must be 0 or more"));
        }
        if (maxQuantity != null && maxQuantity < 0) {
            errors.add(new FieldError("maxQuantity", "must be 0 or more (or empty for no cap)"));
        }
        if (percentage < 0 || percentage > 100) {
            errors.add(new FieldError("percentage", "must be between 0 and 100"));
        }
        if (zeroAtOrBelow != null && zeroAtOrBelow < 0) {
            errors.add(new FieldError("zeroAtOrBelow", "must be 0 or more (or empty for off)"));
        }
        return errors;
    }

    /** The quantity to show for {@code available} units (negative available counts as 0). */
    public long publishable(long available) {
        long a = Math.max(0, available);
        if (zeroAtOrBelow != null && a <= zeroAtOrBelow) {
            return 0;
        }
        long q = Math.max(0, a - holdBack);
        // floor(q × percentage / 100) without overflow for any realistic stock (q < 2^56)
        q = q * percentage / 100;
        if (maxQuantity != null) {
            q = Math.min(q, maxQuantity);
        }
        return q;
    }
}
