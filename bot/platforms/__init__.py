"""Platform hosts: thin translators between a platform and the neutral cogs."""
