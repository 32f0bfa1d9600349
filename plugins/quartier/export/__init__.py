"""Files for other programs: iCalendar, RSS/Atom, the JSON/CSV downloads and Open Referral HSDS.

Built from the site model; dates and words come from `quartier.render.present`, so a feed
says what the page says.
"""
