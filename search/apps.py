from django.apps import AppConfig


class SearchConfig(AppConfig):
    # No models of its own: search reads the speeches app's paragraphs and
    # their search index (docs/architecture.md).
    name = "search"
