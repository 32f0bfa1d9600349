"""The rules the validator checks, each with a stable id, as yamllint names its rules.

A problem's German message may be reworded at any time to help editors better; its rule id
never changes. Tests and other tools (the `--format json` output carries it as `rule`)
therefore match the id, not the sentence. The id names the rule that was broken, not the
sentence that explains it: one rule can have several messages (each kind of YAML syntax
error is `yaml-syntax`), and one message template never belongs to two rules.

Every `Problem` is made with one of these ids (it refuses any other), and docs/pruefung.md
names every id beside the messages it explains; tests hold both in step with this registry.
"""

from __future__ import annotations

from types import MappingProxyType

#: Rule id -> what the rule asks for, in German (for docs and tools).
RULES = MappingProxyType({
    # --- reading the file (loader) ---------------------------------------------------
    "file-too-large": "Eine Datei ist höchstens so groß wie erlaubt (Standard 256 KiB).",
    "not-utf8": "Die Datei ist in UTF-8 gespeichert.",
    "control-character": "Kein unsichtbares Steuerzeichen im Text.",
    "tab-indent": "Eingerückt wird mit Leerzeichen, nicht mit Tabulatoren.",
    "yaml-syntax": "Die Datei ist gültiges YAML (Doppelpunkte, Einrückung, Klammern, "
                   "Anführungszeichen).",
    "too-deep": "Die Daten sind nicht tiefer verschachtelt als ein Eintrag es braucht.",
    "complex-key": "Ein Feldname ist ein einfaches Wort, keine Liste und kein Block.",
    "merge-key": "Kein Zusammenführen von Blöcken mit „<<“.",
    "duplicate-key": "Jedes Feld steht in seinem Block nur einmal.",
    "alias": "Keine YAML-Anker („&“) und -Verweise („*“).",
    "tag": "Keine YAML-Typangaben mit „!“.",
    "several-documents": "Eine Datei enthält genau einen Eintrag (kein zweites „---“).",
    "empty-file": "Die Datei ist nicht leer.",
    "unreadable-file": "Die Datei lässt sich lesen.",
    "odd-space": "Wo YAML ein Leerzeichen braucht (Einrückung, nach „feld:“ und „-“), steht ein "
                 "normales, kein geschütztes.",
    "invisible-character": "Kein unsichtbares Zeichen im Text (Steuerzeichen für die "
                           "Schreibrichtung, Zeichen ohne Breite), außer wo eine Schrift es "
                           "braucht.",
    "comment-in-text": "Ein Text mit „ #“ steht in Anführungszeichen; sonst liest YAML den Rest "
                       "als Kommentar.",
    "multiline-without-block": "Eine Beschreibung über mehrere Zeilen steht als Block mit „|“.",
    # --- fields (schema) -------------------------------------------------------------
    "missing-field": "Jedes Pflichtfeld ist angegeben.",
    "unknown-key": "Nur Felder, die es an dieser Stelle gibt.",
    "empty-value": "Ein angegebenes Feld hat einen Wert.",
    "wrong-type": "Der Wert hat die richtige Art: Text, Zahl, true/false, Liste oder Block.",
    "enum": "Der Wert ist einer der erlaubten Werte.",
    "too-long": "Der Text ist nicht länger als erlaubt.",
    "out-of-range": "Die Zahl liegt im erlaubten Bereich.",
    "too-few-items": "Die Liste hat genug Einträge.",
    "duplicate-item": "Kein Eintrag steht doppelt in einer Liste.",
    "invalid-value": "Der Wert erfüllt das Schema (jede andere Schemaregel).",
    # The schema's patterns; each definition with a `pattern` names its rule with
    # `x-pattern-rule` (see schema.py).
    "id-format": "Eine Kennung besteht aus Kleinbuchstaben, Ziffern und Bindestrichen.",
    "single-line": "Kurze Texte (Titel, Name, Kurzbeschreibung) sind eine Zeile.",
    "date-format": "Ein Datum ist als JJJJ-MM-TT geschrieben.",
    "time-format": "Eine Uhrzeit ist als HH:MM geschrieben.",
    "datetime-format": "Beginn und Ende sind als JJJJ-MM-TT HH:MM, JJJJ-MM-TT oder HH:MM "
                       "geschrieben.",
    "url-format": "Eine Webadresse oder ein Link ist vollständig (https://…, mailto:…, tel:…).",
    "email-format": "Eine E-Mail-Adresse hat die Form name@example.org.",
    "phone-format": "Eine Telefonnummer besteht aus Ziffern, Leerzeichen, „/“ und „-“.",
    "language-format": "Ein Sprachcode hat zwei Kleinbuchstaben.",
    "postcode-format": "Eine Postleitzahl hat fünf Ziffern.",
    "digest-format": "Eine Prüfsumme unter source_digest ist die, die invoke translations "
                     "import schreibt (12 Zeichen 0–9, a–f).",
    # --- Markdown in descriptions (markup) -------------------------------------------
    "markdown-html": "Beschreibungen enthalten kein HTML.",
    "markdown-image": "Beschreibungen enthalten keine Bilder.",
    "link-scheme": "Links in Beschreibungen beginnen mit https, http, mailto oder tel.",
    "markdown-too-complex": "Eine Beschreibung lässt sich in kurzer Zeit lesen: nicht viele "
                            "offene Klammern, höchstens 100 Überschriften und Trennlinien.",
    # --- values that need real dates (to_records) ------------------------------------
    "invalid-date": "Das Datum gibt es im Kalender.",
    "year-out-of-range": "Das Jahr liegt zwischen 1900 und 2200.",
    "invalid-time": "Die Uhrzeit gibt es (00:00 bis 23:59).",
    "end-before-start": "Ein Ende liegt nach seinem Beginn (Termine, Öffnungszeiten, "
                        "Gültigkeit).",
    "all-day-time": "Ein ganztägiger Termin hat keine Uhrzeiten.",
    "all-day-mismatch": "Beginn und Ende haben beide eine Uhrzeit oder beide keine.",
    "postponed-to-without-status": "Einen neuen Termin (postponed_to) hat nur ein Termin mit "
                                   "status: postponed.",
    "postponed-series": "Nur ein einmaliger Termin wird als Ganzes verschoben (postponed_to); "
                        "in einer Reihe verlegt changes einzelne Termine.",
    "postponed-to-same": "Der neue Termin (postponed_to) liegt nicht am alten Beginn.",
    "hours-rhythm-conflict": "Eine Öffnungszeit nennt entweder week (Woche im Monat) oder "
                             "interval mit first (jede n-te Woche ab diesem Tag).",
    "hours-not-on-day": "first und except einer Öffnungszeit sind Tage, an denen sie gilt.",
    "address-incomplete": "Eine Adresse nennt eine Straße (street) oder einen Ortsnamen "
                          "(place).",
    # --- across records (crosscheck) -------------------------------------------------
    "dangling-reference": "Jede Kennung verweist auf einen vorhandenen Eintrag.",
    "not-a-network": "member_of nennt nur Akteure mit kind: network.",
    "network-only": "moderation und minutes gibt es nur bei Netzwerken.",
    "unknown-language": "Ein Sprachcode ist ein bekannter Code nach ISO 639-1.",
    "stale-record": "Ein Eintrag wurde in der eingestellten Frist geprüft (Warnung).",
    "nonexistent-time": "Die Uhrzeit gibt es an jedem Termin (nicht in der Nacht der "
                        "Umstellung auf Sommerzeit).",
    "ambiguous-time": "Die Uhrzeit ist an jedem Termin eindeutig (Ende der Sommerzeit; "
                      "Warnung).",
    "series-only": "except und changes gibt es nur bei Terminreihen (mit repeat).",
    "repeat-conflict": "Die Angaben unter repeat widersprechen einander nicht.",
    "empty-series": "Eine Terminreihe hat mindestens einen Termin.",
    "start-not-an-occurrence": "Der Beginn einer Reihe ist ihr erster Termin (Warnung).",
    "change-not-an-occurrence": "Ein Datum unter except oder changes ist ein Termin der "
                                "Reihe.",
    "cancelled-and-changed": "Ein Termin fällt entweder aus (except) oder wird geändert "
                             "(changes).",
    "duplicate-change": "Für jeden Termin gibt es höchstens eine Änderung.",
    "extra-date-conflict": "Ein zusätzlicher Termin (extra_dates) liegt an einem eigenen Tag: "
                           "nicht doppelt, nicht unter except, nicht an einem Termin der Reihe.",
    # probably wrong: warnings, each confirmed with „# bestätigt: <rule>“ in the file
    "past-date": "Ein neu eingetragener Termin liegt nicht schon in der Vergangenheit "
                 "(Warnung).",
    "long-event": "Ein Termin dauert höchstens 12 Stunden (Warnung).",
    "duplicate-record": "Zwei Einträge haben nicht denselben Titel und Beginn bzw. Anbieter "
                        "(Warnung).",
    "placeholder-text": "Kein Platzhaltertext aus einer Vorlage (Warnung).",
    "unknown-confirmation": "„# bestätigt:“ nennt eine Warnung, die es gibt (Warnung).",
    # --- files and folders (validate) ------------------------------------------------
    "missing-data-folder": "Der Datenordner ist vorhanden.",
    "bad-file-name": "Der Dateiname ist eine gültige Kennung.",
    "reserved-file-name": "Ein Termin oder Angebot heißt nicht wie eine Übersichtsseite der "
                          "Website (heute, woche, archiv, abonnieren, wochenplan).",
    "file-extension": "Datendateien enden auf .yaml (nicht .yml oder .YAML).",
    "not-a-data-file": "In den Datenordnern liegen nur .yaml-Dateien.",
    "subfolder": "Die Datenordner haben keine Unterordner.",
    "symlink": "Datendateien sind echte Dateien, keine Verknüpfungen.",
    "duplicate-id": "Jede Kennung kommt in ihrer Datei nur einmal vor.",
    # school holidays (data/ferien.yaml)
    "holidays-overlap": "Zwei Ferien in data/ferien.yaml haben keinen Tag gemeinsam.",
    "school-holidays-missing": "Wer Schulferien auslässt (skip_school_holidays), findet sie in "
                               "data/ferien.yaml eingetragen (Warnung).",
    # the search's synonyms (data/synonyms.yaml)
    "word-format": "Ein Synonym ist ein einzelnes Wort ohne Leer- oder Satzzeichen.",
    "synonym-in-two-groups": "Ein Wort steht in höchstens einer Gruppe von Synonymen.",
})
