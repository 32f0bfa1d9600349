"""Record values as the text residents read: office hours, dates, languages, access, cost.

Templates should not assemble "Di und Do 10:00–12:00 Uhr" from pieces, and
the site must be able to speak more languages than German later. So every
locale-dependent piece (day and month names, date patterns, language names)
comes from Babel's CLDR data, never from the system locale, and every UI text
goes through gettext. Message ids are the German texts; whole phrases with
`%(name)s` placeholders are message ids, so a translation can reorder them.
Extract with Babel's keywords `_` and `_n:1,2`.

Nothing here imports Pelican or Jinja; the theme uses the methods as filters.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from datetime import date, datetime, time
from functools import cache

from babel import Locale, UnknownLocaleError
from babel.dates import format_date, format_skeleton, format_time, get_day_names
from babel.numbers import format_decimal
from markupsafe import Markup

from quartier.contract import weekdays
from quartier.contract.records import Event, Geo, HoursSlot
from quartier.model.languages import mark
from quartier.model.recurrence import changes_venues

#: The contract's weekday codes in week order; the index is Babel's day number.
DAY_CODES = weekdays.CODES


#: A series' rhythm names up to this many additional dates; the page lists the next ones.
MAX_NAMED_EXTRA_DATES = 4

#: "jeden 2. Mittwoch im Monat": the `week` of a monthly rule as a translatable word.
ORDINALS = {1: mark("1."), 2: mark("2."), 3: mark("3."), 4: mark("4."), 5: mark("5."),
            -1: mark("letzten")}


def _german(message: str) -> str:
    return message


def _german_plural(singular: str, plural: str, n: int) -> str:
    return singular if n == 1 else plural


def isolate_ltr(value: str) -> Markup:
    """A value that is left-to-right by nature (a time, a phone number, a URL) as HTML that
    keeps its order in right-to-left text: „18:00“, „0341 0000 101“ would otherwise be
    reordered by the paragraph's direction („101 0000 0341“). `<bdi>` isolates it from the
    text around it, `dir="ltr"` fixes its own direction.
    """
    return Markup('<bdi dir="ltr">%s</bdi>') % value


class Formatter:
    """Formats values for one site language; gettext/ngettext default to German.

    `html=True` is the pages' formatter: its texts are HTML (`Markup`) with every time of
    day isolated left-to-right (`isolate_ltr`); the default gives plain text for feeds,
    calendars, open data and the search index.
    """

    def __init__(self, locale: str = "de", gettext: Callable[[str], str] | None = None,
                 ngettext: Callable[[str, str, int], str] | None = None, *,
                 html: bool = False) -> None:
        self.locale = Locale.parse(locale)
        self.html = html
        translate = gettext or _german
        # In HTML the translated pattern is trusted markup and the values filled in are
        # escaped, except those that are HTML already (an isolated time, a `Text` with lang).
        self._ = (lambda message: Markup(translate(message))) if html else translate
        self._n = ngettext or _german_plural
        # Babel's formatting is the build's hot spot, and the same dates and times recur
        # on many pages (every weekly meeting at 18:00): each formatter remembers its results.
        for name in ("time", "date", "month", "when", "clock"):
            setattr(self, name, cache(getattr(self, name)))

    def weekdays(self, days: Sequence[str]) -> str:
        """Weekday codes as "Di", "Di und Do", "Mo–Fr", "Mo, Mi und Fr" or "Mo–Mi und Fr"."""
        names = get_day_names("abbreviated", "stand-alone", locale=self.locale)
        runs: list[list[int]] = []
        for day in sorted({DAY_CODES.index(code) for code in days}):
            if runs and day == runs[-1][-1] + 1:
                runs[-1].append(day)
            else:
                runs.append([day])
        parts: list[str] = []
        for run in runs:
            if len(run) >= 3:
                parts.append(f"{names[run[0]]}–{names[run[-1]]}")
            else:
                parts.extend(names[day] for day in run)
        return self._enumeration(parts)

    def hours(self, slots: Sequence[HoursSlot], by_appointment: bool = False) -> list[str]:
        """One line per time range, rhythm and note, with the days of all slots sharing them:
        „Di und Do 10:00–12:00 Uhr“, „jeden 1. Montag im Monat, 10:00–12:00 Uhr“."""
        days_by_time: dict[tuple, set[str]] = {}
        for slot in slots:
            key = (slot.start, slot.end, slot.note, slot.week, slot.interval, slot.first,
                   slot.exceptions, slot.skip_school_holidays)
            days_by_time.setdefault(key, set()).update(slot.days)

        def order(item: tuple[tuple, set[str]]) -> tuple:
            (start, end, note, week, interval, *_), days = item
            return (min(DAY_CODES.index(day) for day in days), start, end, week or 0,
                    interval, note or "")

        lines = []
        for (start, end, note, week, interval, first, exceptions, school), days in sorted(
                days_by_time.items(), key=order):
            line = self._slot_line(days, start, end, week, interval, first, exceptions)
            if school:
                line = self._("%(text)s, nicht in den Schulferien") % {"text": line}
            if note:
                # A note in another language than the page's (quartier.localize.Text) keeps
                # its `lang` element: the line becomes HTML, with everything else escaped.
                pattern = self._("%(text)s (%(note)s)")
                if self.html:
                    # The note and its brackets as one isolate: a German note on a
                    # right-to-left page keeps „(…)“ around it, over every line it takes.
                    pattern = pattern.replace(Markup("(%(note)s)"),
                                              Markup("<bdi>(%(note)s)</bdi>"))
                line = (Markup(pattern) if hasattr(note, "__html__") else pattern) % {
                    "text": line, "note": note}
            lines.append(line)
        if by_appointment:
            lines.append(self._("Termine nach Vereinbarung"))
        return lines

    def _slot_line(self, days, start: time, end: time, week: int | None, interval: int,
                   first: date | None, exceptions: Sequence[date]) -> str:
        when = self._time_range(start, end)
        names = self._enumeration(self._day_names(tuple(days)))
        if week is not None:
            line = self._("jeden %(week)s %(days)s im Monat, %(time)s") % {
                "week": self._(ORDINALS[week]), "days": names, "time": when}
        elif interval != 1:
            line = self._("jeden %(n)s. %(days)s ab %(date)s, %(time)s") % {
                "n": interval, "days": names, "date": self.date(first, "day"), "time": when}
        else:
            line = self._("%(days)s %(time)s") % {"days": self.weekdays(days), "time": when}
        if exceptions:
            line = self._("%(text)s, nicht am %(dates)s") % {"text": line, "dates":
                self._enumeration([self.date(d, "day") for d in sorted(exceptions)])}
        return line

    def time(self, value: time | datetime) -> str:
        """A time of day as "18:00" (isolated left-to-right in HTML)."""
        text = format_time(value, "HH:mm", locale=self.locale)
        return isolate_ltr(text) if self.html else text

    def date(self, value: date | datetime, style: str = "long") -> str:
        """A day: "long" with weekday, "short" compact for lists, "day" without weekday."""
        if style == "long":
            return format_date(value, "full", locale=self.locale)
        if style == "short":
            return format_skeleton("MMMEd", value, locale=self.locale)
        if style == "day":
            return format_date(value, "long", locale=self.locale)
        raise ValueError(f"unknown date style {style!r}; expected long, short or day")

    def month(self, value: date) -> str:
        """A month heading such as "November 2026"."""
        return format_skeleton("yMMMM", value, locale=self.locale)

    def when(self, start: date | datetime, end: date | datetime | None) -> str:
        """The one line saying when an event or occurrence takes place."""
        if not isinstance(start, datetime):
            if end is None or end == start:
                return self._("%(date)s (ganztägig)") % {"date": self.date(start)}
            return self._("%(start)s bis %(end)s") % {
                "start": self.date(start), "end": self.date(end)}
        if end is None:
            return self._moment(start)
        if end.date() == start.date():
            return self._("%(date)s, %(time)s") % {
                "date": self.date(start), "time": self._time_range(start, end)}
        return self._("%(start)s bis %(end)s") % {
            "start": self._moment(start), "end": self._moment(end)}

    def language_name(self, code: str) -> str:
        """A language in its own name and script ("Українська"); unknown codes stay as given."""
        try:
            name = Locale.parse(code).display_name
        except (ValueError, UnknownLocaleError):
            return code
        return name[:1].upper() + name[1:]

    def language_in_site_locale(self, code: str) -> str:
        """A language named in the site's language ("Arabisch")."""
        return self.locale.languages.get(code, code)

    def wheelchair(self, value: str | None) -> str:
        """Wheelchair access (yes, partial, no, unknown) as a sentence fragment."""
        known = {
            "yes": self._("Rollstuhlgerecht"),
            "partial": self._("Teilweise rollstuhlgerecht"),
            "no": self._("Nicht rollstuhlgerecht"),
        }
        return known.get(value, self._("Zugänglichkeit für Rollstühle unbekannt"))

    def cost(self, value: str | None) -> str | None:
        """"free" translated; any other cost text is the editors' own words."""
        return self._("Kostenlos") if value == "free" else value

    def kind(self, kind: str, plural: bool = False) -> str:
        """An actor kind as a label ("Verein") or a heading for several ("Vereine")."""
        singular_plural = {
            "association": (self._("Verein"), self._("Vereine")),
            "initiative": (self._("Initiative"), self._("Initiativen")),
            "institution": (self._("Einrichtung"), self._("Einrichtungen")),
            "office": (self._("Verwaltung und Quartiersmanagement"),
                       self._("Verwaltung und Quartiersmanagement")),
            "network": (self._("Netzwerk"), self._("Netzwerke")),
            "business": (self._("Gewerbe"), self._("Gewerbe")),
            "project": (self._("Projekt"), self._("Projekte")),
        }
        return singular_plural[kind][plural]

    def status(self, status: str) -> str | None:
        """A notice for cancelled or postponed dates; None when the date takes place."""
        return {
            "scheduled": None,
            "cancelled": self._("Abgesagt"),
            "postponed": self._("Verschoben"),
        }[status]

    def status_title(self, title: str, status: str) -> str:
        """A title as lists, feeds and calendars show a date that does not take place:
        „Abgesagt: Lesung“, „Verschoben: Flohmarkt“."""
        label = self.status(status)
        return self._("%(status)s: %(title)s") % {"status": label, "title": title} if label \
            else title

    def clock(self, start: date | datetime, end: date | datetime | None) -> str:
        """The time of day for a list under a day heading: „18:00–20:00 Uhr“, „ganztägig“."""
        if not isinstance(start, datetime):
            if end is None or end == start:
                return self._("ganztägig")
            return self._("ganztägig bis %(date)s") % {"date": self.date(end)}
        if end is None:
            return self._("%(time)s Uhr") % {"time": self.time(start)}
        if isinstance(end, datetime) and end.date() == start.date():
            return self._time_range(start, end)
        return self._("%(time)s Uhr bis %(end)s") % {
            "time": self.time(start), "end": self._moment(end)}

    def weekday_name(self, code: str) -> str:
        """A weekday code as a heading: "mo" -> "Montag"."""
        return get_day_names("wide", "stand-alone", locale=self.locale)[DAY_CODES.index(code)]

    def time_range(self, start: time, end: time) -> str:
        """An office-hours slot's time of day, „09:30–11:00 Uhr“ (the weekly plan's lines)."""
        return self._time_range(start, end)

    def rhythm(self, event: Event) -> str:
        """A series' rule in words: „jeden 2. Monat am 1. Mittwoch, 18:00–20:00 Uhr“.

        Adds the end of the series, skipped holidays and „wechselnde Orte“ when
        the series' changes move occurrences to other places.
        """
        repeat = event.repeat
        start = event.start
        if repeat is None:
            if not event.extra_dates:
                return ""
            return self._join([self._("an einzelnen Tagen"), *self._clock(event)])
        n = repeat.interval
        days = self._enumeration(self._day_names(repeat.days or (DAY_CODES[start.weekday()],)))
        if repeat.freq == "daily":
            rule = self._("täglich") if n == 1 else self._("alle %(n)s Tage") % {"n": n}
        elif repeat.freq == "weekly":
            rule = (self._("jeden %(days)s") % {"days": days} if n == 1 else
                    self._("alle %(n)s Wochen am %(days)s") % {"n": n, "days": days})
        elif repeat.freq == "monthly" and repeat.week is not None:
            week = self._(ORDINALS[repeat.week])
            rule = (self._("jeden %(week)s %(days)s im Monat") % {"week": week, "days": days}
                    if n == 1 else self._("jeden %(n)s. Monat am %(week)s %(days)s") % {
                        "n": n, "week": week, "days": days})
        elif repeat.freq == "monthly":
            day = repeat.monthday or start.day
            rule = (self._("monatlich am %(day)s.") % {"day": day} if n == 1 else
                    self._("jeden %(n)s. Monat am %(day)s.") % {"n": n, "day": day})
        else:
            when = format_skeleton("MMMMd", start, locale=self.locale)
            rule = (self._("jährlich am %(date)s") % {"date": when} if n == 1 else
                    self._("alle %(n)s Jahre am %(date)s") % {"n": n, "date": when})
        parts = [rule, *self._clock(event)]
        if repeat.until is not None:
            parts.append(self._("bis %(date)s") % {"date": self.date(repeat.until, "day")})
        if repeat.count is not None:
            parts.append(self._n("%(n)s Termin", "%(n)s Termine", repeat.count)
                         % {"n": format_decimal(repeat.count, locale=self.locale)})
        if repeat.skip_holidays:
            parts.append(self._("nicht an Feiertagen"))
        if repeat.skip_school_holidays:
            parts.append(self._("nicht in den Schulferien"))
        if len(event.extra_dates) > MAX_NAMED_EXTRA_DATES:
            parts.append(self._("zusätzlich an weiteren einzelnen Tagen"))
        elif event.extra_dates:
            parts.append(self._("zusätzlich am %(dates)s") % {"dates": self._enumeration(
                [self._extra_date(event, extra) for extra in event.extra_dates])})
        if changes_venues(event):
            parts.append(self._("wechselnde Orte"))
        return self._join(parts)

    def _clock(self, event: Event) -> list[str]:
        """A series' time of day, „18:00–20:00 Uhr“; nothing for an all-day series."""
        start = event.start
        if not isinstance(start, datetime):
            return []
        return [self._time_range(start, event.end) if isinstance(event.end, datetime)
                else self._("%(time)s Uhr") % {"time": self.time(start)}]

    def _extra_date(self, event: Event, extra: date | datetime) -> str:
        """An additional date, with its time only where it differs from the series'."""
        text = self.date(extra, "day")
        if isinstance(extra, datetime) and extra.time() != event.start.time():
            # str + Markup is Markup (the date escaped): HTML stays HTML.
            text += " (" + self._("%(time)s Uhr") % {"time": self.time(extra)} + ")"
        return text

    def _day_names(self, codes: Sequence[str]) -> list[str]:
        names = get_day_names("wide", "format", locale=self.locale)
        return [names[DAY_CODES.index(code)] for code in sorted(codes, key=DAY_CODES.index)]

    def _enumeration(self, items: Sequence[str]) -> str:
        if len(items) <= 1:
            return items[0] if items else ""
        return self._("%(items)s und %(last)s") % {
            "items": self._join(items[:-1]), "last": items[-1]}

    def _join(self, parts: Sequence[str]) -> str:
        """Parts in a row, with the language's comma (Arabic „، “); in HTML the isolated
        times stay markup and the rest is escaped."""
        return self._(", ").join(parts)

    def _time_range(self, start: time | datetime, end: time | datetime) -> str:
        return self._("%(from)s–%(to)s Uhr") % {"from": self.time(start), "to": self.time(end)}

    def _moment(self, value: datetime) -> str:
        return self._("%(date)s, %(time)s") % {
            "date": self.date(value), "time": self._("%(time)s Uhr") % {"time": self.time(value)}}


def _coordinate(value: float) -> str:
    return format(value, ".6f").rstrip("0").rstrip(".")


def osm_url(geo: Geo, zoom: int = 18) -> str:
    """A link to the point on openstreetmap.org with a marker."""
    lat, lon = _coordinate(geo.lat), _coordinate(geo.lon)
    return f"https://www.openstreetmap.org/?mlat={lat}&mlon={lon}#map={zoom}/{lat}/{lon}"


def geo_uri(geo: Geo) -> str:
    """An RFC 5870 geo URI, which phones open in their map app."""
    return f"geo:{_coordinate(geo.lat)},{_coordinate(geo.lon)}"


def tel_uri(phone: str) -> str:
    """An RFC 3966 link for a phone number as written: "0341 123456" -> "tel:0341123456".

    Only digits and a leading "+" stay; "+49 (0)341 …" drops the "(0)", which
    is not dialled from abroad.
    """
    number = phone.replace("(0)", "")
    return "tel:" + ("+" if number.lstrip().startswith("+") else "") + re.sub(r"\D", "", number)
