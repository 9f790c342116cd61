package dev.ichigen.channel.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.ichigen.channel.sandbox.JapaneseAddresses.PostalArea;
import dev.ichigen.channel.sandbox.SandboxOrderGenerator.GeneratedOrder;

class SandboxOrderGeneratorTests {

    static final List<SandboxListing> LISTINGS = List.of(SandboxListing.of("TEA-SENCHA-100", "", "静岡煎茶", 1080, 500),
            SandboxListing.of("TSHIRT-ORG", "NV-M", "オーガニックTシャツ ネイビー M", 3980, 500),
            new SandboxListing("SET-TEA-TRIO", "", "お茶 3種セット", 3240, 8, 500, true, 0, 0, 0, null));
    static final LocalDate TODAY = LocalDate.of(2026, 11, 23);

    @Test
    void theSameSeedGivesTheSameOrders() {
        SandboxOrderGenerator a = new SandboxOrderGenerator(2026), b = new SandboxOrderGenerator(2026);
        List<GeneratedOrder> first = new ArrayList<>(), second = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            first.add(a.next(LISTINGS, TODAY));
            second.add(b.next(LISTINGS, TODAY));
        }
        assertThat(first).isEqualTo(second);
        assertThat(new SandboxOrderGenerator(2027).next(LISTINGS, TODAY)).isNotEqualTo(first.get(0));
    }

    @Test
    void addressesAreRealPostalCodesWhosePrefectureCityAndTownAgree() {
        Set<String> known = new HashSet<>();
        for (PostalArea p : JapaneseAddresses.all()) {
            known.add(p.postalCode() + "|" + p.prefecture() + "|" + p.city() + "|" + p.town());
        }
        SandboxOrderGenerator g = new SandboxOrderGenerator(99);
        Set<String> prefectures = new HashSet<>();
        boolean island = false;
        for (int i = 0; i < 600; i++) {
            SandboxPerson p = g.person();
            assertThat(p.postalCode()).matches("\\d{3}-\\d{4}");
            assertThat(known).contains(p.postalCode().replace("-", "") + "|" + p.prefecture() + "|" + p.city() + "|" + p.town());
            assertThat(p.familyNameKana() + p.givenNameKana()).matches("[\\u30A0-\\u30FF]+");
            assertThat(p.phone()).matches("0\\d{1,4}-\\d{1,4}-\\d{4}");
            assertThat(p.email()).matches("[a-z.]+\\d{2}@example\\.(jp|ne\\.jp|co\\.jp|com)");
            prefectures.add(p.prefecture());
            island |= p.remoteIsland();
        }
        assertThat(prefectures).hasSizeGreaterThan(40).contains("沖縄県", "北海道", "東京都");
        assertThat(island).isTrue();
    }

    @Test
    void thePostalSampleCoversEveryPrefectureAndTheRemoteIslands() {
        List<PostalArea> all = JapaneseAddresses.all();
        assertThat(all).hasSizeGreaterThan(300);
        assertThat(all).extracting(PostalArea::prefecture).containsAll(SandboxServer.PREFECTURES);
        assertThat(all).allSatisfy(p -> assertThat(p.postalCode()).matches("\\d{7}"));
        assertThat(all).anySatisfy(p -> assertThat(p.prefecture() + p.city()).isEqualTo("東京都大島町"));
        assertThat(all).anySatisfy(p -> assertThat(p.prefecture() + p.city()).isEqualTo("長崎県対馬市"));
        assertThat(all).filteredOn(PostalArea::remoteIsland).extracting(PostalArea::prefecture)
                .contains("東京都", "長崎県", "沖縄県", "鹿児島県", "新潟県");
        // 1000101 is 東京都大島町元町 in Japan Post's data
        assertThat(all).anySatisfy(p -> assertThat(p.postalCode() + p.city() + p.town()).isEqualTo("1000101大島町元町"));
    }

    @Test
    void ordersCarryTheJapaneseDetailsAShopSees() {
        SandboxOrderGenerator g = new SandboxOrderGenerator(5);
        List<GeneratedOrder> orders = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            orders.add(g.next(LISTINGS, TODAY));
        }
        assertThat(orders).extracting(GeneratedOrder::payment).contains(SandboxOrder.Payment.values());
        assertThat(orders).anySatisfy(o -> assertThat(o.picks()).hasSizeGreaterThan(1));
        assertThat(orders).anySatisfy(o -> assertThat(o.picks()).extracting(SandboxOrderGenerator.Pick::key).contains("SET-TEA-TRIO"));
        assertThat(orders).anySatisfy(o -> assertThat(o.noshi()).isNotNull());
        assertThat(orders).anySatisfy(o -> assertThat(o.giftWrap()).isTrue());
        assertThat(orders).anySatisfy(o -> assertThat(o.remarks()).isNotNull());
        assertThat(orders).anySatisfy(o -> assertThat(o.slot()).isNotNull());
        assertThat(orders).anySatisfy(o -> assertThat(o.recipient()).isNotEqualTo(o.buyer()));
        assertThat(orders).anySatisfy(o -> assertThat(o.couponDiscount()).isPositive());
        assertThat(orders).anySatisfy(o -> assertThat(o.pointsUsed()).isPositive());
        assertThat(orders).filteredOn(o -> o.deliveryDate() != null)
                .allSatisfy(o -> assertThat(o.deliveryDate()).isBetween(TODAY.plusDays(3), TODAY.plusDays(7)));
    }

    @Test
    void eachOrderTakesThePlatformsOwnStockAndThePlatformNeverSellsBelowZero() {
        RakutenSandbox store = RakutenSandbox.withDefaults(0, 1);
        store.seed(List.of(SandboxListing.of("tea", "", "煎茶", 1080, 5)));
        List<SandboxOrder> orders = store.generateOrders(100);
        assertThat(orders.stream().mapToInt(SandboxOrder::units).sum()).isEqualTo(5);
        assertThat(store.stock("tea", "")).contains(0);
        assertThat(store.placeOrder(List.of(new SandboxOrderGenerator.Pick("tea", 1)))).isNull();
        assertThat(orders).allSatisfy(o -> assertThat(o.total()).isEqualTo(o.goodsTotal() + o.shippingFee() + o.codFee()
                + o.giftWrapFee()));
        assertThat(orders).filteredOn(o -> o.payment() == SandboxOrder.Payment.COD).allSatisfy(o -> assertThat(o.codFee()).isEqualTo(330));
    }
}
