"""Checks across records: references, networks, languages, recurrence, freshness.

These need the whole data set, so they run on the typed records after every
file has been read. Each problem still points at the line of the field that
is wrong (through `locate`), because that is where the editor must act.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta
from functools import cache

from babel import Locale

from quartier.model import recurrence

from .ids import ID_PATTERN
from .problems import Problem, Severity, did_you_mean, field_name
from .records import Actor, AtActor, Event, Offer, is_stale

#: (source path, JSON path) -> (line, column)
Locate = Callable[[str, tuple], tuple[int, int]]

#: Kind of id -> (German name, where those ids are, inside the data folder)
_KIND_FILES = {
    "districts": ("Stadtteil", "districts.yaml"),
    "categories": ("Kategorie", "categories.yaml"),
    "audiences": ("Zielgruppe", "audiences.yaml"),
    "actors": ("Akteur", "actors/"),
}


#: Where each kind of record names other records: JSON path ("*": every list entry) -> kind.
REFERENCE_FIELDS = {
    "actor": ((("districts", "*"), "districts"), (("topics", "*"), "categories"),
              (("member_of", "*"), "actors"), (("moderation", "*", "actor"), "actors")),
    "offer": ((("actor",), "actors"), (("categories", "*"), "categories"),
              (("audiences", "*"), "audiences"), (("districts", "*"), "districts"),
              (("location", "at"), "actors")),
    "date": ((("organizer",), "actors"), (("categories", "*"), "categories"),
             (("audiences", "*"), "audiences"), (("districts", "*"), "districts"),
             (("location", "at"), "actors"), (("changes", "*", "location", "at"), "actors")),
}


def _references(fields, value):
    """(JSON path, kind of id, value) of every place in `value` the `fields` patterns name."""
    for pattern, kind in fields:
        found = [((), value)]
        for step in pattern:
            nxt = []
            for where, node in found:
                if step == "*" and isinstance(node, list):
                    nxt += [((*where, i), item) for i, item in enumerate(node)]
                elif isinstance(node, dict) and step in node:
                    nxt.append(((*where, step), node[step]))
            found = nxt
        for where, node in found:
            yield where, kind, node


@cache
def language_codes() -> frozenset[str]:
    """ISO 639-1 codes Babel can name (so every listed language can be shown)."""
    return frozenset(code for code in Locale("de").languages if len(code) == 2)


class CrossChecker:
    def __init__(self, ids: dict[str, set[str]], actors: dict[str, Actor], locate: Locate,
                 today: date, stale_after_days: int, timezone: str = "Europe/Berlin",
                 window_days: int = 365, data_folder: str = "data") -> None:
        self.ids = ids  # every id that exists, also of records whose file has errors
        self.data_folder = data_folder  # as editors see it in paths: QUARTIER_DATA_PATH's name
        self.actors = actors
        self.locate = locate
        self.today = today
        self.stale_after = timedelta(days=stale_after_days)
        self.timezone = timezone
        self.window_end = today + timedelta(days=window_days)
        self.problems: list[Problem] = []

    def report(self, rule: str, path: str, where: tuple, field: str, message: str,
               hint: str = "", severity: Severity = Severity.ERROR) -> None:
        line, column = self.locate(path, where)
        self.problems.append(Problem(path, line, column, field, message, hint, severity,
                                     rule=rule))

    # --- references --------------------------------------------------------------------

    def refs(self, path: str, field: str, kind: str, values: tuple[str, ...]) -> None:
        """A list of ids such as `categories: [beratung, bildung]`."""
        for i, value in enumerate(values):
            self.ref(path, (field, i), kind, value, f"{field}[{i + 1}]")

    def ref(self, path: str, where: tuple, kind: str, value: str | None,
            name: str | None = None) -> None:
        """One id; an unknown one is reported with the closest existing ids."""
        if value is None or value in self.ids[kind]:
            return
        label, file = _KIND_FILES[kind]
        file = f"{self.data_folder}/{file}"
        self.report("dangling-reference", path, where, name or field_name(where),
                    f"Unbekannte Kennung „{value}“ ({label}).",
                    " ".join(filter(None, (did_you_mean(value, self.ids[kind]),
                                           f"Vorhandene Kennungen stehen in {file}."))))

    def raw_references(self, path: str, kind: str, value) -> None:
        """The ids in fields of a file that could not (or only partly) become a record.

        Every string that is spelt as an id is looked up, so a wrong district id is reported
        in the same run as a wrong date format beside it.
        """
        for where, id_kind, text in _references(REFERENCE_FIELDS.get(kind, ()), value):
            if isinstance(text, str) and ID_PATTERN.fullmatch(text):
                self.ref(path, where, id_kind, text)

    def location(self, path: str, where: tuple, location) -> None:
        if isinstance(location, AtActor):
            self.ref(path, (*where, "at"), "actors", location.actor)

    def languages(self, path: str, languages, translations=()) -> None:
        """Spoken languages and the keys of `translations` are ISO 639-1 codes Babel knows."""
        for where, code in [*((("languages", i), c) for i, c in enumerate(languages)),
                            *((("translations", c), c) for c in translations)]:
            if code not in language_codes():
                self.report("unknown-language", path, where, field_name(where),
                            f"„{code}“ ist kein bekannter Sprachcode nach ISO 639-1.",
                            " ".join(filter(None, (
                                did_you_mean(code, language_codes()),
                                "Beispiele: de Deutsch, en Englisch, ar Arabisch, uk Ukrainisch."
                            ))))

    def freshness(self, path: str, last_checked: date | None) -> None:
        if is_stale(last_checked, self.today, self.stale_after.days):
            self.report(
                "stale-record", path, ("last_checked",), "last_checked",
                f"Zuletzt geprüft am {last_checked:%d.%m.%Y} – das ist über "
                f"{self.stale_after.days} Tage her.",
                "Die Angaben mit dem Akteur abgleichen und last_checked auf das heutige "
                "Datum setzen.", Severity.WARNING)

    # --- per kind ----------------------------------------------------------------------

    def actor(self, a: Actor) -> None:
        path = a.source.path
        self.refs(path, "districts", "districts", a.districts)
        self.refs(path, "topics", "categories", a.topics)
        self.refs(path, "member_of", "actors", a.member_of)
        for i, network_id in enumerate(a.member_of):
            network = self.actors.get(network_id)
            if network is not None and not network.is_network:
                self.report("not-a-network", path, ("member_of", i), f"member_of[{i + 1}]",
                            f"„{network_id}“ ist kein Netzwerk (kind: {network.kind}).",
                            "member_of nennt nur Akteure mit kind: network.")
        for i, m in enumerate(a.moderation):
            self.ref(path, ("moderation", i, "actor"), "actors", m.actor)
        if not a.is_network:
            for key in ("moderation", "minutes"):
                if getattr(a, key):
                    self.report("network-only", path, (key,), key,
                                f"{key} gibt es nur bei Netzwerken (kind: network).",
                                f"kind: network setzen oder {key} löschen.")
        self.languages(path, a.languages, a.translations)
        self.freshness(path, a.last_checked)

    def offer(self, o: Offer) -> None:
        path = o.source.path
        self.ref(path, ("actor",), "actors", o.actor)
        self.refs(path, "categories", "categories", o.categories)
        self.refs(path, "audiences", "audiences", o.audiences)
        self.refs(path, "districts", "districts", o.districts)
        self.location(path, ("location",), o.location)
        self.languages(path, o.languages, o.translations)
        self.freshness(path, o.last_checked)

    def event(self, e: Event) -> None:
        path = e.source.path
        self.ref(path, ("organizer",), "actors", e.organizer)
        self.refs(path, "categories", "categories", e.categories)
        self.refs(path, "audiences", "audiences", e.audiences)
        self.refs(path, "districts", "districts", e.districts)
        self.location(path, ("location",), e.location)
        for i, change in enumerate(e.changes):
            self.location(path, ("changes", i, "location"), change.location)
        self.languages(path, e.languages, e.translations)
        self.freshness(path, e.last_checked)
        if self.series(e):
            self.clocks(e)

    def clocks(self, e: Event) -> None:
        """Local times that do not exist (spring) are errors; doubled ones (autumn) warnings."""
        for moment, problem in recurrence.clock_problems(e, self.timezone, self.window_end):
            day, clock = f"{moment:%d.%m.%Y}", f"{moment:%H:%M}"
            if problem == "gap":
                self.report("nonexistent-time", e.source.path, ("start",), "start",
                            f"Am {day} gibt es die Uhrzeit {clock} nicht: in dieser Nacht werden "
                            "die Uhren auf Sommerzeit vorgestellt.",
                            "Eine andere Uhrzeit wählen oder diesen Tag mit except ausnehmen "
                            "bzw. mit changes verlegen.")
            else:
                self.report("ambiguous-time", e.source.path, ("start",), "start",
                            f"Am {day} gibt es die Uhrzeit {clock} zweimal (Ende der "
                            "Sommerzeit); gemeint ist die erste, noch in Sommerzeit.",
                            "Wenn die zweite gemeint ist, eine eindeutige Uhrzeit wählen.",
                            Severity.WARNING)

    def series(self, e: Event) -> bool:
        """`except`, `changes` and `extra_dates` must name occurrences of a consistent rule.

        Returns whether the date can be expanded (so later checks may rely on it).
        """
        path = e.source.path
        if e.start is None:  # an impossible date, reported already
            return False
        series = None
        if e.repeat is None:
            if e.exceptions and not e.extra_dates:
                self.report("series-only", path, ("except",), "except",
                            "except gibt es nur bei Terminreihen (mit repeat).",
                            "repeat ergänzen oder except löschen.")
            elif e.exceptions:
                self.report("series-only", path, ("except",), "except",
                            "except gibt es nur bei Terminreihen mit Regel (repeat).",
                            "Einen zusätzlichen Termin, der nicht stattfindet, aus extra_dates "
                            "löschen.")
            if e.changes and not e.extra_dates:
                self.report("series-only", path, ("changes",), "changes",
                            "changes gibt es nur bei Terminreihen (mit repeat oder "
                            "extra_dates).", "repeat ergänzen oder changes löschen.")
            if not e.extra_dates:
                return True
        else:
            contradiction = recurrence.rule_problem(e.repeat)
            if contradiction:
                field, message, hint = contradiction
                self.report("repeat-conflict", path, tuple(field.split(".")), field, message,
                            hint)
                return False
            series = recurrence.rule(e)
            first = next(iter(series), None)
            start = recurrence.start_datetime(e)
            if first is None and not e.extra_dates:
                self.report("empty-series", path, ("repeat",), "repeat",
                            "Die Reihe hat keinen einzigen Termin.",
                            "until muss nach dem Beginn liegen.")
                return False
            if first is not None and first != start:
                # RFC 5545 leaves such a series undefined; we follow the rule (dateutil does),
                # so the series begins at its first occurrence after `start`. Worth a look.
                weekday = recurrence.WEEKDAY_NAMES[start.weekday()]
                self.report(
                    "start-not-an-occurrence", path, ("start",), "start",
                    f"Der Beginn ({start:%d.%m.%Y}, ein {weekday}) ist selbst kein Termin der "
                    f"Reihe; der erste Termin ist am {first:%d.%m.%Y}.",
                    "start auf den ersten echten Termin setzen oder repeat (days, week, "
                    "monthday) prüfen.", Severity.WARNING)
        self.extra_dates(e, series)
        seen: dict[date, int] = {}
        for field, days in (("except", e.exceptions), ("changes", [c.date for c in e.changes])):
            for i, day in enumerate(days):
                if field == "except" and series is None:
                    break  # reported above: no rule to take dates out of
                where = (field, i) if field == "except" else (field, i, "date")
                name = f"{field}[{i + 1}]" + (".date" if field == "changes" else "")
                occurs = (recurrence.occurs_on(series, day) if field == "except"
                          else recurrence.takes_place_on(e, series, day))
                if not occurs:
                    weekday = recurrence.WEEKDAY_NAMES[day.weekday()]
                    rules = "repeat" + (" und extra_dates" if e.extra_dates else "")
                    self.report("change-not-an-occurrence", path, where, name,
                                f"Am {day:%d.%m.%Y} ({weekday}) findet laut {rules} kein "
                                "Termin der Reihe statt.",
                                "Das Datum eines echten Termins der Reihe angeben.")
                elif field == "changes" and day in e.exceptions:
                    self.report("cancelled-and-changed", path, where, name,
                                f"Der {day:%d.%m.%Y} steht auch unter except: der Termin kann "
                                "nicht zugleich ausfallen und geändert werden.",
                                "Entweder den Tag aus except löschen oder die Änderung; "
                                "fällt er aus, genügt except (oder cancelled: true).")
                elif field == "changes" and day in seen:
                    self.report("duplicate-change", path, where, name,
                                f"Für den {day:%d.%m.%Y} gibt es schon eine Änderung "
                                f"(Eintrag {seen[day] + 1}).",
                                "Beide Einträge zu einem zusammenfassen.")
                elif field == "changes":
                    seen[day] = i
        return True

    def extra_dates(self, e: Event, series) -> None:
        """An additional date is a day without another occurrence: one occurrence per day
        is what `except` and `changes` name, and what calendars identify it by."""
        path = e.source.path
        seen: dict[date, int] = {}
        for i, extra in enumerate(e.extra_dates):
            day = extra.date() if isinstance(extra, datetime) else extra
            where, name = ("extra_dates", i), f"extra_dates[{i + 1}]"
            if day in seen:
                self.report("extra-date-conflict", path, where, name,
                            f"Am {day:%d.%m.%Y} steht schon ein zusätzlicher Termin "
                            f"(Eintrag {seen[day] + 1}).",
                            "Pro Tag nur einen Termin angeben; eine andere Uhrzeit an einem Tag "
                            "gehört in changes.")
            elif day in e.exceptions and series is not None:  # else: except is reported
                self.report("extra-date-conflict", path, where, name,
                            f"Der {day:%d.%m.%Y} steht auch unter except.",
                            "Soll der Termin an diesem Tag zu einer anderen Zeit stattfinden: "
                            "den Tag aus except und extra_dates löschen und mit changes die "
                            "Uhrzeit ändern.")
            elif (series is not None and recurrence.occurs_on(series, day)) or (
                    e.repeat is None and day == e.start_day):
                self.report("extra-date-conflict", path, where, name,
                            f"Am {day:%d.%m.%Y} findet schon ein Termin der Reihe statt.",
                            "Den zusätzlichen Termin löschen; eine andere Uhrzeit an diesem Tag "
                            "gehört in changes.")
            seen.setdefault(day, i)
