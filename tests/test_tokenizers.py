"""extract/tokenizers.py imports underthesea's sentence splitter and word tokenizer without the rest of
underthesea (its other pipelines), and underthesea still works in full for any other caller."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _run(code: str) -> str:
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_extraction_imports_only_the_tokenizers():
    out = _run("import sys\n"
               "from extract.pipeline import extract_article\n"
               "from schemas import Article\n"
               "r = extract_article(Article(id='a', text='Sản phẩm của Công ty TNHH Minh Khang sản xuất. "
               "Hà Nội có 3.317 sản phẩm OCOP.'))\n"
               "print([x.name for x in r.records if x.type == 'organization'])\n"
               "print(sorted(m for m in sys.modules if m.startswith('underthesea.pipeline.')"
               " and m.split('.')[2] not in ('sent_tokenize', 'word_tokenize', 'text_normalize')))\n")
    names, others = out.splitlines()
    assert names == "['Công ty TNHH Minh Khang']"
    assert others == "[]", f"other pipelines imported: {others}"


def test_underthesea_still_whole_to_other_callers():
    out = _run("from extract.tokenizers import sent_tokenize, word_tokenize\n"
               "print(sent_tokenize('Hà Nội có 5 sản phẩm. Huế có 3.'))\n"
               "import underthesea\n"
               "from underthesea import pos_tag\n"
               "print(underthesea.__version__ != '', callable(pos_tag), underthesea.word_tokenize('Hà Nội'))\n"
               "print(word_tokenize('Công ty Minh Khang'))\n")
    lines = out.splitlines()
    assert lines[0] == "['Hà Nội có 5 sản phẩm.', 'Huế có 3.']"
    assert lines[1] == "True True ['Hà Nội']"
    assert lines[2] == "['Công ty', 'Minh Khang']"


def test_word_tokenizer_first_then_the_whole_package():
    out = _run("from extract.tokenizers import regex_tokens, word_tokenize\n"
               "print(regex_tokens('HTX Phú Lộc.'), word_tokenize('Hà Nội'))\n"
               "from underthesea import ner\n"
               "print(callable(ner))\n")
    assert out.splitlines() == ["['HTX', 'Phú', 'Lộc', '.'] ['Hà Nội']", "True"]
