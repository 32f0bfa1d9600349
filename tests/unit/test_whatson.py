"""What's on: which occurrences count for a day or a week, and the weekly plan's order."""

from __future__ import annotations

from datetime import date, time, timedelta

from quartier.model.site import build_site
from quartier.render import whatson
from support import TODAY


def site_with(data, files: dict[str, str]):
    for name, text in files.items():
        data.write(name, text)
    result = data.validate()
    assert not [p for p in result.problems if p.is_error], result.problems
    return build_site(result.dataset, TODAY)


def test_the_week_is_today_and_the_six_days_after_it():
    assert whatson.week_of(date(2026, 11, 21)) == (date(2026, 11, 21), date(2026, 11, 27))


def test_a_date_counts_on_every_day_it_runs_but_an_evening_to_midnight_does_not_spill(data):
    site = site_with(data, {
        "dates/markt.yaml": "title: Markt\nstart: 2026-11-20\nend: 2026-11-23\n",
        "dates/tanz.yaml": "title: Tanz\nstart: 2026-11-20 20:00\nend: '00:00'\n",
        "dates/nacht.yaml": "title: Nacht\nstart: 2026-11-20 22:00\nend: '01:00'\n",
        "dates/morgen.yaml": "title: Morgen\nstart: 2026-11-22 10:00\n",
    })
    today = [o.event_id for o in site.taking_place(TODAY, TODAY)]
    assert today == ["markt", "nacht"]
    tomorrow = TODAY + timedelta(days=1)
    assert [o.event_id for o in site.taking_place(tomorrow, tomorrow)] == ["markt", "morgen"]
    days = whatson.by_day(site.taking_place(TODAY, tomorrow), TODAY, tomorrow)
    # Listed once, on its first day in the range: the market under today only.
    assert [(day, [o.event_id for o in items]) for day, items in days] == [
        (TODAY, ["markt", "nacht"]), (tomorrow, ["morgen"])]


def test_the_plan_runs_monday_to_sunday_by_time_with_all_day_dates_first(data):
    site = site_with(data, {
        "offers/treff.yaml": "title: Treff\nactor: naomi-ev\nsummary: Offen.\n"
                             "categories: [beratung]\n"
                             "hours: [{days: [sa, mo], from: '14:00', to: '16:00'},\n"
                             "        {days: [sa], from: '09:00', to: '10:00'}]\n",
        "dates/fest.yaml": "title: Fest\nstart: 2026-11-21\n",
        "dates/abend.yaml": "title: Abend\nstart: 2026-11-21 13:00\n",
        "dates/spaeter.yaml": "title: Später\nstart: 2026-11-28 13:00\n",  # next week
    })
    plan = dict(whatson.weekly_plan(site, None, site.taking_place(*whatson.week_of(TODAY))))
    assert list(plan) == ["mo", "di", "mi", "do", "fr", "sa", "so"]
    assert [(e.title, e.start) for e in plan["sa"]] == [
        ("Fest", None), ("Treff", time(9)), ("Abend", time(13)), ("Treff", time(14))]
    assert [e.title for e in plan["mo"]] == ["Treff"]
    assert plan["so"] == []


def test_no_date_or_offer_can_take_the_address_of_a_list():
    """A date file `woche.yaml` would be written over /termine/woche/: the ids are reserved."""
    from quartier.contract.ids import RESERVED
    from quartier.model import urls

    lists = [urls.events_archive(), urls.events_today(), urls.events_week(), urls.subscribe(),
             urls.weekly_plan()]
    taken = {("dates" if url.startswith("termine/") else "offers", url.split("/")[1])
             for url in lists}
    assert taken == {(folder, name) for folder, names in RESERVED.items() for name in names}


def test_a_reserved_file_name_is_a_german_error_naming_the_page(data):
    problems = data.problems("dates/heute.yaml", "title: Heute im Park\nstart: 2026-12-02 18:00\n")
    assert [(p.rule, p.line, p.is_error) for p in problems] == [("reserved-file-name", 1, True)]
    assert "/termine/heute/" in problems[0].message
    assert "heute-im-stadtteil.yaml" in problems[0].hint
