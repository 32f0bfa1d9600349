"""Commands for editors and CI: the validator, the date form, the pull-request summary,
the calendar import and new record files; `yaml_writer` writes the files those commands make."""
