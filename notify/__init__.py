"""Outbox, channels, templates, preferences and the dispatcher."""
