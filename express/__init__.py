"""EMS waybills, pickups, tracking callbacks."""
