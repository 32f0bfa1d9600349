"""The project's settings: every `QUARTIER_*` name declared once, checked once, typed.

Settings live in `pelicanconf.py` as `QUARTIER_*` names (Pelican's convention for plugin
settings) beside Pelican's own `TIMEZONE` and `DEFAULT_LANG`; the validator reads the same file,
so `invoke validate` and the build judge the data alike. An office edits that file without
knowing Python's types, so — as MkDocs' `config/` does — each setting is declared here with its
type, default and a German description, and `settings_from()` checks them all at once when the
build or the validator starts: a wrong type, an unknown language or a misspelt name
(`QUARTIER_WINDOWS_DAYS`, „Meinten Sie …?“) stops with German messages naming the setting,
never with a traceback deep inside the build. The rest of the code receives one frozen
`Settings` object instead of looking names up in a dict.

`docs/einstellungen.md` lists every setting; its table is generated from `DECLARED`
(`invoke settings-doc`), and a test keeps it current.
"""

from __future__ import annotations

import os
import runpy
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from quartier.contract.loader import DEFAULT_MAX_BYTES
from quartier.contract.problems import did_you_mean, quote
from quartier.model.languages import Language, LanguageError, site_languages

PREFIX = "QUARTIER_"
#: The German states whose public holidays `skip_holidays` knows (the holidays package's codes).
HOLIDAY_STATES = ("BB", "BE", "BW", "BY", "HB", "HE", "HH", "MV", "NI", "NW", "RP", "SH", "SL",
                  "SN", "ST", "TH")
FORGES = ("github", "gitlab", "forgejo")


class SettingsError(ValueError):
    """Settings that cannot be used; `problems` are German lines naming the setting."""

    def __init__(self, source: str, problems: list[str]) -> None:
        self.source = source
        self.problems = problems
        super().__init__("\n".join(f"{source}: {p}" for p in problems))


# --- Kinds of values: each checks a value and says in German what it expects ----------------


@dataclass(frozen=True)
class Kind:
    """What a setting takes: `check` returns the typed value or raises ValueError(German)."""

    words: str  # "eine ganze Zahl ab 1", for messages and the documentation table
    check: Callable[[object], object]


def _whole_number(least: int, optional: bool = False) -> Kind:
    def check(value):
        if value is None and optional:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or value < least:
            raise ValueError
        return value
    words = f"eine ganze Zahl ab {least}"
    return Kind(words + (" oder None" if optional else ""), check)


def _check_bool(value):
    if not isinstance(value, bool):
        raise ValueError
    return value


def _text(optional: bool = False, choices: tuple[str, ...] = ()) -> Kind:
    def check(value):
        if value is None and optional:
            return None
        if not isinstance(value, str) or not value.strip() or (choices and value not in choices):
            raise ValueError
        return value
    words = ("einer dieser Werte: " + ", ".join(f'"{c}"' for c in choices)) if choices else (
        "ein Text")
    return Kind(words + (" oder None" if optional else ""), check)


def _check_url(value):
    if value is None:
        return None
    if not isinstance(value, str) or not value.startswith(("https://", "http://")):
        raise ValueError
    return value.rstrip("/")


def _check_codes(value):
    if not isinstance(value, list | tuple) or not all(isinstance(c, str) for c in value):
        raise ValueError
    return tuple(value)


def _check_path(value):
    if not isinstance(value, str | os.PathLike) or not str(value).strip():
        raise ValueError
    return Path(value)


BOOL = Kind("True oder False", _check_bool)
URL = Kind('eine Adresse, die mit "https://" beginnt, oder None', _check_url)
CODES = Kind('eine Liste von Sprachcodes, z. B. ["de", "en", "ar"]', _check_codes)
PATH = Kind("ein Ordner (Text)", _check_path)


@dataclass(frozen=True)
class Setting:
    """One `QUARTIER_*` setting: its name, what it takes, its default and what it means."""

    name: str  # as written in pelicanconf.py
    attribute: str  # on `Settings`
    kind: Kind
    default: object
    description: str  # German, for the documentation table


DECLARED: tuple[Setting, ...] = (
    Setting("QUARTIER_DATA_PATH", "data_path", PATH, "data",
            "Ordner mit den Daten (`actors/`, `offers/`, `dates/`, Taxonomien); relativ zum "
            "Ordner von pelicanconf.py."),
    Setting("QUARTIER_LANGUAGES", "languages", CODES, None,
            "Sprachen der Website (ISO 639-1), die Sprache der Website (`DEFAULT_LANG`) "
            "zuerst; jede weitere bekommt dieselben Seiten unter `/<code>/`. Standard: nur "
            "`DEFAULT_LANG`."),
    Setting("QUARTIER_STALE_AFTER_DAYS", "stale_after_days", _whole_number(1), 365,
            "Nach so vielen Tagen seit `last_checked` warnt die Prüfung, und die Seite sagt, "
            "dass der Eintrag lange nicht geprüft wurde."),
    Setting("QUARTIER_WINDOW_DAYS", "window_days", _whole_number(1), 365,
            "So viele Tage im Voraus werden Terminreihen ohne Ende berechnet und gezeigt."),
    Setting("QUARTIER_HOLIDAY_STATE", "holiday_state", _text(choices=HOLIDAY_STATES), "SN",
            "Bundesland, dessen Feiertage `skip_holidays` auslässt (z. B. \"SN\" für Sachsen "
            "mit Buß- und Bettag, \"BE\" für Berlin)."),
    Setting("QUARTIER_MAX_FILE_BYTES", "max_file_bytes", _whole_number(1024), DEFAULT_MAX_BYTES,
            "Größte erlaubte Datendatei in Bytes; größere werden abgelehnt (Schutz vor "
            "versehentlich eingefügten Riesentexten)."),
    Setting("QUARTIER_DEMO", "demo", BOOL, False,
            "Die Daten sind erfunden: jede Seite zeigt einen Hinweis „Demo“."),
    Setting("QUARTIER_UID_DOMAIN", "uid_domain", _text(optional=True), None,
            "Domain der Kalender-UIDs (`<id>@<domain>`); nach dem ersten Veröffentlichen nie "
            "mehr ändern, sonst sehen Kalender-Abos alle Termine doppelt. Standard: der Host "
            "von `SITEURL`."),
    Setting("QUARTIER_CSP", "csp", _text(), "default-src 'self'; base-uri 'self'; "
            "form-action 'self'",
            "Content-Security-Policy jeder Seite (als `<meta>`), dieselbe wie in "
            "`content/extra/_headers` und `deploy/nginx.conf`."),
    Setting("QUARTIER_REPOSITORY_URL", "repository_url", URL, None,
            "Adresse des Repositorys für die Links „Diesen Eintrag bearbeiten“ und „Termin "
            "eintragen“ (Seite „Mitmachen“); None: keine solchen Links, „Mitmachen“ nennt "
            "dann nur den Kontakt des Büros."),
    Setting("QUARTIER_REPOSITORY_BRANCH", "repository_branch", _text(), "main",
            "Branch, in dem diese Links Dateien öffnen."),
    Setting("QUARTIER_REPOSITORY_FORGE", "repository_forge", _text(choices=FORGES), "github",
            "Art der Plattform des Repositorys: \"github\", \"gitlab\" oder \"forgejo\" "
            "(Codeberg)."),
    Setting("QUARTIER_DATA_LICENSE", "data_license", _text(), "CC BY 4.0",
            "Lizenz der offenen Daten unter `/daten/`; bekannte Namen (CC BY 4.0, CC BY-SA 4.0, "
            "CC0 1.0, dl-de/by-2-0, dl-de/zero-2-0) bringen ihre Adresse mit."),
    Setting("QUARTIER_DATA_LICENSE_URL", "data_license_url", URL, None,
            "Adresse des Lizenztextes, nur für eine Lizenz, die nicht in der Liste oben steht."),
    Setting("QUARTIER_DATA_ATTRIBUTION", "data_attribution", _text(optional=True), None,
            "Wen Nachnutzer der Daten als Quelle nennen; Standard: `SITENAME`."),
    Setting("QUARTIER_EXPORT_PERSONAL_DATA", "export_personal_data", BOOL, False,
            "Namen, Telefonnummern und E-Mail-Adressen von Personen – auch den Kontakt eines "
            "Termins – in die Downloads unter `/daten/` schreiben (nur mit Einwilligung der "
            "Personen)."),
    Setting("QUARTIER_SEARCH_CONTACTS", "search_contacts", Kind(
                'eine Liste von Kennungen von Akteuren, z. B. ["quartiersmanagement"]',
                _check_codes), None,
            "Akteure, deren Kontakt die Suche nennt, wenn sie nichts findet; Standard: alle "
            "Akteure der Art `office`."),
    Setting("QUARTIER_BUILD_PROCESSES", "build_processes", _whole_number(1, optional=True), None,
            "So viele Prozesse bauen die Seite parallel; None: so viele, wie Prozessoren da "
            "sind."),
    Setting("QUARTIER_PUBLISH_TARGET", "publish_target", _text(optional=True), None,
            "Ziel von `invoke publish` (rsync), z. B. `user@host:/var/www/stadtteil`; "
            "gehört in publishconf.py."),
)
_BY_NAME = {s.name: s for s in DECLARED}


@dataclass(frozen=True)
class Settings:
    """The checked settings, plus the two of Pelican's own that the core reads.

    `today` is not a setting: it is the build date, fixed once when a build or a validation
    starts (`with_today`), so that a build running across midnight has one "today".
    """

    data_path: Path = Path("data")
    languages: tuple[str, ...] | None = None  # None: DEFAULT_LANG alone
    stale_after_days: int = 365
    window_days: int = 365
    holiday_state: str = "SN"
    max_file_bytes: int = DEFAULT_MAX_BYTES
    demo: bool = False
    uid_domain: str | None = None
    csp: str = _BY_NAME["QUARTIER_CSP"].default  # type: ignore[assignment]
    repository_url: str | None = None
    repository_branch: str = "main"
    repository_forge: str = "github"
    data_license: str = "CC BY 4.0"
    data_license_url: str | None = None
    data_attribution: str | None = None
    export_personal_data: bool = False
    search_contacts: tuple[str, ...] | None = None
    build_processes: int | None = None
    publish_target: str | None = None
    # Pelican's settings the core needs too:
    timezone: str = "Europe/Berlin"  # TIMEZONE
    default_lang: str = "de"  # DEFAULT_LANG
    today: date | None = field(default=None, compare=False)

    @property
    def site_languages(self) -> tuple[Language, ...]:
        """The site language first, then the others (`quartier.model.languages`)."""
        return site_languages(self.languages or (self.default_lang,), self.default_lang)

    def with_today(self) -> Settings:
        """These settings with the build date fixed (SOURCE_DATE_EPOCH when set)."""
        return replace(self, today=today(self.timezone))

    def validation_options(self) -> dict:
        """The keyword arguments of `quartier.contract.validate.validate` these settings fix."""
        return {"stale_after_days": self.stale_after_days,
                "max_file_bytes": self.max_file_bytes, "timezone": self.timezone,
                "window_days": self.window_days}


def settings_from(values: Mapping[str, object], *, base: Path | None = None,
         source: str = "pelicanconf.py") -> Settings:
    """Check every `QUARTIER_*` name of `values` (Pelican's settings or pelicanconf.py's globals).

    All problems are collected and raised together as a `SettingsError`; a relative
    `QUARTIER_DATA_PATH` is taken relative to `base` (the folder of pelicanconf.py).
    """
    problems: list[str] = []
    typed: dict[str, object] = {}
    for name in sorted(k for k in values if k.startswith(PREFIX)):
        if name not in _BY_NAME:
            # Compared without the prefix that every name shares.
            near = did_you_mean(name.removeprefix(PREFIX), [n.removeprefix(PREFIX)
                                                            for n in _BY_NAME])
            hint = near.replace("„", "„" + PREFIX) or (
                "Alle Einstellungen stehen in docs/einstellungen.md.")
            problems.append(f"{name} ist keine bekannte Einstellung. Hinweis: {hint}")
    for setting in DECLARED:
        if setting.name not in values:
            default = setting.default
            typed[setting.attribute] = None if default is None else setting.kind.check(default)
            continue
        value = values[setting.name]
        try:
            typed[setting.attribute] = setting.kind.check(value)
        except ValueError:
            problems.append(f"{setting.name}: erwartet {setting.kind.words}, gefunden "
                            f"{_shown(value)}.")
    timezone = values.get("TIMEZONE", Settings.timezone)
    try:
        ZoneInfo(str(timezone))
    except (ZoneInfoNotFoundError, ValueError):
        problems.append(f"TIMEZONE: {_shown(timezone)} ist keine bekannte Zeitzone. Hinweis: "
                        "z. B. \"Europe/Berlin\".")
    default_lang = values.get("DEFAULT_LANG", Settings.default_lang)
    settings = None
    if not problems:
        data_path = typed["data_path"]
        if base is not None and not data_path.is_absolute():  # type: ignore[union-attr]
            typed["data_path"] = base / data_path  # type: ignore[operator]
        settings = Settings(**typed, timezone=str(timezone), default_lang=str(default_lang))
        try:
            settings.site_languages  # noqa: B018 - checks every code against CLDR
        except LanguageError as error:
            problems.append(str(error))
    if problems:
        raise SettingsError(source, problems)
    return settings  # type: ignore[return-value]


def _shown(value: object) -> str:
    """A found value as the office wrote it in Python: text in quotes, the rest as is."""
    return quote(value) if isinstance(value, str) else f"„{value!r}“"


def settings_from_file(config_file: Path | None) -> Settings:
    """The settings of a pelicanconf.py; defaults (data/ beside it) when there is none."""
    if config_file is None:
        return Settings()
    if not config_file.exists():
        return Settings(data_path=config_file.parent / Settings.data_path)
    return settings_from(runpy.run_path(str(config_file)), base=config_file.resolve().parent,
                source=config_file.name)


#: Where the table stands in docs/einstellungen.md.
DOC_START, DOC_END = "<!-- settings:start -->", "<!-- settings:end -->"


def markdown_table() -> str:
    """The documentation table of every setting (German), generated from `DECLARED`."""
    rows = ["| Einstellung | erwartet | Standard | Bedeutung |", "| --- | --- | --- | --- |"]
    for s in DECLARED:
        shown = f'"{s.default}"' if isinstance(s.default, str) else repr(s.default)
        default = "—" if s.default is None else f"`{shown}`".replace("|", "\\|")
        rows.append(f"| `{s.name}` | {s.kind.words} | {default} | {s.description} |")
    return "\n".join(rows)


def build_time(timezone: str) -> datetime:
    """Now, or SOURCE_DATE_EPOCH when set: what "upcoming", "expired" and "stale" mean.

    Honouring SOURCE_DATE_EPOCH makes builds reproducible and lets tests fix the date.
    """
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    zone = ZoneInfo(timezone)
    if epoch:
        return datetime.fromtimestamp(int(epoch), zone)
    return datetime.now(zone)


def today(timezone: str) -> date:
    return build_time(timezone).date()
