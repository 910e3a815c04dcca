"""Scheduling: when schedules, reminders and digests fire, and the engine that fires them.

``recurrence`` is pure (no I/O) and is what the core uses to parse and describe a schedule.
``engine`` runs whatever is due at the clock's time (the database is the source of truth, each
slot goes out exactly once); ``runner`` wakes the engine with APScheduler in production.
"""
