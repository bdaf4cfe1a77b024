"""Speeches and compilations as files: plain text, Markdown and TEI XML.

Nothing here knows about annotations; the annotation exports build on
``plain_text`` so that their offsets point into exactly this text.
"""
