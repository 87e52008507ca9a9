"""Unified real-name identity, tokens, personal-data vault, staff accounts."""
