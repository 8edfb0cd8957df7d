"""Keep the search index in step with publishing (filled in by search.py)."""
