"""Settings for the published site: pelicanconf.py plus the public address."""

import os
import sys

sys.path.append(os.curdir)
from pelicanconf import *  # noqa: F403

SITEURL = os.environ.get("SITEURL", "https://example.org")
RELATIVE_URLS = False
FEED_DOMAIN = SITEURL
