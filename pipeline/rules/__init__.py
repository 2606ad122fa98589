"""Pure rules: functions over text and plain data, no spaCy. Components and commands call them."""
