"""A small hand-made `out/` folder (valid schemas models) for the review page's tests, its screenshot and
demos: three articles about one province's five-star products, two findings, the facts behind them.

>>> import tempfile
>>> out = write_sample(tempfile.mkdtemp())
>>> sorted(p.name for p in out.iterdir())
['articles.jsonl', 'conflicts.jsonl', 'facts.jsonl', 'records.jsonl']
"""
from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path

from schemas import ArticleOut, Claim, Conflict, CountRecord, Evidence, Fact, Key, Suggested

from ..io import write_jsonl

ARTICLES = [
    ("a_2023", "Thành phố có 6 sản phẩm 5 sao", "Báo Mẫu", date(2023, 3, 2),
     "Năm 2022, thành phố đánh giá thêm nhiều sản phẩm. Đến cuối năm 2022, thành phố có 6 sản phẩm đạt "
     "5 sao cấp quốc gia. Sản phẩm 4 sao và 3 sao chiếm phần lớn."),
    ("b_2025", "Thêm ba sản phẩm trà đạt 5 sao", "Tin Mẫu", date(2025, 7, 1),
     "Đến tháng 6/2025, ba sản phẩm trà thảo dược tiếp tục được công nhận 5 sao, nâng tổng số sản phẩm "
     "OCOP 5 sao của thành phố lên 9. Đây là kết quả của nhiều năm."),
    ("c_2025", "Tổng kết chương trình OCOP", "Nhật báo Mẫu", date(2025, 8, 15),
     "Toàn thành phố có 3.317 sản phẩm OCOP. Trong đó có 9 sản phẩm 5 sao, 1.571 sản phẩm 4 sao và "
     "1.718 sản phẩm 3 sao."),
]

SCOPE = "Hà Nội"


def _id(*parts) -> str:
    return hashlib.sha256("|".join(map(str, parts)).encode()).hexdigest()[:16]


def _record(article_id: str, text: str, phrase: str, n: int, **fields) -> CountRecord:
    """A count record whose evidence is `phrase` (its first occurrence) in the article's text."""
    start = text.index(phrase)
    end = start + len(phrase)
    sentence_start = text.rfind(". ", 0, start) + 2 if text.rfind(". ", 0, start) >= 0 else 0
    sentence_end = text.find(". ", end)
    sentence = text[sentence_start:sentence_end + 1 if sentence_end >= 0 else len(text)]
    return CountRecord(id=f"{article_id}#c{n}", article_id=article_id, unit="sản phẩm",
                       evidence=Evidence(start=start, end=end, text=phrase, sentence=sentence,
                                         sentence_start=sentence_start),
                       rules=["sample"], **fields)


def _claim(record: CountRecord) -> Claim:
    ev = record.evidence
    return Claim(record_id=record.id, article_id=record.article_id, value=record.value, approx=record.approx,
                 as_of=record.as_of, sentence=ev.sentence, evidence_start=ev.start, evidence_end=ev.end)


def sample_outputs():
    """(articles, records, conflicts, facts) of the sample."""
    texts = {a[0]: a[4] for a in ARTICLES}
    articles = [ArticleOut(id=i, title=t, source=s, published=p, content_hash=_id(x), text=x)
                for i, t, s, p, x in ARTICLES]
    five = dict(metric="ocop_products", star="5", scope=SCOPE, scope_level="province", kind="total")
    r_old = _record("a_2023", texts["a_2023"], "6 sản phẩm", 1, value=6, as_of="2022-12", **five)
    r_new = _record("b_2025", texts["b_2025"], "lên 9", 1, value=9, as_of="2025-06", **five)
    r_sum = _record("c_2025", texts["c_2025"], "9 sản phẩm", 2, value=9, as_of="2025", **five)
    total = _record("c_2025", texts["c_2025"], "3.317 sản phẩm", 1, value=3317, as_of="2025",
                    metric="ocop_products", scope=SCOPE, scope_level="province", kind="total")
    four = _record("c_2025", texts["c_2025"], "1.571 sản phẩm", 3, value=1571, as_of="2025",
                   metric="ocop_products", star="4", scope=SCOPE, kind="total")
    three = _record("c_2025", texts["c_2025"], "1.718 sản phẩm", 4, value=1718, as_of="2025",
                    metric="ocop_products", star="3", scope=SCOPE, kind="total")
    records = [r_old, r_new, r_sum, total, four, three]

    key5 = Key(metric="ocop_products", star="5", scope=SCOPE, kind="total")
    key_all = Key(metric="ocop_products", scope=SCOPE, kind="total")
    mismatch = Conflict(
        id=_id("value_mismatch", r_old.id, r_new.id, r_sum.id), type="value_mismatch", severity="high",
        key=key5, as_of="2025", values=[6, 9], claims=[_claim(r_old), _claim(r_new), _claim(r_sum)],
        explanation="a_2023 says 6 five-star products, b_2025 and c_2025 say 9; b_2025 states three were "
                    "added in June 2025, so 6 holds at the end of 2022 and 9 after June 2025.",
        suggested=Suggested(value=9, rule="later_date", as_of="2025-06"))
    parts = Conflict(
        id=_id("parts_sum", total.id, r_sum.id, four.id, three.id), type="parts_sum", severity="medium",
        key=key_all, as_of="2025", values=[3317, 3298], claims=[_claim(total), _claim(r_sum), _claim(four),
                                                              _claim(three)],
        explanation="3.317 against 9 + 1.571 + 1.718 = 3.298: 19 short, perhaps an unstated class.",
        suggested=Suggested(value=3317, rule="stated_total", as_of="2025"))
    facts = [
        Fact(id=_id(key5, "2022-12", 6), key=key5, as_of="2022-12", value=6, rank="normal", confidence=0.8,
             rule="single_source", supporting=[r_old.id], articles=["a_2023"]),
        Fact(id=_id(key5, "2025-06", 9), key=key5, as_of="2025-06", value=9, rank="preferred",
             confidence=0.9, rule="later_date", supporting=[r_new.id, r_sum.id], contradicting=[r_old.id],
             articles=["b_2025", "c_2025"]),
        Fact(id=_id(key_all, "2025", 3317), key=key_all, as_of="2025", value=3317, rank="preferred",
             confidence=0.7, rule="single_source", supporting=[total.id], articles=["c_2025"]),
    ]
    return articles, records, [mismatch, parts], facts


def write_sample(out_dir: str | Path) -> Path:
    """Write the sample's articles, records, conflicts and facts JSON Lines into `out_dir`."""
    out = Path(out_dir)
    articles, records, conflicts, facts = sample_outputs()
    write_jsonl(out / "articles.jsonl", articles)
    write_jsonl(out / "records.jsonl", records)
    write_jsonl(out / "conflicts.jsonl", conflicts)
    write_jsonl(out / "facts.jsonl", facts)
    return out
