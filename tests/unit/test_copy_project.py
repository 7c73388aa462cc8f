"""The project copy that the build tests and the build benchmark both start from."""

from assess.build.project import SOURCE_PARTS, copy_project


def test_copy_holds_the_sources_and_not_the_built_pages(tmp_path):
    root = tmp_path / "root"
    for folder in ("params", "data/raw", "book/sections", "notebooks"):
        (root / folder).mkdir(parents=True)
    for name in ("_config.yml", "_toc.yml", "pyproject.toml", "params/a.yml", "data/raw/x.csv", "notebooks/n.ipynb"):
        (root / name).write_text(name)
    (root / "book/index.md").write_text("home")
    (root / "book/sections/n.ipynb").write_text("built")
    (root / "_build").mkdir()
    copy = copy_project(root, tmp_path / "copy")
    assert copy == tmp_path / "copy"
    assert (copy / "data/raw/x.csv").read_text() == "data/raw/x.csv" and (copy / "book/index.md").read_text() == "home"
    assert not (copy / "book/sections").exists() and not (copy / "_build").exists()
    assert sorted(p.name for p in copy.iterdir()) == sorted(SOURCE_PARTS)
