"""Work on text alone: parsing, section structure, corrections, partial
dates, script variants and word segmentation.

Nothing here imports Django or any other package of the project, so the
parser runs on its own (``python -m text.parsing FILE``) and every module
is tested without a database (docs/architecture.md).
"""
