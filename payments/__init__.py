"""Non-tax payment orders, channels, callbacks, refunds, reconciliation."""
