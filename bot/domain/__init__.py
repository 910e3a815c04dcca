"""The bottom of the import graph: models, errors, the clock and recurrence rules.

Nothing here imports any other part of the project.
"""
