"""The district-information core: data loading, validation and typed records.

Pure Python that never imports Pelican, so it can be tested, benchmarked and
called from any CI on its own; the Pelican plugins are thin glue around it.
"""
