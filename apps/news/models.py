"""Stories and publications (docs/news.md)."""
