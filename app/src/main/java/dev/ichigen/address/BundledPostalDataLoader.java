package dev.ichigen.address;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.ichigen.address.data.BundledPostalData;
import dev.ichigen.address.data.PostalRow;
import dev.ichigen.address.data.PostalRows;
import dev.ichigen.platform.AuditLog;
import dev.ichigen.platform.CurrentActor;

/**
 * Loads the postal code data shipped with the app into an empty database, once, while the application
 * starts (before it serves requests), so lookups always have data. Several instances starting together on
 * one PostgreSQL load it once: the loading transaction locks the data-set row and checks again that
 * nothing is loaded. Imported data is never overwritten. {@code ichigen.address.load-bundled-data=false}
 * turns it off (e.g. to start empty and import the official file).
 */
@Component
class BundledPostalDataLoader implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(BundledPostalDataLoader.class);

    private final PostalAreaStore store;
    private final AuditLog audit;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final boolean enabled;

    BundledPostalDataLoader(PostalAreaStore store, AuditLog audit, PlatformTransactionManager transactions, Clock clock,
            @Value("${ichigen.address.load-bundled-data:true}") boolean enabled) {
        this.store = store;
        this.audit = audit;
        this.transaction = new TransactionTemplate(transactions);
        this.clock = clock;
        this.enabled = enabled;
    }

    @Override
    public void afterSingletonsInstantiated() {
        if (enabled) {
            loadIfEmpty();
        }
    }

    /** Loads the bundled data unless a data set is loaded; answers whether it loaded. */
    boolean loadIfEmpty() {
        if (store.dataSet().origin() != null) {
            return false;
        }
        long started = System.nanoTime();
        BundledPostalData.Contents contents = BundledPostalData.read();
        List<PostalRow> rows = PostalRows.prepare(contents.rows());
        int codes = PostalRows.codeCount(rows);
        long prepared = System.nanoTime();
        Boolean loaded = transaction.execute(status -> {
            PostalAreaStore.DataSetRow state = store.lockDataSet();
            if (state.origin() != null) {
                return false; // another instance loaded it while we waited for the lock
            }
            if (store.countRows() > 0) {
                log.warn("postal_area holds rows but no data set is recorded: not loading the bundled postal codes");
                return false;
            }
            store.insertAll(rows);
            // No content hash: an import never equals the bundled data (it keeps raw towns and municipality
            // codes), so there is nothing to compare it with, and hashing 124k rows costs start-up time.
            store.updateDataSet(PostalDataSet.Origin.BUNDLED, contents.description(), rows.size(), codes, null,
                    clock.instant(), CurrentActor.name());
            audit.record("postal-codes.load-bundled", "postal_data_set", "1",
                    "同梱の郵便番号データを読み込みました: " + rows.size() + " 行, " + codes + " 件 (" + contents.description() + ")",
                    null, Map.of("source", contents.description(), "rows", rows.size(), "codes", codes));
            return true;
        });
        if (Boolean.TRUE.equals(loaded)) {
            log.info("loaded the bundled postal code data: {} rows, {} codes in {} ms (read {} ms, write {} ms)", rows.size(),
                    codes, (System.nanoTime() - started) / 1_000_000, (prepared - started) / 1_000_000,
                    (System.nanoTime() - prepared) / 1_000_000);
        }
        return Boolean.TRUE.equals(loaded);
    }
}
