"""Layer 2, the storage core: connections, transactions, migrations. No domain module."""
