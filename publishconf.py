"""Settings for the published site: pelicanconf.py plus the public address."""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from pelicanconf import *  # noqa: F403

SITEURL = os.environ.get("SITEURL", "https://example.org")
RELATIVE_URLS = False
FEED_DOMAIN = SITEURL
