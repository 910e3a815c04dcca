"""What the core needs from storage, as protocols (typing.Protocol): one module per area.

bot/storage implements them for every backend; the core's services type their dependencies
with these and import nothing of bot/storage.
"""
