"""Clients of the outside systems notify talks to, each with a sandbox that plays the other side."""
