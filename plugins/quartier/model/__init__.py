"""The site on a build date: what is shown, when dates occur, how records relate.

`site` decides what the pages show and indexes relations; `recurrence` expands series;
`languages` and `localize` give each site language its view of the records; `urls` and
`reuse_urls` are the public addresses. Reads the contract's records, never pages or files.
"""
