"""Outbound delivery: one queue per platform that keeps within the platform's rate limits.

``limits`` paces starts (sliding windows, buckets the platform reports, holds from 429s);
``queue`` runs each send through the limiter, retries what is safe to retry, and never drops or
repeats a message; ``discord_policy`` and ``slack_policy`` say how each platform is limited and
which of its errors are worth a retry; ``outbox`` is what background jobs send through, recording
whatever could not be delivered so organizers hear of it.
"""
