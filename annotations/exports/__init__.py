"""Annotations leave the application: CSV, Excel, W3C JSON-LD and REFI-QDA.

Every format reads the same ``Selection`` (a compilation, a speech, a theme,
a speaker, a search, or everything) and streams: rows are read from the
database in chunks and written out as they come, so an export of a hundred
thousand passages never sits in memory whole.
"""
