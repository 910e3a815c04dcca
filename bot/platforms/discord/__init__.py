"""The Discord host: the neutral cogs as slash commands, buttons, modals and reactions."""
