"""LICENSE, publiccode.yml and the draft accessibility statement are present and complete."""

from __future__ import annotations

import hashlib

import yaml

from .conftest import PROJECT

# The official English text of the EUPL v1.2, in the plain-text layout GitHub and most EUPL projects use.
EUPL_SHA256 = "6fc9e709ccbfe0d77fbffa2427a983282be2eb88e47b1cdb49f21a83b4d1e665"

# From the publiccode.yml standard's list of categories.
CATEGORIES = {"data-collection", "data-analytics", "data-visualization", "survey", "digital-citizenship"}


def test_licence_is_the_unchanged_eupl_1_2() -> None:
    text = (PROJECT / "LICENSE").read_text(encoding="utf-8")
    assert text.splitlines()[0].strip() == "EUROPEAN UNION PUBLIC LICENCE v. 1.2"
    assert "15. Applicable Law" in text and "‘Compatible Licences’ according to Article 5 EUPL are:" in text
    assert hashlib.sha256(text.encode("utf-8")).hexdigest() == EUPL_SHA256


def test_publiccode_yml_has_what_a_catalogue_needs() -> None:
    data = yaml.safe_load((PROJECT / "publiccode.yml").read_text(encoding="utf-8"))
    assert data["publiccodeYmlVersion"] == "0.4"
    assert data["name"] == "democratiescan" and data["url"].startswith("https://")
    assert data["platforms"] == ["web"] and data["softwareType"] == "standalone/web"
    assert data["developmentStatus"] in {"concept", "development", "beta", "stable", "obsolete"}
    assert set(data["categories"]) <= CATEGORIES
    nl = data["description"]["nl"]
    assert len(nl["shortDescription"]) <= 150
    assert 150 <= len(nl["longDescription"]) <= 10_000
    assert 5 <= len(nl["features"]) <= 20 and all(len(f) <= 100 for f in nl["features"])
    assert data["legal"]["license"] == "EUPL-1.2"
    assert data["maintenance"]["type"] in {"internal", "contract", "community", "none"}
    if data["maintenance"]["type"] in {"internal", "community"}:
        assert data["maintenance"]["contacts"]
    assert data["localisation"]["availableLanguages"] == ["nl"]
    assert {d["name"] for d in data["dependsOn"]["open"]} >= {"Python", "SQLite"}


def test_accessibility_statement_draft() -> None:
    text = (PROJECT / "docs" / "toegankelijkheid.md").read_text(encoding="utf-8")
    for heading in (
        "## Wat we testen, en hoe",
        "## Meetresultaten en bekende problemen",
        "## Nog niet getest",
        "## Contact",
    ):
        assert heading in text, heading
    assert "WCAG 2.1" in text and "axe-core" in text and "Playwright" in text and "Tikdoelen" in text
    assert "vult de hoofdontwikkelaar in" in text  # the section for measured facts is clearly marked
