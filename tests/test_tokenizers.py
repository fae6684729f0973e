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


def _texts() -> list[str]:
    """The seeds' and the dev set's paragraphs (when ../shared is there), the matchers' examples, pieces of
    them cut anywhere, and strings made of the marks the splitters look at."""
    import json
    import random
    from extract.matchers import HERE
    articles = [p.read_text(encoding="utf-8") for folder in (ROOT / "corpus", ROOT.parent / "shared" / "dev" / "articles")
                for p in sorted(folder.glob("*.txt"))]
    out = [p for a in articles for p in a.split("\n")]
    for path in sorted(HERE.glob("*.examples.jsonl")):
        out += [json.loads(line)["text"] for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    rng = random.Random(13)
    for a in articles:
        for _ in range(20):
            start = rng.randrange(len(a))
            out.append(a[start:start + rng.randint(1, 300)])
    marks = "ab. .. ... ....?!\n\r\t A1.2 Tp. v.v. …!? ð Ð H&M T.Ư 03-5730-2357 4.123,2 :)) e-mail nghành"
    out += ["".join(rng.choice(marks) for _ in range(rng.randint(0, 30))) for _ in range(3000)]
    return out + ["", " ", "https://vnexpress.net/a-b.html v.v... Tp. Hồ Chí Minh"]


def test_sentences_and_words_are_underthesea_own():
    """tokenizers.sent_tokenize and word_tokenize walk less Python than underthesea's functions and give
    what they give."""
    from extract.tokenizers import _word_tokenize_module, sent_tokenize, word_tokenize
    import underthesea.pipeline.sent_tokenize as sentences
    module = _word_tokenize_module()
    texts = _texts()
    sent_tokenize("")
    differ = [t for t in texts if sent_tokenize(t) != sentences.sentence_tokenizer.sentences_from_text(t)]
    assert not differ, f"{len(differ)} texts split otherwise, first: {differ[0]!r}"
    module.word_tokenize("Hà Nội")
    differ = [t for t in texts if word_tokenize(t) != module.word_tokenize(t)]
    assert not differ, f"{len(differ)} texts tokenized otherwise, first: {differ[0]!r}"
