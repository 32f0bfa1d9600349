"""The data contract: YAML files under data/ in, German problems or typed records out.

    loader (nodes with positions) -> schema (typed values, field problems) -> markup
    -> to_records (records, date checks) -> crosscheck (references, recurrence) -> validate

`records` holds the immutable types the rest of the pipeline reads; `problems` the one shape
of every message, `rules` the stable id of the rule each message reports. Beside the pipeline:
`characters` (invisible characters, odd spaces), `suggestions` (hints in the editor's own
value), `pitfalls` (valid YAML that changes the page) and `plausibility` (warnings about
values that are probably wrong). Nothing here knows about pages, languages or Pelican.
"""
