"""The speeches app's API: one module per area, assembled in ``router``.

This file imports none of them, so that ``speeches.schemas`` can read
``examples`` without importing the operations that use the schemas.
"""
