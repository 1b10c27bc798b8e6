"""Every user-facing string has a Traditional Chinese translation, and the shipped catalogs match.

The compiled ``.mo`` files are committed so that ``make run`` needs no GNU gettext; these tests
make sure nobody forgets to extract, translate or compile.
"""

import gettext
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CATALOG_DIR = ROOT / "locale" / "zh_Hant" / "LC_MESSAGES"
DOMAINS = sorted(path.stem for path in CATALOG_DIR.glob("*.po"))

needs_gettext = pytest.mark.skipif(
    shutil.which("msgfmt") is None, reason="GNU gettext (msgfmt) is not installed"
)


def msgids(po_text):
    """The msgids of a catalog, without the header entry (good enough for Django's output)."""
    ids, current = set(), None
    for line in po_text.splitlines():
        if line.startswith("msgid "):
            current = [line[6:].strip('"')]
        elif current is not None and line.startswith('"'):
            current.append(line.strip('"'))
        elif current is not None:
            ids.add("".join(current))
            current = None
    ids.discard("")
    return ids


def test_catalogs_exist():
    assert "django" in DOMAINS


@needs_gettext
@pytest.mark.parametrize("domain", DOMAINS)
def test_every_message_is_translated(domain):
    result = subprocess.run(
        ["msgfmt", "--check", "--statistics", "-o", "/dev/null", CATALOG_DIR / f"{domain}.po"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert "untranslated" not in result.stderr, result.stderr
    assert "fuzzy" not in result.stderr, result.stderr


@needs_gettext
@pytest.mark.parametrize("domain", DOMAINS)
def test_compiled_catalog_matches_its_source(domain, tmp_path):
    fresh = tmp_path / f"{domain}.mo"
    subprocess.run(["msgfmt", "-o", fresh, CATALOG_DIR / f"{domain}.po"], check=True)
    with fresh.open("rb") as a, (CATALOG_DIR / f"{domain}.mo").open("rb") as b:
        expected, shipped = gettext.GNUTranslations(a), gettext.GNUTranslations(b)
    assert shipped._catalog == expected._catalog, "run `make messages` and commit the .mo files"


@needs_gettext
def test_catalog_holds_every_string_in_the_code(tmp_path):
    """Extract the messages afresh from a copy of the sources and compare them with the catalog."""
    copy = tmp_path / "src"
    tracked = subprocess.run(
        ["git", "ls-files", "-co", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    for name in tracked:
        source = ROOT / name
        if source.is_file() and source.suffix in {".py", ".html", ".txt", ".js", ".po", ".md"}:
            target = copy / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
    for domain in DOMAINS:
        subprocess.run(
            [
                sys.executable,
                "manage.py",
                "makemessages",
                "--locale",
                "zh_Hant",
                "--domain",
                domain,
                "--no-location",
                "--no-obsolete",
            ],
            cwd=copy,
            check=True,
            capture_output=True,
        )
        extracted = msgids((copy / "locale/zh_Hant/LC_MESSAGES" / f"{domain}.po").read_text())
        shipped = msgids((CATALOG_DIR / f"{domain}.po").read_text())
        assert extracted - shipped == set(), "strings missing from the catalog: run `make messages`"
        assert shipped - extracted == set(), "stale strings in the catalog: run `make messages`"
