"""The platform-neutral core: models, services and rules. Imports neither discord nor slack."""
