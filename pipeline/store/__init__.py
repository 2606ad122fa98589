"""The output folder: atomic record files and a resumable store of parts. No spaCy."""
