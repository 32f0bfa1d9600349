"""The host sends the policy the pages declare: one set of security headers, three places.

content/extra/_headers (Netlify, Cloudflare Pages; the build puts it at the site's root),
deploy/nginx.conf, and QUARTIER_CSP in pelicanconf.py (the <meta> for hosts without headers,
where frame-ancestors has no effect). A change to one alone would leave a host with a weaker
or a stricter policy than the one the browser tests check.
"""

from __future__ import annotations

import re
import runpy

from browser_support import DEPLOY_HEADERS, read_headers

from support import PROJECT

NGINX_LINE = re.compile(r'add_header ([A-Za-z-]+) "([^"]*)" always;')


def nginx_headers() -> dict[str, str]:
    headers = {}
    for line in (PROJECT / "deploy" / "nginx.conf").read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            match = NGINX_LINE.fullmatch(line)
            assert match, f"deploy/nginx.conf: not an `add_header Name \"value\" always;`: {line}"
            headers[match[1]] = match[2]
    return headers


def test_the_site_ships_the_headers_file(demo_site):
    assert (demo_site / "_headers").read_bytes() == DEPLOY_HEADERS.read_bytes()


def test_the_headers_csp_is_the_meta_csp_plus_frame_ancestors():
    csp = runpy.run_path(str(PROJECT / "pelicanconf.py"))["QUARTIER_CSP"]
    rules = read_headers(DEPLOY_HEADERS)
    assert list(rules) == ["/*"]
    assert rules["/*"]["Content-Security-Policy"] == csp + "; frame-ancestors 'none'"


def test_nginx_sends_the_same_headers():
    assert nginx_headers() == read_headers(DEPLOY_HEADERS)["/*"]
