"""What docs/teaching.md tells a teacher to do works: its links, its commands and its class links.

(The guide's content per lesson is tests/test_guide.py's; the answers are generated and checked there.)
"""

import pytest
from conftest import ROOT
from doc_checks import broken_launch_links, broken_local_links, launch_links, unknown_make_targets

GUIDES = sorted([ROOT / "docs" / "teaching.md", *(ROOT / "docs").glob("lessons/*.md")])


@pytest.mark.parametrize("doc", GUIDES, ids=[p.relative_to(ROOT / "docs").as_posix() for p in GUIDES])
def test_every_local_link_opens_a_file(doc):
    assert not broken_local_links(doc)


def test_make_commands_are_real_targets():
    assert not unknown_make_targets(ROOT / "docs" / "teaching.md")


def test_binder_and_nbgitpuller_links_open_a_lesson_of_this_repository():
    guide = ROOT / "docs" / "teaching.md"
    kinds = {("binder" if "mybinder.org" in url else "nbgitpuller") for url, _, _ in launch_links(guide)}
    assert kinds == {"binder", "nbgitpuller"}, f"docs/teaching.md gives links for {sorted(kinds)}"
    assert not broken_launch_links(guide)
