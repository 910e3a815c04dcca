"""The PostgreSQL backend (asyncpg): several bot processes sharing one database."""
