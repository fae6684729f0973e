"""Exports: each format written from a small hand-made output folder, read back with that format's own
reader (csv, pyarrow.parquet, sqlite3) and compared with the JSON Lines it came from."""
from __future__ import annotations

import csv
import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

import schemas
from extract.exports import export
from extract.exports.csv_out import ENCODING, read_csv
from extract.exports.tables import ARTICLES, CONFLICTS, FACTS, RECORDS, TABLES, Table, unflatten
from extract.io import write_jsonl

ROOT = Path(__file__).resolve().parents[1]
TEXT = ("Tính đến giữa năm 2025, Hà Nội có 3.317 sản phẩm OCOP. Trong đó, có 6 sản phẩm 5 sao của "
        "Công ty TNHH Gốm sứ Quang Vinh, gần 20,5% cả nước.")


SENTENCES = TEXT.replace(". ", ".\n").split("\n")


def evidence(span: str, sentence_no: int = 0) -> dict:
    sentence = SENTENCES[sentence_no]
    start = TEXT.index(span)
    return {"start": start, "end": start + len(span), "text": span, "sentence": sentence,
            "sentence_start": TEXT.index(sentence)}


def sample_output(folder: Path) -> dict[str, list]:
    """A small but complete output folder (every table, every record type, nested and null values)."""
    records = [
        schemas.CountRecord(id="a1#c1", article_id="a1", value=3317, unit="sản phẩm", metric="ocop_products",
                            star="3+", kind="total", scope="Hà Nội", scope_level="province", as_of="2025-06~",
                            time_basis="context", evidence=evidence("3.317 sản phẩm"), rules=["count.unit"]),
        schemas.CountRecord(id="a1#c2", article_id="a1", value=20.5, unit="%", metric="share_of_national",
                            approx="about", scope="Hà Nội", evidence=evidence("gần 20,5%", 1), rules=[]),
        schemas.OrganizationRecord(id="a1#o1", article_id="a1", name="Công ty TNHH Gốm sứ Quang Vinh",
                                   org_class="business", legal_form="TNHH",
                                   evidence=evidence("Công ty TNHH Gốm sứ Quang Vinh", 1)),
        schemas.DateRecord(id="a1#d1", article_id="a1", value="2025-06~", text="giữa năm 2025",
                           evidence=evidence("giữa năm 2025"), rules=["date.mid_year"]),
    ]
    key = schemas.Key(metric="ocop_products", star="3+", scope="Hà Nội", kind="total")
    facts = [schemas.Fact(id="f1", key=key, as_of="2025-06", value=3317, rank="preferred", confidence=0.8,
                          rule="later_date", supporting=["a1#c1"], articles=["a1"]),
             schemas.Fact(id="f2", key=key, as_of="2024", value=2860.5, approx="over", rank="deprecated",
                          confidence=0.25, rule="later_date", contradicting=["a1#c1"], explanation="cũ")]
    claim = schemas.Claim(record_id="a1#c1", article_id="a1", value=3317, sentence=records[0].evidence.sentence,
                          evidence_start=23, evidence_end=37)
    decision = schemas.Decision(finding_id="k1", key=key, action="accept", value=3317, record_id="a1#c1",
                                reviewer="Lan", decided_at="2026-01-02T03:04:05Z", claim_ids=["a1#c1"])
    conflicts = [
        schemas.Conflict(id="k1", type="value_mismatch", severity="high", key=key, as_of="2025",
                         values=[3317, 3300], claims=[claim], explanation="hai con số",
                         suggested=schemas.Suggested(value=3317, rule="sources"), status="decided",
                         decision=decision),
        schemas.Conflict(id="k2", type="parts_sum", severity="low", key=key, explanation="tổng khác"),
    ]
    articles = [schemas.ArticleOut(id="a1", title="OCOP Hà Nội", published="2025-07-01",
                                   content_hash="0" * 64, text=TEXT, counts={"count": 2, "date": 1})]
    for name, items in (("records", records), ("facts", facts), ("conflicts", conflicts),
                        ("articles", articles)):
        write_jsonl(folder / f"{name}.jsonl", items)
    return {"records": records, "facts": facts, "conflicts": conflicts, "articles": articles}


def expected_lines(table: Table, items: list) -> list[dict]:
    return [{k: v for k, v in item.model_dump(mode="json").items() if k not in table.drop} for item in items]


def back_to_lines(table: Table, rows: list[dict]) -> list[dict]:
    return [unflatten(row, table.columns_of(row)) for row in rows]


@pytest.fixture
def out(tmp_path):
    folder = tmp_path / "out"
    return folder, sample_output(folder)


def test_csv_round_trip(out):
    folder, items = out
    result = export(folder, "csv")
    assert [p.name for p in result.written] == ["records.csv", "facts.csv", "conflicts.csv", "articles.csv"]
    for table in TABLES:
        with open(folder / "export" / f"{table.name}.csv", encoding=ENCODING, newline="") as f:
            assert csv.DictReader(f).fieldnames == [c.name for c in table.columns]
        rows = read_csv(folder / "export" / f"{table.name}.csv", table.columns)
        assert back_to_lines(table, rows) == expected_lines(table, items[table.name]), table.name


def test_csv_cells_are_what_a_spreadsheet_shows(out):
    folder, _ = out
    export(folder, "csv", folder / "elsewhere")
    raw = (folder / "elsewhere" / "records.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM: Excel reads the Vietnamese as UTF-8
    rows = list(csv.DictReader(raw.decode("utf-8-sig").splitlines()))
    first = rows[0]
    assert first["value"] == "3317" and first["star"] == "3+" and first["evidence_text"] == "3.317 sản phẩm"
    assert first["rules"] == '["count.unit"]' and first["name"] == ""
    assert rows[1]["value"] == "20.5"
    assert rows[3]["date_value"] == "2025-06~" and rows[3]["value"] == ""


def test_parquet_round_trip(out):
    pq = pytest.importorskip("pyarrow.parquet")
    folder, items = out
    export(folder, "parquet")
    for table in TABLES:
        arrow = pq.read_table(folder / "export" / f"{table.name}.parquet")
        assert arrow.column_names == [c.name for c in table.columns]
        assert arrow.schema.metadata[b"ocop.schema_version"] == schemas.SCHEMA_VERSION.encode()
        rows = arrow.to_pylist()
        for row in rows:  # Parquet keeps numbers as doubles and dates as dates
            for c in table.columns:
                if c.kind == "number" and row[c.name] is not None and row[c.name] == int(row[c.name]):
                    row[c.name] = int(row[c.name])
                if c.kind == "date" and row[c.name] is not None:
                    row[c.name] = row[c.name].isoformat()
        assert back_to_lines(table, rows) == expected_lines(table, items[table.name]), table.name
    types = {f.name: str(f.type) for f in pq.read_schema(folder / "export" / "records.parquet")}
    assert types["value"] == "double" and types["evidence_start"] == "int64" and types["rules"] == "string"


def test_sqlite_round_trip_views_and_indexes(out):
    folder, items = out
    result = export(folder, "sqlite")
    assert result.written == [folder / "ocop.sqlite"]
    db = sqlite3.connect(folder / "ocop.sqlite")
    db.row_factory = sqlite3.Row
    for table in TABLES:
        rows = [dict(r) for r in db.execute(f'SELECT * FROM "{table.name}"')]
        assert back_to_lines(table, rows) == expected_lines(table, items[table.name]), table.name
    types = {r["name"]: r["type"] for r in db.execute("PRAGMA table_info(records)")}
    assert types["value"] == "NUMERIC" and types["evidence_start"] == "INTEGER" and types["name"] == "TEXT"
    assert db.execute("SELECT typeof(value) FROM records WHERE id = 'a1#c1'").fetchone()[0] == "integer"
    indexed = {r["name"] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    assert {"records_by_article_id", "facts_by_key_metric_key_star_key_kind_key_scope_as_of"} <= indexed
    plan = " ".join(str(tuple(r)) for r in db.execute(
        "EXPLAIN QUERY PLAN SELECT * FROM records WHERE article_id = 'a1'"))
    assert "records_by_article_id" in plan
    # one view per record type, with that type's fields under their JSON names
    dates = [dict(r) for r in db.execute("SELECT * FROM dates")]
    assert [d["value"] for d in dates] == ["2025-06~"] and "name" not in dates[0]
    assert [r["name"] for r in db.execute("SELECT name FROM organizations")] == ["Công ty TNHH Gốm sứ Quang Vinh"]
    counts = db.execute("SELECT value, star, evidence_text FROM counts ORDER BY value DESC").fetchall()
    assert [tuple(r) for r in counts] == [(3317, "3+", "3.317 sản phẩm"), (20.5, None, "gần 20,5%")]
    assert db.execute("SELECT json_extract(decision_claim_ids, '$[0]') FROM conflicts WHERE id = 'k1'"
                      ).fetchone()[0] == "a1#c1"
    # the lists of facts and conflicts as link tables, joinable to the records
    claims = [dict(r) for r in db.execute("SELECT * FROM conflict_claims")]
    assert claims == [{"conflict_id": "k1", **items["conflicts"][0].claims[0].model_dump(mode="json")}]
    links = db.execute("SELECT f.id, l.role, r.value FROM facts f JOIN fact_records l ON l.fact_id = f.id "
                       "JOIN records r ON r.id = l.record_id ORDER BY f.id").fetchall()
    assert [tuple(r) for r in links] == [("f1", "supporting", 3317), ("f2", "contradicting", 3317)]
    db.close()


def test_export_replaces_the_old_file_whole_and_readable(out):
    folder, _ = out
    export(folder, "sqlite")
    (folder / "facts.jsonl").write_text('{"id": "broken"}\n', encoding="utf-8")
    with pytest.raises(ValueError, match=r"facts.jsonl:1: not a valid fact line"):
        export(folder, "sqlite")
    db = sqlite3.connect(folder / "ocop.sqlite")  # the previous export is still there, whole
    assert db.execute("SELECT count(*) FROM facts").fetchone()[0] == 2
    db.close()
    assert (folder / "ocop.sqlite").stat().st_mode & 0o044  # readable by others, not 0600
    assert [p.name for p in folder.iterdir() if p.name.endswith(".tmp")] == []


def run_ocop(*args, cwd=ROOT):
    return subprocess.run([sys.executable, "-m", "extract.cli", *args], capture_output=True, text=True,
                          cwd=cwd)


def test_export_command(out, tmp_path):
    folder, _ = out
    (folder / "conflicts.jsonl").unlink()
    done = run_ocop("export", "--format", "sqlite", "--out", str(folder), "--to", str(tmp_path / "x.db"))
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == str(tmp_path / "x.db")
    assert "no conflicts.jsonl" in done.stderr
    tables = {r[0] for r in sqlite3.connect(tmp_path / "x.db").execute(
        "SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert tables == {"records", "facts", "articles", "fact_records"}


def test_export_errors_name_the_file_and_line(tmp_path):
    missing = run_ocop("export", "--format", "csv", "--out", str(tmp_path / "nowhere"))
    assert missing.returncode == 1 and "nowhere/records.jsonl: no such file" in missing.stderr
    (tmp_path / "records.jsonl").write_text('{"type": "count"}\nnot json\n', encoding="utf-8")
    bad = run_ocop("export", "--format", "csv", "--out", str(tmp_path))
    assert bad.returncode == 1 and "records.jsonl:1: not a valid record line" in bad.stderr
    assert "Traceback" not in bad.stderr


def test_export_of_empty_files_has_the_columns(tmp_path):
    (tmp_path / "records.jsonl").write_text("", encoding="utf-8")
    export(tmp_path, "csv")
    header = (tmp_path / "export" / "records.csv").read_text(encoding=ENCODING).splitlines()
    assert header == [",".join(c.name for c in RECORDS.columns)]


def test_flat_column_names_follow_the_json():
    names = {t.name: [c.name for c in t.columns] for t in (RECORDS, FACTS, CONFLICTS, ARTICLES)}
    assert {"evidence_start", "evidence_end", "evidence_text", "evidence_sentence"} <= set(names["records"])
    assert {"key_metric", "key_star", "key_scope", "key_kind", "supporting"} <= set(names["facts"])
    assert {"suggested_value", "suggested_rule", "decision_action", "claims"} <= set(names["conflicts"])
    assert "text" not in names["articles"]
    assert json.dumps(names, ensure_ascii=False)  # plain names a tool can take as they are


def test_parquet_without_pyarrow_says_what_to_install(out):
    folder, _ = out
    code = ("import sys; sys.modules['pyarrow'] = None; from extract.cli import main; "
            f"sys.exit(main(['export', '--format', 'parquet', '--out', {str(folder)!r}]))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "needs pyarrow" in done.stderr and "pip install 'ocop[parquet]'" in done.stderr
    assert not (folder / "export").exists()


def test_round_trip_of_a_real_extraction(tmp_path):
    """The real pipeline on one corpus article (real sentences, offsets, rules), through every format."""
    pq = pytest.importorskip("pyarrow.parquet")
    from extract import extract_articles
    result = next(extract_articles(ROOT / "corpus" / "000_81a9d1e10ca821b1.txt"))
    assert result.records
    write_jsonl(tmp_path / "records.jsonl", result.records)
    write_jsonl(tmp_path / "articles.jsonl", [result.article])
    expected = {"records": expected_lines(RECORDS, result.records),
                "articles": expected_lines(ARTICLES, [result.article])}
    export(tmp_path, "csv")
    export(tmp_path, "parquet")
    export(tmp_path, "sqlite")
    db = sqlite3.connect(tmp_path / "ocop.sqlite")
    db.row_factory = sqlite3.Row
    for table in (RECORDS, ARTICLES):
        from_csv = read_csv(tmp_path / "export" / f"{table.name}.csv", table.columns)
        from_sqlite = [dict(r) for r in db.execute(f"SELECT * FROM {table.name}")]
        from_parquet = pq.read_table(tmp_path / "export" / f"{table.name}.parquet").to_pylist()
        assert back_to_lines(table, from_csv) == expected[table.name]
        assert back_to_lines(table, from_sqlite) == expected[table.name]
        assert len(from_parquet) == len(expected[table.name])
        assert [r["id"] for r in from_parquet] == [line["id"] for line in expected[table.name]]
    db.close()
