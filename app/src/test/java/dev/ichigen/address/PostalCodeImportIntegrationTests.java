package dev.ichigen.address;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.PlatformTransactionManager;

import dev.ichigen.address.PostalImportReport.Status;
import dev.ichigen.address.data.BundledPostalData;
import dev.ichigen.address.data.PostalRows;
import dev.ichigen.address.kenall.KenAllFixture;
import dev.ichigen.platform.AuditLog;
import dev.ichigen.shared.csv.CsvSource;
import dev.ichigen.support.Api;
import dev.ichigen.support.IchigenIntegrationTest;
import tools.jackson.databind.JsonNode;

/**
 * Refreshing the data from Japan Post's files. This context starts without the bundled data
 * ({@code ichigen.address.load-bundled-data=false}) and every test sets up the data set it needs.
 */
@IchigenIntegrationTest
@TestPropertySource(properties = "ichigen.address.load-bundled-data=false")
class PostalCodeImportIntegrationTests {

    /** Rows and codes of {@link KenAllFixture#LINES} once joined, cleaned and de-duplicated. */
    static final int FIXTURE_ROWS = 21;
    static final int FIXTURE_CODES = 18;

    @LocalServerPort
    int port;

    @Autowired
    PostalCodeImports imports;

    @Autowired
    PostalCodes postalCodes;

    @Autowired
    AuditLog audit;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PostalAreaStore store;

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    Clock clock;

    @Test
    void importReplacesTheWholeDataSetAndIsAudited() {
        importFixtureFresh();
        PostalDataSet set = postalCodes.dataSet();
        assertThat(set.origin()).isEqualTo(PostalDataSet.Origin.IMPORTED);
        assertThat(set.source()).isEqualTo("KEN_ALL.CSV");
        assertThat(set.rows()).isEqualTo(FIXTURE_ROWS);
        assertThat(set.codes()).isEqualTo(FIXTURE_CODES);
        assertThat(count()).isEqualTo(FIXTURE_ROWS);
        assertThat(postalCodes.lookup("0330071")).singleElement().satisfies(a -> {
            assertThat(a.town()).isEqualTo("犬落瀬");
            assertThat(a.townKana()).isEqualTo("イヌオトセ");
            assertThat(a.rawTown()).startsWith("犬落瀬（内金矢、").endsWith("大曲）");
        });
        assertThat(postalCodes.lookup("0600000")).extracting(PostalArea::town).containsExactly("");
        assertThat(postalCodes.lookup("4980000")).extracting(PostalArea::prefecture).containsExactly("愛知県", "三重県");
        assertThat(postalCodes.lookup("4340000")).isEmpty(); // 廃止
        assertThat(audit.search("postal_data_set", "1", null, 0, 5).items().getFirst()).satisfies(e -> {
            assertThat(e.action()).isEqualTo("postal-codes.import");
            assertThat(e.summary()).contains("KEN_ALL.CSV").contains(FIXTURE_ROWS + " 行");
        });
    }

    @Test
    void importingTheSameDataAgainWritesNothingWhateverTheFileFormat() {
        importFixtureFresh();
        PostalDataSet before = postalCodes.dataSet();
        long auditEntries = auditEntries();

        PostalImportReport again = imports.importFile("KEN_ALL.CSV", CsvSource.of(KenAllFixture.kenAll()), true);
        assertThat(again.status()).isEqualTo(Status.UNCHANGED);
        assertThat(again.rows()).isEqualTo(FIXTURE_ROWS);
        // the UTF-8 one-record-per-line file and the zip Japan Post distributes hold the same data
        PostalImportReport utf = imports.importFile("utf_ken_all.csv", CsvSource.of(KenAllFixture.utfKenAll()), true);
        assertThat(utf.status()).isEqualTo(Status.UNCHANGED);
        assertThat(utf.encoding()).isEqualTo("UTF-8");
        PostalImportReport zip = imports.importFile("ken_all.zip",
                CsvSource.of(KenAllFixture.zip("KEN_ALL.CSV", KenAllFixture.kenAll())), true);
        assertThat(zip.status()).isEqualTo(Status.UNCHANGED);
        assertThat(zip.source()).isEqualTo("ken_all.zip (KEN_ALL.CSV)");
        assertThat(zip.encoding()).isEqualTo("Shift_JIS (CP932)");

        assertThat(postalCodes.dataSet()).isEqualTo(before);
        assertThat(auditEntries()).isEqualTo(auditEntries);
    }

    @Test
    void aFileWithAWrongLineWritesNothing() {
        importFixtureFresh();
        PostalDataSet before = postalCodes.dataSet();
        long auditEntries = auditEntries();
        List<String> lines = new ArrayList<>(KenAllFixture.LINES);
        lines.add("13101,\"100  \",\"1000005\",\"ﾄｳｷｮｳﾄ\",\"ﾁﾖﾀﾞｸ\",\"ﾏﾙﾉｳﾁ(ﾂｷﾞﾉﾋﾞﾙｦﾉｿﾞｸ)\",\"東京都\",\"千代田区\",\"丸の内（次のビルを除く）\",0,0,1,0,0,0");
        lines.set(14, lines.get(14).replace("\"1000004\"", "\"10000O4\""));
        PostalImportReport report = imports.importFile("KEN_ALL.CSV", CsvSource.of(KenAllFixture.kenAll(lines)), true);
        assertThat(report.status()).isEqualTo(Status.REJECTED);
        assertThat(report.errors()).singleElement().satisfies(e -> {
            assertThat(e.line()).isEqualTo(15);
            assertThat(e.column()).isEqualTo(3);
            assertThat(e.field()).isEqualTo("郵便番号（7桁）");
            assertThat(e.value()).isEqualTo("10000O4");
        });
        assertThat(postalCodes.lookup("1000005")).isEmpty();
        assertThat(postalCodes.lookup("1000004")).extracting(PostalArea::town).containsExactly("大手町");
        assertThat(postalCodes.dataSet()).isEqualTo(before);
        assertThat(auditEntries()).isEqualTo(auditEntries);
    }

    @Test
    void aFileWithoutEveryPrefectureIsRefusedUnlessPartialIsAsked() {
        importFixtureFresh();
        List<String> tokyoOnly = KenAllFixture.LINES.stream().filter(l -> l.startsWith("13101")).toList();
        PostalImportReport refused = imports.importFile("13TOKYO.CSV", CsvSource.of(KenAllFixture.kenAll(tokyoOnly)), false);
        assertThat(refused.status()).isEqualTo(Status.REJECTED);
        assertThat(refused.errors().getFirst().message()).contains("全国のデータではありません").contains("1 都道府県").contains("partial=true");
        assertThat(count()).isEqualTo(FIXTURE_ROWS);

        PostalImportReport partial = imports.importFile("13TOKYO.CSV", CsvSource.of(KenAllFixture.kenAll(tokyoOnly)), true);
        assertThat(partial.status()).isEqualTo(Status.IMPORTED);
        assertThat(partial.warnings()).singleElement().asString().contains("東京都");
        assertThat(count()).isEqualTo(tokyoOnly.size());
        assertThat(postalCodes.lookup("0600000")).isEmpty();
    }

    @Test
    void restImportAnswersTheReportAndOnlyAdminsMayImport() {
        importFixtureFresh();
        Api admin = Api.admin(port);
        Api.Response ok = admin.postBytes("/api/v1/postal-codes/imports?partial=true", Multipart.CONTENT_TYPE,
                Multipart.file("utf_ken_all.zip", KenAllFixture.zip("utf_ken_all.csv", KenAllFixture.utfKenAll())));
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.json().get("status").asString()).isEqualTo("UNCHANGED");
        assertThat(ok.json().get("source").asString()).isEqualTo("utf_ken_all.zip (utf_ken_all.csv)");

        List<String> lines = new ArrayList<>(KenAllFixture.LINES);
        lines.set(2, lines.get(2).replace("\"北海道\"", "\"北海\""));
        Api.Response bad = admin.postBytes("/api/v1/postal-codes/imports?partial=true", Multipart.CONTENT_TYPE,
                Multipart.file("KEN_ALL.CSV", KenAllFixture.kenAll(lines)));
        assertThat(bad.status()).isEqualTo(422);
        JsonNode error = bad.json().get("errors").get(0);
        assertThat(bad.json().get("status").asString()).isEqualTo("REJECTED");
        assertThat(error.get("line").asLong()).isEqualTo(3);
        assertThat(error.get("column").asInt()).isEqualTo(7);
        assertThat(error.get("field").asString()).isEqualTo("都道府県名");

        Api.Response unreadable = admin.postBytes("/api/v1/postal-codes/imports", Multipart.CONTENT_TYPE,
                Multipart.file("ken_all.zip", KenAllFixture.zip("readme.txt", new byte[] { 1, 2, 3 })));
        assertThat(unreadable.status()).isEqualTo(422);
        assertThat(unreadable.json().get("status").asString()).isEqualTo("UNREADABLE");

        JsonNode set = admin.get("/api/v1/postal-codes").json();
        assertThat(set.get("origin").asString()).isEqualTo("IMPORTED");
        assertThat(set.get("rows").asLong()).isEqualTo(FIXTURE_ROWS);
        assertThat(new Api(port, null).get("/api/v1/postal-codes").status()).isEqualTo(401);
    }

    @Test
    void bundledDataIsLoadedOnceWhenTwoInstancesStartTogetherAndNeverOverImportedData() throws Exception {
        jdbc.sql("delete from postal_area").update();
        jdbc.sql("update postal_data_set set origin = null, source = null, row_count = 0, code_count = 0, content_hash = null, "
                + "loaded_at = null, loaded_by = null where id = 1").update();
        BundledPostalDataLoader first = new BundledPostalDataLoader(store, audit, transactions, clock, true);
        BundledPostalDataLoader second = new BundledPostalDataLoader(store, audit, transactions, clock, true);
        CyclicBarrier start = new CyclicBarrier(2);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Callable<Boolean> loadFirst = () -> {
                start.await();
                return first.loadIfEmpty();
            };
            Callable<Boolean> loadSecond = () -> {
                start.await();
                return second.loadIfEmpty();
            };
            Future<Boolean> a = pool.submit(loadFirst);
            Future<Boolean> b = pool.submit(loadSecond);
            assertThat(List.of(a.get(), b.get())).containsExactlyInAnyOrder(true, false);
        } finally {
            pool.shutdownNow();
        }
        long bundledRows = PostalRows.prepare(BundledPostalData.read().rows()).size();
        assertThat(count()).isEqualTo(bundledRows);
        assertThat(postalCodes.dataSet().rows()).isEqualTo(bundledRows);
        assertThat(postalCodes.dataSet().origin()).isEqualTo(PostalDataSet.Origin.BUNDLED);
        assertThat(postalCodes.lookup("1000001")).extracting(PostalArea::town).containsExactly("千代田");

        importFixtureFresh();
        assertThat(first.loadIfEmpty()).isFalse();
        assertThat(count()).isEqualTo(FIXTURE_ROWS);
    }

    /** Makes the fixture the data set, writing it even if it was already loaded. */
    private void importFixtureFresh() {
        List<String> without = KenAllFixture.LINES.subList(0, KenAllFixture.LINE_COUNT - 1);
        assertThat(imports.importFile("KEN_ALL.CSV", CsvSource.of(KenAllFixture.kenAll(without)), true).status())
                .isIn(Status.IMPORTED);
        PostalImportReport report = imports.importFile("KEN_ALL.CSV", CsvSource.of(KenAllFixture.kenAll()), true);
        assertThat(report.status()).isEqualTo(Status.IMPORTED);
        assertThat(report.lines()).isEqualTo(KenAllFixture.LINE_COUNT);
        assertThat(report.joinedLines()).isEqualTo(7);
        assertThat(report.abolished()).isEqualTo(1);
        assertThat(report.rows()).isEqualTo(FIXTURE_ROWS);
        assertThat(report.codes()).isEqualTo(FIXTURE_CODES);
        assertThat(report.importedBy()).isEqualTo("system");
    }

    private long count() {
        return jdbc.sql("select count(*) from postal_area").query(Long.class).single();
    }

    private long auditEntries() {
        return audit.search("postal_data_set", "1", null, 0, 1).total();
    }
}
