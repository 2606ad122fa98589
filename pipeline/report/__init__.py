"""The fact-checker's HTML report, rendered from records alone. No spaCy."""
