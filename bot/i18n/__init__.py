"""The bot's languages: which one a person reads, and its words (issue 18)."""
