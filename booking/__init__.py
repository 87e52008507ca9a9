"""Halls, windows, slots, appointments, same-day tickets, calling, live queue status."""
