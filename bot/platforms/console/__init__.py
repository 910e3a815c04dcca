"""The console host: try the bot in a terminal, or script it for tests and demos."""
