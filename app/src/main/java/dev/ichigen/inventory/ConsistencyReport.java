package dev.ichigen.inventory;

import java.time.Instant;
import java.util.List;

/** The result of recomputing every balance from the ledger (在庫整合性チェック). */
public record ConsistencyReport(Instant checkedAt, long balancesChecked, List<StockDrift> drifts) {

    public boolean consistent() {
        return drifts.isEmpty();
    }
}
