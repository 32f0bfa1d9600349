"""Edge cases build: sparse records, online places, ended actors, past and cancelled dates."""

from __future__ import annotations

from pathlib import Path

import pytest

from support import build, project_with_data, without_isolates

FILES = {
    "districts.yaml": "- {id: ohne-stadt, name: Ohne Stadt}\n"
                      "- {id: mitte, name: Mitte, city: Chemnitz}\n",
    "categories.yaml": "- {id: beratung, name: Beratung}\n- {id: leer, name: Leere Kategorie}\n",
    "audiences.yaml": "- {id: alle, name: Alle}\n",
    "actors/nur-name.yaml": "name: Nur ein Name\nkind: initiative\n"
                            "summary: Mehr steht hier nicht.\n",
    "actors/netz.yaml": "name: Netz ohne Mitglieder\nkind: network\nsummary: Ein Netz.\n",
    "actors/beendet.yaml": "name: Beendetes Projekt\nkind: project\nsummary: Vorbei.\n"
                           "valid_until: 2025-12-31\n",
    "offers/telefon.yaml": "title: Telefonberatung\nactor: nur-name\nsummary: Nur am Telefon.\n"
                           "categories: [beratung]\ncontact: {phone: +49 371 0000 1}\n",
    "offers/online.yaml": "title: Online-Sprechstunde\nactor: nur-name\nsummary: Im Netz.\n"
                          "categories: [beratung]\nlocation: {online: https://example.org/raum}\n",
    "offers/vom-beendeten.yaml": "title: Angebot eines beendeten Projekts\nactor: beendet\n"
                                 "summary: Sollte fehlen.\ncategories: [beratung]\n",
    "dates/vergangen.yaml": "title: Vergangenes Fest\nstart: 2026-06-01\n",
    "dates/abgesagt.yaml": "title: Abgesagte Versammlung\nstart: 2026-12-01 18:00\n"
                           "status: cancelled\norganizer: beendet\n",
    "dates/online-reihe.yaml": "title: Online-Treffen\nstart: 2026-12-02 19:00\nend: 20:00\n"
                               "organizer: netz\nlocation: {online: https://example.org/raum}\n"
                               "repeat: {freq: weekly, count: 3}\n",
    "dates/am-ort.yaml": "title: Treffen im Park\nstart: 2026-12-05 10:00\n"
                         "location: {place: Stadtpark, city: Chemnitz}\n",
}


@pytest.fixture(scope="module")
def sparse_site(tmp_path_factory) -> Path:
    return build(project_with_data(tmp_path_factory.mktemp("sparse"), FILES))


def read(site: Path, path: str) -> str:
    return without_isolates((site / path / "index.html").read_text(encoding="utf-8"))


def test_sparse_records_render(sparse_site):
    assert "Ohne Stadt" in read(sparse_site, "stadtteile")
    assert "Zurzeit keine Angebote." in read(sparse_site, "angebote/kategorie/leer")
    assert "Keine Mitglieder eingetragen." in read(sparse_site, "akteure/netz")
    online = read(sparse_site, "angebote/online")
    assert 'href="https://example.org/raum"' in online
    assert "Wo" not in read(sparse_site, "angebote/telefon").split("<dl")[1].split("</dl>")[0]


def test_ended_actor_and_its_offer_are_not_shown(sparse_site):
    assert not (sparse_site / "akteure" / "beendet").exists()
    assert not (sparse_site / "angebote" / "vom-beendeten").exists()
    cancelled = read(sparse_site, "termine/abgesagt")
    assert "Abgesagt" in cancelled and "Beendetes Projekt" in cancelled
    assert 'href="/akteure/beendet/"' not in cancelled


def test_past_cancelled_and_series_dates(sparse_site):
    assert "vorbei" in read(sparse_site, "termine/vergangen")
    events = read(sparse_site, "termine")
    assert "Vergangenes Fest" not in events
    assert events.count("Online-Treffen") == 3
    assert "Abgesagt:" in events
    assert "Stadtpark" in read(sparse_site, "termine/am-ort")
    assert "jeden Mittwoch, 19:00–20:00 Uhr, 3 Termine" in read(sparse_site, "netzwerke")
