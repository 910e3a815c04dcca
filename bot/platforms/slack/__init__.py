"""The Slack host: the same cogs on slack-bolt, in Socket Mode (default) or over HTTP."""
