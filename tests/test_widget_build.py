"""The widget as built by the set-up: light enough for a slow phone, reproducible, and
speaking only through the catalogues."""
from __future__ import annotations

import gzip
import hashlib
import re
import shutil
import subprocess

from bot.settings import ROOT
from bot.widget.strings import STRINGS

WIDGET = ROOT / "bot" / "widget"
BUILT = WIDGET / "dist" / "passerelle.js"
BUDGET_GZIPPED = 80 * 1024


def test_the_built_widget_fits_the_budget():
    # JavaScript and CSS are one file (the CSS is inlined into the shadow root).
    size = len(gzip.compress(BUILT.read_bytes(), compresslevel=9))
    assert 0 < size <= BUDGET_GZIPPED, f"{size} bytes gzipped"


def test_the_build_is_reproducible(tmp_path):
    copy = tmp_path / "widget"
    shutil.copytree(WIDGET, copy, ignore=shutil.ignore_patterns("dist"), symlinks=True)
    subprocess.run(["node", "build.mjs"], cwd=copy, check=True)
    assert hashlib.sha256((copy / "dist" / "passerelle.js").read_bytes()).hexdigest() == \
        hashlib.sha256(BUILT.read_bytes()).hexdigest()


def test_the_widget_holds_no_interface_text_of_its_own():
    # Every string it shows comes from /widget/i18n/<lang>.json; its sources name keys only.
    source = "\n".join(p.read_text() for p in (WIDGET / "src").glob("*.js"))
    literals = set(re.findall(r"'([^'\n]*)'|\"([^\"\n]*)\"", source))
    assert not {text for pair in literals for text in pair} & set(STRINGS.values())
    keys = set(re.findall(r"\bs\.([a-z_]+)", source)) | set(re.findall(r"\bstrings\.strings\.([a-z_]+)", source))
    assert keys and keys <= set(STRINGS)
