# Generates the demo product rows (generic keys) for ichigen's --demo data set.
def jan(body12):
    s = sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(body12))
    return body12 + str((10 - s % 10) % 10)

rows = []
seq = [0]
def nextjan():
    seq[0] += 1
    return jan("458012345" + f"{seq[0]:03d}")

def simple(sku, name, kana, brand, cat, price, tax, zone="AMBIENT", lot=False, w=None, dims=None, ship="宅配便", desc=""):
    rows.append(dict(sku=sku, kind="SIMPLE", jan=nextjan(), name=name, kana=kana, brand=brand, category=cat,
                     price=price, tax=tax, cost=int(price * 0.45), zone=zone, lot=lot, weight=w, dims=dims, ship=ship, desc=desc))

simple("TEA-SENCHA-100", "静岡県産 深蒸し煎茶 100g", "シズオカケンサン フカムシセンチャ", "茶葉の杜", "食品/日本茶", 1080, "REDUCED_8", lot=True, w=120, dims=(180, 110, 30), ship="メール便", desc="静岡・牧之原台地の一番茶を使った深蒸し煎茶です。")
simple("TEA-GYOKURO-50", "八女玉露 50g", "ヤメギョクロ", "茶葉の杜", "食品/日本茶", 1944, "REDUCED_8", lot=True, w=70, dims=(150, 100, 30), ship="メール便")
simple("TEA-HOJICHA-80", "京都 ほうじ茶 80g", "キョウト ホウジチャ", "茶葉の杜", "食品/日本茶", 756, "REDUCED_8", lot=True, w=100, dims=(180, 110, 40), ship="メール便")
simple("TEA-MATCHA-30", "宇治抹茶 薄茶用 30g缶", "ウジマッチャ ウスチャヨウ", "茶葉の杜", "食品/日本茶", 2160, "REDUCED_8", lot=True, w=90, dims=(80, 80, 80))
simple("TEA-GENMAI-TB", "玄米茶 ティーバッグ 5g×20包", "ゲンマイチャ ティーバッグ", "茶葉の杜", "食品/日本茶", 648, "REDUCED_8", lot=True, w=130, dims=(200, 130, 50), ship="メール便")
simple("RICE-KOSHI-5K", "新潟県産コシヒカリ 5kg 令和7年産", "ニイガタケンサン コシヒカリ", "越後米店", "食品/米", 4280, "REDUCED_8", lot=True, w=5100, dims=(400, 280, 90))
simple("RICE-YUME-2K", "北海道産ゆめぴりか 2kg", "ホッカイドウサン ユメピリカ", "越後米店", "食品/米", 1980, "REDUCED_8", lot=True, w=2050, dims=(300, 200, 70))
simple("FOOD-GYOZA-30", "冷凍 国産豚肉の焼き餃子 30個入", "レイトウ ヤキギョウザ", "浜松餃子工房", "食品/冷凍食品", 1680, "REDUCED_8", zone="FROZEN", lot=True, w=750, dims=(300, 200, 60), ship="冷凍便")
simple("FOOD-NAMACHOCO", "生チョコレート 抹茶 20粒", "ナマチョコレート マッチャ", "茶葉の杜", "食品/菓子", 1296, "REDUCED_8", zone="CHILLED", lot=True, w=200, dims=(150, 150, 40), ship="冷蔵便")
simple("FOOD-KOMBU-100", "北海道 日高昆布 100g", "ホッカイドウ ヒダカコンブ", "北の海産", "食品/乾物", 864, "REDUCED_8", lot=True, w=120, dims=(250, 120, 30), ship="メール便")
simple("FOOD-UMEBOSHI", "紀州南高梅 はちみつ梅干し 500g", "キシュウナンコウウメ ハチミツウメボシ", "紀州梅園", "食品/漬物", 2980, "REDUCED_8", lot=True, w=650, dims=(180, 180, 80))
simple("SAKE-JUNMAI-720", "純米吟醸 越乃雫 720ml", "ジュンマイギンジョウ コシノシズク", "越後酒造", "酒類/日本酒", 2200, "STANDARD_10", lot=True, w=1300, dims=(80, 80, 300))
simple("MUG-ARITA-WH", "有田焼 マグカップ 白磁", "アリタヤキ マグカップ ハクジ", "有田窯", "食器/マグカップ", 2750, "STANDARD_10", w=350, dims=(120, 90, 100))
simple("MUG-ARITA-AI", "有田焼 マグカップ 藍染付", "アリタヤキ マグカップ アイソメツケ", "有田窯", "食器/マグカップ", 3080, "STANDARD_10", w=350, dims=(120, 90, 100))
simple("KYUSU-NAMBU", "南部鉄器 急須 0.6L", "ナンブテッキ キュウス", "盛岡鉄器", "食器/急須", 8800, "STANDARD_10", w=1200, dims=(180, 160, 140))
simple("KYUSU-TOKONAME", "常滑焼 急須 朱泥 300ml", "トコナメヤキ キュウス シュデイ", "常滑窯元", "食器/急須", 4950, "STANDARD_10", w=400, dims=(160, 120, 100))
simple("YUNOMI-PAIR", "美濃焼 夫婦湯呑み", "ミノヤキ メオトユノミ", "美濃陶房", "食器/湯呑み", 3300, "STANDARD_10", w=500, dims=(200, 120, 100))
simple("HASHI-WAKASA", "若狭塗 箸 23cm", "ワカサヌリ ハシ", "若狭漆工", "食器/箸", 1650, "STANDARD_10", w=30, dims=(250, 30, 20), ship="メール便")
simple("FUROSHIKI-SAKURA", "綿 風呂敷 桜柄 70cm", "メン フロシキ サクラガラ", "京ふろしき", "雑貨/風呂敷", 1980, "STANDARD_10", w=80, dims=(200, 150, 20), ship="メール便")
simple("GIFTBOX-S", "ギフトボックス 小 (化粧箱)", "ギフトボックス ショウ", "ichigen", "資材/ギフト", 220, "STANDARD_10", w=150, dims=(250, 180, 60))
simple("NOSHI-CARD", "のし紙・メッセージカード", "ノシガミ メッセージカード", "ichigen", "資材/ギフト", 0, "STANDARD_10", w=10, dims=(210, 150, 1))

# variations
def parent(sku, name, kana, brand, cat, price, tax, axes, values, ship="宅配便", w=None, dims=None):
    rows.append(dict(sku=sku, kind="PARENT", jan=None, name=name, kana=kana, brand=brand, category=cat, price=price, tax=tax,
                     cost=int(price * 0.4), zone="AMBIENT", lot=False, weight=None, dims=None, ship=ship, axes=axes, desc=""))
    n = 0
    for v1 in values[0]:
        for v2 in values[1]:
            n += 1
            code1, label1 = v1
            code2 = v2
            rows.append(dict(sku=f"{sku}-{code1}-{code2}", kind="VARIANT", parent=sku, jan=nextjan(),
                             name=f"{name} {label1} {code2}", kana=kana, brand=brand, category=cat, price=price, tax=tax,
                             cost=int(price * 0.4), zone="AMBIENT", lot=False, weight=w, dims=dims, ship=ship, values=(label1, code2), desc=""))

parent("TSHIRT-ORG", "オーガニックコットン Tシャツ", "オーガニックコットン ティーシャツ", "ICHIGEN WEAR", "衣料/Tシャツ", 3980, "STANDARD_10",
       ("カラー", "サイズ"), ([("WH", "ホワイト"), ("NV", "ネイビー"), ("BK", "ブラック")], ["S", "M", "L"]), w=180, dims=(300, 250, 30))
parent("TOWEL-IMABARI", "今治タオル フェイスタオル", "イマバリタオル フェイスタオル", "今治織布", "雑貨/タオル", 1320, "STANDARD_10",
       ("カラー", "サイズ"), ([("WH", "ホワイト"), ("PK", "ピンク"), ("GY", "グレー"), ("BL", "ブルー")], ["FT"]), w=90, dims=(340, 800, 5))
parent("SOCKS-TABI", "足袋ソックス", "タビソックス", "ICHIGEN WEAR", "衣料/靴下", 990, "STANDARD_10",
       ("カラー", "サイズ"), ([("BK", "ブラック"), ("BE", "ベージュ")], ["M", "L"]), ship="メール便", w=40, dims=(250, 100, 20))

def set_(sku, name, kana, brand, cat, price, tax, comps, ship="宅配便"):
    rows.append(dict(sku=sku, kind="SET", jan=nextjan(), name=name, kana=kana, brand=brand, category=cat, price=price, tax=tax,
                     cost=None, zone="AMBIENT", lot=False, weight=None, dims=None, ship=ship, components=comps, desc=""))

set_("SET-TEA-TRIO", "日本茶 飲み比べ3種セット", "ニホンチャ ノミクラベ", "茶葉の杜", "ギフト/日本茶", 3480, "REDUCED_8",
     [("TEA-SENCHA-100", 1), ("TEA-HOJICHA-80", 1), ("TEA-GENMAI-TB", 1), ("GIFTBOX-S", 1)])
set_("SET-TEA-KYUSU", "急須と煎茶のギフトセット", "キュウス ト センチャ ノ ギフトセット", "茶葉の杜", "ギフト/日本茶", 6380, "STANDARD_10",
     [("KYUSU-TOKONAME", 1), ("TEA-SENCHA-100", 2), ("NOSHI-CARD", 1)])
set_("SET-TOWEL-2", "今治タオル 2枚ギフト (ホワイト・グレー)", "イマバリタオル ニマイギフト", "今治織布", "ギフト/タオル", 2980, "STANDARD_10",
     [("TOWEL-IMABARI-WH-FT", 1), ("TOWEL-IMABARI-GY-FT", 1), ("GIFTBOX-S", 1)])
set_("SET-MUG-PAIR", "有田焼 ペアマグ (白磁・藍)", "アリタヤキ ペアマグ", "有田窯", "ギフト/食器", 5500, "STANDARD_10",
     [("MUG-ARITA-WH", 1), ("MUG-ARITA-AI", 1), ("GIFTBOX-S", 1)])
set_("SET-RICE-GIFT", "新米食べ比べ (コシヒカリ5kg・ゆめぴりか2kg)", "シンマイ タベクラベ", "越後米店", "ギフト/米", 6080, "REDUCED_8",
     [("RICE-KOSHI-5K", 1), ("RICE-YUME-2K", 1)])

if __name__ == "__main__":
    print(len(rows), sum(1 for r in rows if r["kind"] == "SET"), sum(1 for r in rows if r["kind"] == "VARIANT"))

simple("TEA-WAKOCHA-40", "国産和紅茶 べにふうき 40g", "コクサンワコウチャ ベニフウキ", "茶葉の杜", "食品/日本茶", 1188, "REDUCED_8", lot=True, w=60, dims=(150, 100, 30), ship="メール便")
simple("SWEETS-YOKAN", "本練り羊羹 竹皮包み 1本", "ホンネリヨウカン", "老舗 菓匠", "食品/菓子", 2376, "REDUCED_8", lot=True, w=450, dims=(220, 70, 50))
simple("SENSU-KYO", "京扇子 竹骨 21cm", "キョウセンス", "京扇堂", "雑貨/扇子", 3520, "STANDARD_10", w=60, dims=(230, 40, 25), ship="メール便")
simple("CHOPREST-SET5", "箸置き 5個セット 季節の花", "ハシオキ ゴコセット", "美濃陶房", "食器/箸置き", 1540, "STANDARD_10", w=120, dims=(150, 100, 40))

import csv, io
HEAD = ["商品コード(SKU)", "親商品コード", "種別", "JANコード", "商品名", "商品名カナ", "ブランド", "カテゴリ", "販売価格", "税区分",
        "税込フラグ", "原価", "販売開始日時", "販売終了日時", "説明", "重量(g)", "縦(mm)", "横(mm)", "高さ(mm)", "温度帯", "配送区分",
        "ロット管理", "状態", "バリエーション項目1", "バリエーション項目2", "バリエーション値1", "バリエーション値2", "セット構成"]
KIND = {"SIMPLE": "通常", "PARENT": "親商品", "VARIANT": "バリエーション", "SET": "セット"}
ZONE = {"AMBIENT": "常温", "CHILLED": "冷蔵", "FROZEN": "冷凍"}
def render():
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\r\n")
    w.writerow(HEAD)
    for r in rows:
        dims = r.get("dims") or (None, None, None)
        axes = r.get("axes") or ("", "")
        values = r.get("values") or ("", "")
        comps = ";".join(f"{s}*{q}" for s, q in r.get("components", []))
        start = "2026/04/01 10:00" if r["sku"] == "TEA-WAKOCHA-40" else ""
        w.writerow([r["sku"], r.get("parent", ""), KIND[r["kind"]], r["jan"] or "", r["name"], r["kana"], r["brand"], r["category"],
                    r["price"], "8" if r["tax"] == "REDUCED_8" else "10", "税込", "" if r["cost"] is None else r["cost"],
                    start, "", r["desc"], r["weight"] or "", dims[0] or "", dims[1] or "", dims[2] or "", ZONE[r["zone"]], r["ship"],
                    "1" if r["lot"] else "0", "販売中", axes[0], axes[1], values[0], values[1], comps])
    return out.getvalue()

if __name__ == "__main__":
    import sys
    open(sys.argv[1], "wb").write(render().encode("cp932"))
