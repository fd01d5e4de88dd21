"""Layer 4, the records: the SQL of each kind of record beside its domain, and what writes records."""
