"""The host sends the policy the pages declare: one set of security headers, three places.

content/extra/_headers (Netlify, Cloudflare Pages; the build puts it at the site's root),
deploy/nginx.conf, and QUARTIER_CSP in pelicanconf.py (the <meta> for hosts without headers,
where frame-ancestors has no effect). A change to one alone would leave a host with a weaker
or a stricter policy than the one the browser tests check. docs/veroeffentlichen.md says per
host which of them it can send at all.
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


def test_https_for_a_year_and_only_for_this_name():
    """HSTS: after one visit over HTTPS a browser never asks over HTTP, not even once on a
    café's Wi-Fi. Not for other names under the domain, and not preloaded: an office can
    still move the site elsewhere, and its mail or intranet may lack HTTPS."""
    for headers in (nginx_headers(), read_headers(DEPLOY_HEADERS)["/*"]):
        directives = [d.strip() for d in headers["Strict-Transport-Security"].split(";")]
        name, _, seconds = directives[0].partition("=")
        assert name == "max-age" and int(seconds) >= 365 * 24 * 3600
        assert directives[1:] == []


HOSTS = ["GitHub Pages", "GitLab Pages", "Codeberg Pages", "Netlify, Cloudflare Pages",
         "eigener Server (nginx)"]


def hosts_table() -> dict[str, dict[str, str]]:
    """docs/veroeffentlichen.md's table of what each host can send: header -> host -> cell."""
    text = (PROJECT / "docs" / "veroeffentlichen.md").read_text(encoding="utf-8")
    section = text.split("## Sicherheits-Kopfzeilen", 1)[1].split("\n## ", 1)[0]
    rows = [[cell.strip() for cell in line.strip().strip("|").split("|")]
            for line in section.splitlines() if line.startswith("|")]
    header, _rule, *body = rows
    assert header[1:] == HOSTS
    return {row[0].strip("`"): dict(zip(HOSTS, row[1:], strict=True)) for row in body}


def test_the_guide_says_per_host_which_headers_it_can_send():
    """Every header the site asks for, with what each host makes of it: a header added to
    _headers needs its line in the guide, so nobody believes GitHub Pages sends it."""
    table = hosts_table()
    assert list(table) == list(read_headers(DEPLOY_HEADERS)["/*"])
    for header, cells in table.items():
        assert cells["Netlify, Cloudflare Pages"] == "ja (`_headers`)", header
        assert cells["eigener Server (nginx)"] == "ja (`deploy/nginx.conf`)", header
    base = (PROJECT / "theme" / "templates" / "base.html").read_text(encoding="utf-8")
    referrer = read_headers(DEPLOY_HEADERS)["/*"]["Referrer-Policy"]
    assert f'<meta name="referrer" content="{referrer}">' in base  # the "ja" of those hosts
    for host in ("GitHub Pages", "GitLab Pages", "Codeberg Pages"):  # no headers of one's own
        assert table["Content-Security-Policy"][host].startswith("nur `<meta>`")
        assert "ohne `frame-ancestors`" in table["Content-Security-Policy"][host]
        for header in ("X-Content-Type-Options", "Permissions-Policy",
                       "Strict-Transport-Security"):
            assert table[header][host].startswith("nein"), (header, host)
