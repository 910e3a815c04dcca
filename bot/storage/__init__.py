"""SQLite storage through aiosqlite: the Database, numbered migrations and repositories."""
