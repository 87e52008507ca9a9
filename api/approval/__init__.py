"""Wraps the core approval services: catalogue, applications, progress, evaluation."""
