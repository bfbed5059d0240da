"""Files received by mail or upload are kept under home/intake: always an allowed archive root."""

from __future__ import annotations

from pathlib import Path

from config.settings import Settings


def test_the_intake_store_is_allowed_even_when_roots_are_configured(tmp_path: Path) -> None:
    settings = Settings(home=tmp_path / "home", archive_roots=[tmp_path / "scans"])
    roots = settings.allowed_archive_roots()
    assert tmp_path / "scans" in roots and settings.home_dir / "intake" in roots
    assert Path.cwd() not in roots  # configured roots replace the default, they are not added to it


def test_the_default_roots_are_the_working_directory_the_home_and_the_intake_store(tmp_path: Path) -> None:
    settings = Settings(home=tmp_path / "home")
    assert settings.allowed_archive_roots() == [Path.cwd(), settings.home_dir, settings.home_dir / "intake"]
