"""The texts residents read: exact German output, and that translation goes through gettext."""

from __future__ import annotations

from datetime import date, datetime, time
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_file

from quartier.contract.records import AtActor, Change, Event, Geo, HoursSlot, Repeat
from quartier.model.sorting import initial, sort_key
from quartier.render import present
from quartier.render.present import Formatter, geo_uri, osm_url, tel_uri

DE = Formatter()


def slot(days: str, start: str, end: str, note: str | None = None) -> HoursSlot:
    return HoursSlot(tuple(days.split()), time.fromisoformat(start), time.fromisoformat(end),
                     note)


@pytest.mark.parametrize(("days", "expected"), [
    (["di"], "Di"),
    (["do", "di"], "Di und Do"),
    (["mo", "di"], "Mo und Di"),
    (["mo", "di", "mi", "do", "fr"], "Mo–Fr"),
    (["fr", "mi", "mo"], "Mo, Mi und Fr"),
    (["fr", "mo", "di", "mi"], "Mo–Mi und Fr"),
    (["mo", "di", "mi", "fr", "sa", "so"], "Mo–Mi und Fr–So"),
    (["so", "sa", "mo"], "Mo, Sa und So"),
    (["di", "di"], "Di"),
    ([], ""),
])
def test_weekdays(days, expected):
    assert DE.weekdays(days) == expected


def test_weekdays_unknown_code_is_an_error():
    with pytest.raises(ValueError):
        DE.weekdays(["mon"])


def test_hours_merges_days_of_equal_times():
    slots = [slot("di", "10:00", "12:00"), slot("do", "10:00", "12:00")]
    assert DE.hours(slots) == ["Di und Do 10:00–12:00 Uhr"]


def test_hours_note_order_and_appointments():
    slots = [
        slot("mi", "14:00", "18:00", "nur mit Termin"),
        slot("mo di", "13:00", "15:00"),
        slot("mo", "09:00", "12:00"),
        slot("fr", "09:00", "12:00"),
    ]
    assert DE.hours(slots, by_appointment=True) == [
        "Mo und Fr 09:00–12:00 Uhr",
        "Mo und Di 13:00–15:00 Uhr",
        "Mi 14:00–18:00 Uhr (nur mit Termin)",
        "Termine nach Vereinbarung",
    ]


def test_hours_first_weekday_comes_before_time():
    slots = [slot("di", "09:00", "12:00"), slot("mo", "16:00", "18:00")]
    assert DE.hours(slots) == ["Mo 16:00–18:00 Uhr", "Di 09:00–12:00 Uhr"]


def test_hours_same_time_different_note_stays_apart():
    slots = [slot("mo", "10:00", "12:00"), slot("di", "10:00", "12:00", "nur mit Termin")]
    assert DE.hours(slots) == ["Mo 10:00–12:00 Uhr", "Di 10:00–12:00 Uhr (nur mit Termin)"]


def test_hours_empty():
    assert DE.hours([]) == []
    assert DE.hours([], by_appointment=True) == ["Termine nach Vereinbarung"]


def test_time():
    assert DE.time(time(18, 0)) == "18:00"
    assert DE.time(time(9, 5)) == "09:05"
    assert DE.time(datetime(2026, 11, 5, 7, 30)) == "07:30"


@pytest.mark.parametrize(("style", "expected"), [
    ("long", "Donnerstag, 5. November 2026"),
    ("short", "Do., 5. Nov."),
    ("day", "5. November 2026"),
])
def test_date(style, expected):
    assert DE.date(date(2026, 11, 5), style) == expected
    assert DE.date(datetime(2026, 11, 5, 18, 0), style) == expected


def test_date_default_is_long_and_unknown_style_is_an_error():
    assert DE.date(date(2027, 6, 12)) == "Samstag, 12. Juni 2027"
    with pytest.raises(ValueError, match="medium"):
        DE.date(date(2027, 6, 12), "medium")


def test_month():
    assert DE.month(date(2026, 11, 5)) == "November 2026"
    assert DE.month(date(2027, 3, 1)) == "März 2027"


@pytest.mark.parametrize(("start", "end", "expected"), [
    (datetime(2026, 11, 5, 18), None, "Donnerstag, 5. November 2026, 18:00 Uhr"),
    (datetime(2026, 11, 5, 18), datetime(2026, 11, 5, 20),
     "Donnerstag, 5. November 2026, 18:00–20:00 Uhr"),
    (datetime(2026, 11, 5, 22), datetime(2026, 11, 6, 2),
     "Donnerstag, 5. November 2026, 22:00 Uhr bis Freitag, 6. November 2026, 02:00 Uhr"),
    (date(2027, 6, 12), None, "Samstag, 12. Juni 2027 (ganztägig)"),
    (date(2027, 6, 12), date(2027, 6, 12), "Samstag, 12. Juni 2027 (ganztägig)"),
    (date(2027, 7, 3), date(2027, 7, 5), "Samstag, 3. Juli 2027 bis Montag, 5. Juli 2027"),
])
def test_when(start, end, expected):
    assert DE.when(start, end) == expected


@pytest.mark.parametrize(("code", "expected"), [
    ("de", "Deutsch"),
    ("ar", "العربية"),
    ("uk", "Українська"),
    ("ru", "Русский"),
    ("tr", "Türkçe"),
    ("fa", "فارسی"),
    ("en", "English"),
    ("xx", "xx"),
])
def test_language_name(code, expected):
    assert DE.language_name(code) == expected


def test_language_name_does_not_depend_on_site_locale():
    assert Formatter(locale="ar").language_name("de") == "Deutsch"
    assert Formatter(locale="en").language_name("uk") == "Українська"


def test_language_in_site_locale():
    assert DE.language_in_site_locale("ar") == "Arabisch"
    assert DE.language_in_site_locale("uk") == "Ukrainisch"
    assert Formatter(locale="en").language_in_site_locale("ar") == "Arabic"
    assert DE.language_in_site_locale("xx") == "xx"


@pytest.mark.parametrize(("value", "expected"), [
    ("yes", "Rollstuhlgerecht"),
    ("partial", "Teilweise rollstuhlgerecht"),
    ("no", "Nicht rollstuhlgerecht"),
    ("unknown", "Zugänglichkeit für Rollstühle unbekannt"),
    (None, "Zugänglichkeit für Rollstühle unbekannt"),
])
def test_wheelchair(value, expected):
    assert DE.wheelchair(value) == expected


def test_cost():
    assert DE.cost("free") == "Kostenlos"
    assert DE.cost("2 € pro Termin") == "2 € pro Termin"
    assert DE.cost(None) is None


@pytest.mark.parametrize(("kind", "singular", "plural"), [
    ("association", "Verein", "Vereine"),
    ("initiative", "Initiative", "Initiativen"),
    ("institution", "Einrichtung", "Einrichtungen"),
    ("office", "Verwaltung und Quartiersmanagement", "Verwaltung und Quartiersmanagement"),
    ("network", "Netzwerk", "Netzwerke"),
    ("business", "Gewerbe", "Gewerbe"),
    ("project", "Projekt", "Projekte"),
])
def test_kind(kind, singular, plural):
    assert DE.kind(kind) == singular
    assert DE.kind(kind, plural=True) == plural


def test_status():
    assert DE.status("scheduled") is None
    assert DE.status("cancelled") == "Abgesagt"
    assert DE.status("postponed") == "Verschoben"


@pytest.mark.parametrize(("n", "expected"), [
    (1, "1 Termin"), (3, "3 Termine"), (1234, "1.234 Termine"),
])
def test_a_series_with_a_count_names_it(n, expected):
    series = Event(id="s", title="S", start=date(2026, 11, 4),
                   repeat=Repeat(freq="weekly", count=n))
    assert DE.rhythm(series) == f"jeden Mittwoch, {expected}"


ENGLISH = {
    "%(from)s–%(to)s Uhr": "%(from)s–%(to)s",
    "%(time)s Uhr": "%(time)s",
    "%(items)s und %(last)s": "%(items)s and %(last)s",
    "%(start)s bis %(end)s": "%(start)s to %(end)s",
    "%(date)s (ganztägig)": "%(date)s (all day)",
    "Termine nach Vereinbarung": "Appointments by arrangement",
    "Rollstuhlgerecht": "Wheelchair accessible",
    "Kostenlos": "Free",
    "Vereine": "Associations",
    "Abgesagt": "Cancelled",
}


def english_plural(singular: str, plural: str, n: int) -> str:
    return {"%(n)s Termin": "%(n)s date", "%(n)s Termine": "%(n)s dates"}[
        singular if n == 1 else plural]


EN = Formatter(locale="en", gettext=lambda msgid: ENGLISH.get(msgid, msgid),
               ngettext=english_plural)


def test_english_through_gettext():
    slots = [slot("di", "10:00", "12:00"), slot("do", "10:00", "12:00")]
    assert EN.hours(slots, by_appointment=True) == [
        "Tue and Thu 10:00–12:00", "Appointments by arrangement"]
    assert EN.weekdays(["mo", "mi", "fr"]) == "Mon, Wed and Fri"
    assert EN.when(datetime(2026, 11, 5, 22), datetime(2026, 11, 6, 2)) == (
        "Thursday, November 5, 2026, 22:00 to Friday, November 6, 2026, 02:00")
    assert EN.when(date(2027, 6, 12), None) == "Saturday, June 12, 2027 (all day)"
    assert EN.wheelchair("yes") == "Wheelchair accessible"
    assert EN.cost("free") == "Free"
    assert EN.kind("association", plural=True) == "Associations"
    assert EN.status("cancelled") == "Cancelled"
    weekly = Event(id="s", title="S", start=date(2026, 11, 4),
                   repeat=Repeat(freq="weekly", count=1234))
    assert EN.rhythm(weekly) == "jeden Wednesday, 1,234 dates"  # "jeden …" not in ENGLISH


def test_every_runtime_msgid_is_extractable():
    """What the methods ask gettext for is what Babel extracts (keywords _ and _n:1,2)."""
    asked: set[str] = set()

    def gettext(msgid: str) -> str:
        asked.add(msgid)
        return msgid

    def ngettext(singular: str, plural: str, n: int) -> str:
        asked.update((singular, plural))
        return singular if n == 1 else plural

    fmt = Formatter(gettext=gettext, ngettext=ngettext)
    fmt.hours([slot("mo di", "10:00", "12:00", "nur mit Termin")], by_appointment=True)
    fmt.weekdays(["mo", "mi", "fr"])
    fmt.when(datetime(2026, 11, 5, 18), None)
    fmt.when(datetime(2026, 11, 5, 18), datetime(2026, 11, 6, 2))
    fmt.when(date(2027, 6, 12), None)
    fmt.wheelchair("yes")
    fmt.cost("free")
    fmt.kind("network")
    fmt.status("postponed")
    extracted: set[str] = set()
    for _line, message, _comments, _context in extract_from_file(
            "python", Path(present.__file__), keywords={"_": None, "_n": (1, 2)}):
        extracted.update([message] if isinstance(message, str) else message)
    assert "%(from)s–%(to)s Uhr" in asked
    assert "Netzwerke" in extracted
    assert asked <= extracted


def test_osm_url_and_geo_uri():
    geo = Geo(51.3456, 12.4049)
    assert osm_url(geo) == (
        "https://www.openstreetmap.org/?mlat=51.3456&mlon=12.4049#map=18/51.3456/12.4049")
    assert osm_url(Geo(50.82345678, 12.9), zoom=16) == (
        "https://www.openstreetmap.org/?mlat=50.823457&mlon=12.9#map=16/50.823457/12.9")
    assert geo_uri(geo) == "geo:51.3456,12.4049"
    assert geo_uri(Geo(51.0, -0.5)) == "geo:51,-0.5"


@pytest.mark.parametrize(("phone", "expected"), [
    ("0341 123456", "tel:0341123456"),
    ("0371 / 123 45-67", "tel:03711234567"),
    ("+49 (0)341 123456", "tel:+49341123456"),
    ("+49 341 123456", "tel:+49341123456"),
])
def test_tel_uri(phone, expected):
    assert tel_uri(phone) == expected


def test_sort_key_orders_german_names():
    names = ["Zentrum", "Ärztehaus", "Anker", "„Möckern in Aktion“", "Öko"]
    assert sorted(names, key=sort_key) == [
        "Anker", "Ärztehaus", "„Möckern in Aktion“", "Öko", "Zentrum"]


def test_sort_key_folds_case_umlauts_sharp_s_and_accents():
    assert sort_key("Straße") == sort_key("STRASSE") == "strasse"
    assert sort_key("Café Ümit") == "cafe umit"
    assert sort_key("\"Die Brücke\"") == "die brucke"
    assert sort_key("Naomi e. V.") == "naomi e. v"
    assert sorted(["Anker Haus", "„Anker“"], key=sort_key) == ["„Anker“", "Anker Haus"]


@pytest.mark.parametrize(("name", "expected"), [
    ("Anker", "A"),
    ("Ärztehaus", "A"),
    ("„Möckern in Aktion“", "M"),
    ("öko", "O"),
    ("1. FC Lok", "#"),
    ("Українська громада", "#"),
    ("", "#"),
])
def test_initial(name, expected):
    assert initial(name) == expected


def _series(start, end=None, **repeat):
    changes = repeat.pop("changes", ())
    return Event(id="s", title="S", start=start, end=end, repeat=Repeat(**repeat),
                 changes=tuple(Change(d, location=AtActor("x")) for d in changes))


@pytest.mark.parametrize(("event", "text"), [
    (_series(datetime(2026, 9, 2, 18), datetime(2026, 9, 2, 20), freq="monthly", interval=2,
             days=("mi",), week=1, changes=(date(2026, 11, 4), date(2027, 1, 6))),
     "jeden 2. Monat am 1. Mittwoch, 18:00–20:00 Uhr, wechselnde Orte"),
    # One moved meeting is an exception, not a rotation of venues.
    (_series(datetime(2026, 9, 2, 18), datetime(2026, 9, 2, 20), freq="monthly", interval=2,
             days=("mi",), week=1, changes=(date(2026, 11, 4),)),
     "jeden 2. Monat am 1. Mittwoch, 18:00–20:00 Uhr"),
    (_series(datetime(2026, 11, 3, 10), datetime(2026, 11, 3, 12), freq="weekly",
             days=("di", "do")), "jeden Dienstag und Donnerstag, 10:00–12:00 Uhr"),
    (_series(datetime(2026, 11, 4, 15), freq="weekly", interval=2, skip_holidays=True),
     "alle 2 Wochen am Mittwoch, 15:00 Uhr, nicht an Feiertagen"),
    (_series(datetime(2026, 11, 27, 18), freq="monthly", days=("fr",), week=-1, count=5),
     "jeden letzten Freitag im Monat, 18:00 Uhr, 5 Termine"),
    (_series(date(2026, 11, 20), freq="monthly", until=date(2027, 12, 31)),
     "monatlich am 20., bis 31. Dezember 2027"),
    (_series(date(2027, 6, 12), freq="yearly"), "jährlich am 12. Juni"),
    (_series(datetime(2026, 12, 1, 18), freq="daily", interval=3), "alle 3 Tage, 18:00 Uhr"),
])
def test_rhythm_in_german(event, text):
    assert Formatter().rhythm(event) == text


HTML = Formatter(html=True)


def test_the_pages_formatter_isolates_every_time_left_to_right():
    """On a right-to-left page „10:00–12:00“ would read „12:00–10:00“ without the isolates."""
    ltr = '<bdi dir="ltr">{}</bdi>'.format
    slots = [slot("di", "10:00", "12:00", "nur <mit> Termin")]
    assert HTML.hours(slots) == [
        f"Di {ltr('10:00')}–{ltr('12:00')} Uhr <bdi>(nur &lt;mit&gt; Termin)</bdi>"]
    assert HTML.when(datetime(2026, 11, 5, 18), datetime(2026, 11, 5, 20)) == (
        f"Donnerstag, 5. November 2026, {ltr('18:00')}–{ltr('20:00')} Uhr")
    assert HTML.clock(datetime(2026, 11, 5, 18), None) == f"{ltr('18:00')} Uhr"
    series = Event(id="s", title="S", start=datetime(2026, 11, 4, 18),
                   end=datetime(2026, 11, 4, 20), repeat=Repeat(freq="weekly"),
                   extra_dates=(datetime(2026, 12, 23, 17),))
    assert HTML.rhythm(series) == (
        f"jeden Mittwoch, {ltr('18:00')}–{ltr('20:00')} Uhr, "
        f"zusätzlich am 23. Dezember 2026 ({ltr('17:00')} Uhr)")
    assert all(hasattr(v, "__html__") for v in (
        *HTML.hours(slots), HTML.when(date(2027, 6, 12), None), HTML.rhythm(series)))


def test_the_text_formatter_stays_plain_text():
    """Feeds, calendars and the search index get no markup."""
    assert DE.when(datetime(2026, 11, 5, 18), datetime(2026, 11, 5, 20)) == (
        "Donnerstag, 5. November 2026, 18:00–20:00 Uhr")
    assert not hasattr(DE.time(time(18)), "__html__")


def test_isolate_ltr_escapes():
    assert present.isolate_ltr("a<b") == '<bdi dir="ltr">a&lt;b</bdi>'


def test_parts_are_joined_with_the_languages_comma():
    """Arabic separates with „،“: the Latin comma of „كل أسبوع, 3 مواعيد“ reads as a typo."""
    arabic = Formatter("ar", gettext=lambda message: {", ": "، "}.get(message, message))
    weekly = Event(id="s", title="S", start=datetime(2026, 11, 4, 18),
                   end=datetime(2026, 11, 4, 20), repeat=Repeat(freq="weekly", count=3))
    assert arabic.rhythm(weekly).count("، ") == 2 and ", " not in arabic.rhythm(weekly)
    assert arabic.weekdays(["mo", "mi", "fr"]).count("، ") == 1
