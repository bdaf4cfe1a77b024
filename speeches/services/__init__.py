"""The speeches app's services: typed, keyword-only functions that know no HTTP.

``imports`` reads, previews and imports compilations; ``jobs`` runs each
import as a background job with its progress; ``pending`` holds an
upload between its preview and its confirmation; ``speakers`` merges and
relinks speakers; ``reader`` shapes a speech for the reading page.
"""
