"""Request shapes of the booking routes."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, ConfigDict, Field


class BookRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    slot_id: str = Field(min_length=4, max_length=32)


class SlotQuery(BaseModel):
    model_config = ConfigDict(extra="forbid")
    category: str = Field(min_length=1, max_length=32)
    date: date
