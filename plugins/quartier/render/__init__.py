"""Words and pages for residents: formatting, the page list, JSON-LD, the search index.

`present` and `catalog` say record values in the page's language; `pages` lists every page
with its template and values; `jsonld` builds schema.org data; `search_index` the prebuilt
lunr index; `reuse_pages` print overviews, posters and embeddable fragments.
"""
