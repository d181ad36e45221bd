"""The README is the front page: short, and every file it links to or names exists."""

import re

from tests.conftest import ROOT

README = (ROOT / "README.md").read_text()


def test_every_link_in_the_readme_and_the_docs_points_at_a_file_that_exists():
    pages = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
    missing = [
        f"{page.name}: {target}"
        for page in pages
        for target in re.findall(r"\]\(([^)#\s]+)", page.read_text())
        if "://" not in target and not (page.parent / target).exists()
    ]

    assert missing == []


def test_every_script_the_readme_names_exists():
    scripts = set(re.findall(r"`((?:bench/)?[\w/]+\.py)", README))

    assert scripts, "the README names its scripts"
    assert sorted(s for s in scripts if not (ROOT / s).exists()) == []


def test_the_readme_stays_a_front_page_of_about_200_lines():
    assert len(README.splitlines()) <= 210
