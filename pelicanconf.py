"""Site settings for the demo district site (development build).

Settings for the district data use the QUARTIER_ prefix (each one is explained in
docs/einstellungen.md; a misspelt name stops the build with a German message); the validator
(`invoke validate`, `quartier-validate`) reads this file too, so the build and
the pull-request check judge the data by the same rules.
"""

import logging
from pathlib import Path

HERE = Path(__file__).resolve().parent

SITENAME = "Stadtteil-Info Leipzig & Chemnitz (Demo)"
SITEURL = ""
TIMEZONE = "Europe/Berlin"
DEFAULT_LANG = "de"
# Further languages get the same pages under /<code>/ (UI texts from theme/translations/,
# record texts from the data's `translations`); ISO 639-1 codes, the site language first.
QUARTIER_LANGUAGES = ["de", "en", "ar", "uk", "ru", "tr"]

PATH = str(HERE / "content")
THEME = str(HERE / "theme")
PLUGIN_PATHS = [str(HERE / "plugins")]
PLUGINS = ["quartier_data", "quartier_theme", "quartier_pages", "quartier_feeds",
           "quartier_opendata", "quartier_search"]

# Data contract (see data/ and plugins/quartier/contract/schema/).
QUARTIER_DATA_PATH = str(HERE / "data")
QUARTIER_STALE_AFTER_DAYS = 365  # older `last_checked` dates give a warning
QUARTIER_DEMO = True  # the data is invented or modelled on public sources
QUARTIER_UID_DOMAIN = "stadtteil-info.example.org"  # calendar UIDs: keep it when moving hosts
# Whose contact the search names when it finds nothing (actor ids); default: actors of kind office.
QUARTIER_SEARCH_CONTACTS = ["quartiersmanagement-leipziger-osten",
                            "gemeinwesenkoordination-chemnitzer-sueden"]

# Where the data lives, for "Diesen Eintrag bearbeiten" links (github, gitlab or forgejo).
QUARTIER_REPOSITORY_URL = "https://github.com/example/stadtteil-info"
QUARTIER_REPOSITORY_BRANCH = "main"
QUARTIER_REPOSITORY_FORGE = "github"

# The same policy as content/extra/_headers and deploy/nginx.conf, as a <meta> for hosts that
# cannot set headers: nothing from other hosts, no inline scripts or styles.
QUARTIER_CSP = "default-src 'self'; base-uri 'self'; form-action 'self'"

# Open data (/daten/): licence of the downloads; known names bring their URL
# (CC BY 4.0, CC BY-SA 4.0, CC0 1.0, dl-de/by-2-0, dl-de/zero-2-0).
QUARTIER_DATA_LICENSE = "CC BY 4.0"
QUARTIER_DATA_LICENSE_URL = None  # only for a licence not in that list
QUARTIER_DATA_ATTRIBUTION = None  # whom re-users name as source; default SITENAME
QUARTIER_EXPORT_PERSONAL_DATA = False  # people's names, phones, e-mails (dates' contacts too)

# Deploy files copied to the root of the site (a missing one is skipped).
STATIC_PATHS = ["extra"]
EXTRA_PATH_METADATA = {"extra/_headers": {"path": "_headers"}}

# Templates escape everything; Pelican's own rendered content is marked |safe there.
JINJA_ENVIRONMENT = {
    "autoescape": True,
    "trim_blocks": True,
    "lstrip_blocks": True,
    "extensions": ["jinja2.ext.i18n"],
}

# News articles live in content/news/; pages (Impressum, …) in content/pages/.
ARTICLE_PATHS = ["news"]
PAGE_PATHS = ["pages"]
ARTICLE_URL = "neuigkeiten/{slug}/"
ARTICLE_SAVE_AS = "neuigkeiten/{slug}/index.html"
PAGE_URL = "{slug}/"
PAGE_SAVE_AS = "{slug}/index.html"
INDEX_SAVE_AS = "index.html"
# Pelican's tag, category, author and date archives are not part of this site.
TAG_SAVE_AS = TAGS_SAVE_AS = ""
CATEGORY_SAVE_AS = CATEGORIES_SAVE_AS = ""
AUTHOR_SAVE_AS = AUTHORS_SAVE_AS = ""
ARCHIVES_SAVE_AS = YEAR_ARCHIVE_SAVE_AS = MONTH_ARCHIVE_SAVE_AS = DAY_ARCHIVE_SAVE_AS = ""
DIRECT_TEMPLATES = []  # the home page comes from plugins/quartier_pages, in every language
DEFAULT_PAGINATION = False
SLUGIFY_SOURCE = "basename"

# Pelican's own feed of the news; the dates' feeds come from plugins/quartier_feeds.
FEED_DOMAIN = SITEURL
FEED_ALL_ATOM = "feeds/neuigkeiten.atom"
FEED_ALL_RSS = "feeds/neuigkeiten.rss"
FEED_MAX_ITEMS = 20
RSS_FEED_SUMMARY_ONLY = True
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None

# Pelican warns about feeds without SITEURL before any plugin runs; the development build has
# none on purpose (publishconf.py sets it). plugins/quartier_data keeps Pelican's other
# English log lines out of the terminal and the pull request's log; its errors stay.
LOG_FILTER = [(logging.WARNING, "Feeds generated without SITEURL or FEED_DOMAIN set properly "
               "may not be valid")]

DELETE_OUTPUT_DIRECTORY = False  # invoke build swaps in a complete new output/ instead
CACHE_CONTENT = False
