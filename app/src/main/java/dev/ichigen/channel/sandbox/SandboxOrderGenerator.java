package dev.ichigen.channel.sandbox;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import dev.ichigen.channel.sandbox.JapaneseAddresses.PostalArea;
import dev.ichigen.channel.sandbox.SandboxOrder.DeliverySlot;
import dev.ichigen.channel.sandbox.SandboxOrder.Payment;

/**
 * Realistic Japanese orders, reproducible from a seed (same seed + same listings = same orders): buyers with
 * kanji and katakana names, real postal codes whose prefecture/city/town match (remote islands and Okinawa
 * among them), mobile or area-coded phone numbers, mail addresses, a recipient other than the buyer now and
 * then (gifts), delivery date and time-slot wishes, gift wrapping and のし, customer remarks, payment
 * methods (card, 代引き, 銀行振込, 後払い, コンビニ, wallet = 楽天ペイ/PayPay/Amazon Pay), multi-line orders,
 * sets, coupons and points. Quantities and lines are drawn from the listings that still show stock, as a
 * platform only sells what it shows.
 */
public final class SandboxOrderGenerator {

    /** What a buyer ordered, before a store turns it into its platform's order. */
    public record GeneratedOrder(SandboxPerson buyer, SandboxPerson recipient, List<Pick> picks, Payment payment,
            LocalDate deliveryDate, DeliverySlot slot, boolean giftWrap, String noshi, String remarks,
            int couponDiscount, int pointsUsed) {
    }

    /** A listing (by key) and how many units. */
    public record Pick(String key, int quantity) {
    }

    // family name, katakana, romaji
    private static final String[][] FAMILY = { { "佐藤", "サトウ", "sato" }, { "鈴木", "スズキ", "suzuki" },
            { "高橋", "タカハシ", "takahashi" }, { "田中", "タナカ", "tanaka" }, { "伊藤", "イトウ", "ito" },
            { "渡辺", "ワタナベ", "watanabe" }, { "山本", "ヤマモト", "yamamoto" }, { "中村", "ナカムラ", "nakamura" },
            { "小林", "コバヤシ", "kobayashi" }, { "加藤", "カトウ", "kato" }, { "吉田", "ヨシダ", "yoshida" },
            { "山田", "ヤマダ", "yamada" }, { "佐々木", "ササキ", "sasaki" }, { "山口", "ヤマグチ", "yamaguchi" },
            { "松本", "マツモト", "matsumoto" }, { "井上", "イノウエ", "inoue" }, { "木村", "キムラ", "kimura" },
            { "林", "ハヤシ", "hayashi" }, { "斎藤", "サイトウ", "saito" }, { "清水", "シミズ", "shimizu" },
            { "山崎", "ヤマザキ", "yamazaki" }, { "森", "モリ", "mori" }, { "池田", "イケダ", "ikeda" },
            { "橋本", "ハシモト", "hashimoto" }, { "阿部", "アベ", "abe" }, { "石川", "イシカワ", "ishikawa" },
            { "前田", "マエダ", "maeda" }, { "藤田", "フジタ", "fujita" }, { "後藤", "ゴトウ", "goto" },
            { "岡田", "オカダ", "okada" }, { "長谷川", "ハセガワ", "hasegawa" }, { "村上", "ムラカミ", "murakami" },
            { "近藤", "コンドウ", "kondo" }, { "石井", "イシイ", "ishii" }, { "坂本", "サカモト", "sakamoto" },
            { "遠藤", "エンドウ", "endo" }, { "比嘉", "ヒガ", "higa" }, { "金城", "キンジョウ", "kinjo" },
            { "阿比留", "アビル", "abiru" }, { "東海林", "ショウジ", "shoji" }, { "小鳥遊", "タカナシ", "takanashi" } };

    private static final String[][] GIVEN = { { "太郎", "タロウ", "taro" }, { "花子", "ハナコ", "hanako" },
            { "翔太", "ショウタ", "shota" }, { "美咲", "ミサキ", "misaki" }, { "大輔", "ダイスケ", "daisuke" },
            { "陽菜", "ヒナ", "hina" }, { "健一", "ケンイチ", "kenichi" }, { "由美子", "ユミコ", "yumiko" },
            { "蓮", "レン", "ren" }, { "結衣", "ユイ", "yui" }, { "誠", "マコト", "makoto" },
            { "恵", "メグミ", "megumi" }, { "拓也", "タクヤ", "takuya" }, { "さくら", "サクラ", "sakura" },
            { "浩二", "コウジ", "koji" }, { "千尋", "チヒロ", "chihiro" }, { "直樹", "ナオキ", "naoki" },
            { "裕子", "ユウコ", "yuko" }, { "悠真", "ユウマ", "yuma" }, { "葵", "アオイ", "aoi" },
            { "和也", "カズヤ", "kazuya" }, { "真由美", "マユミ", "mayumi" }, { "隆", "タカシ", "takashi" },
            { "あかり", "アカリ", "akari" }, { "大和", "ヤマト", "yamato" }, { "芽衣", "メイ", "mei" } };

    private static final String[] BUILDINGS = { "コーポ桜", "メゾン青葉", "グランドハイツ", "サンシャイン第2ビル",
            "パークハウス", "ハイツ松風", "レジデンス緑ヶ丘", "シャトー白石" };

    private static final String[] MAIL_DOMAINS = { "example.jp", "example.ne.jp", "example.co.jp", "example.com" };

    private static final String[] REMARKS = { "不在の場合は宅配ボックスに入れてください。", "領収書の発行をお願いします（宛名：株式会社サンプル商事）。",
            "贈り物なので金額のわかる明細書は入れないでください。", "置き配を希望します（玄関前）。", "できるだけ早く届けてほしいです。",
            "平日は日中不在にしております。", "インターホンが故障しているのでお電話ください。", "のし紙に「山田」と名入れをお願いします。" };

    private static final String[] NOSHI = { "御祝", "内祝", "御礼", "御中元", "御歳暮", "粗品", "御見舞" };

    private final Random random;

    public SandboxOrderGenerator(long seed) {
        this.random = new Random(seed);
    }

    /**
     * The next order over {@code listings} (those with stock only); {@code null} when nothing is in stock.
     * {@code today} anchors the delivery date wish.
     */
    public synchronized GeneratedOrder next(List<SandboxListing> listings, LocalDate today) {
        List<SandboxListing> inStock = listings.stream().filter(l -> l.quantity() > 0).toList();
        if (inStock.isEmpty()) {
            return null;
        }
        int lineCount = pick(new int[] { 70, 20, 10 }) + 1;
        List<Pick> picks = new ArrayList<>();
        List<String> used = new ArrayList<>();
        for (int i = 0; i < lineCount && used.size() < inStock.size(); i++) {
            SandboxListing l = inStock.get(random.nextInt(inStock.size()));
            if (used.contains(l.key())) {
                continue;
            }
            used.add(l.key());
            int q = random.nextInt(100) < 80 ? 1 : 2 + random.nextInt(2);
            picks.add(new Pick(l.key(), Math.min(q, l.quantity())));
        }
        return build(picks, today);
    }

    /** An order for exactly these picks, with a generated buyer and the rest drawn as usual. */
    public synchronized GeneratedOrder forPicks(List<Pick> picks, LocalDate today) {
        return build(List.copyOf(picks), today);
    }

    private GeneratedOrder build(List<Pick> picks, LocalDate today) {
        SandboxPerson buyer = person();
        boolean gift = random.nextInt(100) < 12;
        SandboxPerson recipient = gift ? person() : buyer;
        Payment payment = Payment.values()[pick(new int[] { 45, 10, 8, 10, 7, 20 })];
        LocalDate date = random.nextInt(100) < 30 ? today.plusDays(3 + random.nextInt(5)) : null;
        DeliverySlot slot = random.nextInt(100) < 40 ? DeliverySlot.values()[random.nextInt(DeliverySlot.values().length)] : null;
        boolean wrap = gift || random.nextInt(100) < 5;
        String noshi = wrap && random.nextInt(100) < 40 ? NOSHI[random.nextInt(NOSHI.length)] : null;
        String remarks = random.nextInt(100) < 20 ? REMARKS[random.nextInt(REMARKS.length)] : null;
        int coupon = random.nextInt(100) < 15 ? new int[] { 100, 300, 500 }[random.nextInt(3)] : 0;
        int points = random.nextInt(100) < 20 ? 50 + random.nextInt(10) * 50 : 0;
        return new GeneratedOrder(buyer, recipient, picks, payment, date, slot, wrap, noshi, remarks, coupon, points);
    }

    /** A person at a real address (postal code, prefecture, city and town agree). */
    public synchronized SandboxPerson person() {
        String[] family = FAMILY[random.nextInt(FAMILY.length)];
        String[] given = GIVEN[random.nextInt(GIVEN.length)];
        List<PostalArea> areas = JapaneseAddresses.all();
        PostalArea area = areas.get(random.nextInt(areas.size()));
        String street = random.nextBoolean()
                ? "%d-%d-%d".formatted(1 + random.nextInt(5), 1 + random.nextInt(20), 1 + random.nextInt(30))
                : "%d番地%d".formatted(1 + random.nextInt(999), 1 + random.nextInt(20));
        if (random.nextInt(100) < 30) {
            street += " " + BUILDINGS[random.nextInt(BUILDINGS.length)] + " " + (1 + random.nextInt(9)) + "0"
                    + (1 + random.nextInt(9)) + "号室";
        }
        String phone = phone(area);
        String email = given[2] + "." + family[2] + (random.nextInt(90) + 10) + "@" + MAIL_DOMAINS[random.nextInt(MAIL_DOMAINS.length)];
        String postal = area.postalCode().substring(0, 3) + "-" + area.postalCode().substring(3);
        return new SandboxPerson(family[0], given[0], family[1], given[1], postal, area.prefecture(), area.city(),
                area.town(), street, phone, email, area.remoteIsland());
    }

    /** Mobile (090/080/070) mostly; a landline where the area code is certain (東京23区 03, 大阪市 06). */
    private String phone(PostalArea area) {
        boolean tokyo23 = "東京都".equals(area.prefecture()) && area.city().endsWith("区");
        boolean osaka = area.city().startsWith("大阪市");
        if ((tokyo23 || osaka) && random.nextInt(100) < 40) {
            return "%s-%04d-%04d".formatted(tokyo23 ? "03" : "06", random.nextInt(10000), random.nextInt(10000));
        }
        String prefix = new String[] { "090", "080", "070" }[pick(new int[] { 50, 40, 10 })];
        return "%s-%04d-%04d".formatted(prefix, 1000 + random.nextInt(9000), random.nextInt(10000));
    }

    synchronized int nextInt(int bound) {
        return random.nextInt(bound);
    }

    private int pick(int[] weights) {
        int total = 0;
        for (int w : weights) {
            total += w;
        }
        int r = random.nextInt(total);
        for (int i = 0; i < weights.length; i++) {
            r -= weights[i];
            if (r < 0) {
                return i;
            }
        }
        return weights.length - 1;
    }
}
