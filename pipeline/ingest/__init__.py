"""Reading inputs: bytes to normalised document text (plain text, Markdown, HTML). No spaCy."""
