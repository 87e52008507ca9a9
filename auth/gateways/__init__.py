"""Clients of identity's outside systems, each with a sandbox playing the other side."""
