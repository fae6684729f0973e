"""extract/plain_joblib.py: underthesea's model files read without importing joblib or numpy, and joblib
whole to every other caller (its arrays, compressed files and other names)."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _run(code: str) -> list[str]:
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return done.stdout.splitlines()


def test_the_word_tokenizer_needs_neither_joblib_nor_numpy():
    out = _run("import sys\n"
               "from extract.tokenizers import word_tokenize\n"
               "print(word_tokenize('Công ty TNHH Hoa Sen Việt'))\n"
               "print(sorted({m.split('.')[0] for m in sys.modules} & {'numpy', 'loky'}),"
               " 'joblib.numpy_pickle' in sys.modules)\n")
    assert out == ["['Công ty', 'TNHH', 'Hoa Sen', 'Việt']", "[] False"]


def test_the_model_files_read_as_joblib_reads_them():
    out = _run("import glob, os, sys\n"
               "from extract import plain_joblib\n"
               "plain_joblib.install()\n"
               "import joblib\n"
               "import underthesea.pipeline.text_normalize as tn\n"
               "here = os.path.dirname(os.path.dirname(tn.__file__))\n"
               "files = sorted(glob.glob(os.path.join(here, 'text_normalize', '*.bin'))"
               " + glob.glob(os.path.join(here, 'word_tokenize', 'models', '*', '*.bin')))\n"
               "plain = [joblib.load(f) for f in files if 'models.bin' not in f]\n"
               "print(len(plain) >= 3, 'joblib.numpy_pickle' in sys.modules)\n"
               "from joblib.numpy_pickle import load as real_load\n"
               "print(plain == [real_load(f) for f in files if 'models.bin' not in f])\n")
    assert out == ["True False", "True"]


def test_joblib_whole_after_it(tmp_path):
    out = _run("from extract.tokenizers import word_tokenize\n"
               "word_tokenize('Hà Nội')\n"
               "import joblib, numpy\n"
               f"path = {str(tmp_path / 'a.z')!r}\n"
               "joblib.dump({'a': numpy.arange(4)}, path, compress=3)\n"
               "print(joblib.load(path)['a'].tolist(), callable(joblib.Parallel), joblib.__version__ != '')\n"
               f"plain = {str(tmp_path / 'b.pkl')!r}\n"
               "joblib.dump({'b': numpy.ones(2)}, plain)\n"
               "print(joblib.load(plain)['b'].tolist())\n")
    assert out == ["[0, 1, 2, 3] True True", "[1.0, 1.0]"]


def test_an_array_file_first_is_joblibs_to_read(tmp_path):
    """A file naming a class (a numpy array) before joblib was ever completed: joblib reads it."""
    path = tmp_path / "a.pkl"
    _run(f"import joblib, numpy\njoblib.dump(numpy.arange(3), {str(path)!r})\n")
    out = _run("from extract import plain_joblib\n"
               "plain_joblib.install()\n"
               "import joblib\n"
               f"print(joblib.load({str(path)!r}).tolist())\n")
    assert out == ["[0, 1, 2]"]
