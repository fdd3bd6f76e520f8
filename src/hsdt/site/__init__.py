"""The school website: turns a school repository into pages and data (no MkDocs in here)."""
