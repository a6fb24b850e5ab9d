"""Walks the URL configuration, for tests that must cover every route."""

from django.urls import URLPattern, URLResolver, get_resolver


def url_patterns(patterns=None, namespace=""):
    """Yields (qualified name, pattern) for every URL pattern, unnamed ones included."""
    patterns = get_resolver().url_patterns if patterns is None else patterns
    for entry in patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from url_patterns(entry.url_patterns, inner)
        elif isinstance(entry, URLPattern):
            yield f"{namespace}{entry.name or f'<unnamed {entry.pattern}>'}", entry
