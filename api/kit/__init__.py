"""The shared kernel: settings, db, redis, clock, ids, errors, policies.

It imports no other package of ours.
"""
