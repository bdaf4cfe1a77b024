"""The digest of a text: a paragraph's ``text_hash``, a compilation's ``sha256``.

Both are the hex SHA-256 of the text's UTF-8 bytes, computed by the one
function the parser uses for the normalized text of a file, so that a
paragraph's stored hash, the hash a client sends back with a quote and a
compilation's digest are the same kind of value.
"""

from text.parsing.normalize import text_sha256 as text_hash

__all__ = ["text_hash"]
