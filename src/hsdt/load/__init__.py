"""Files into the model: YAML with line numbers, front matter, school profiles, record types."""
