"""Pure data: records, record types, schools, policies and problems. No I/O here."""
