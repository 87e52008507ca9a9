"""Who follows the official account, as WeChat's subscribe and unsubscribe events say.

Template messages reach followers only (WeChat answers 43004 otherwise): once WeChat has told
us an openid unfollowed, the official-account channel falls back to the next channel without
calling. The ledger is keyed by the openid's blind index (the same digest identity's bindings
use), so the openid itself is not stored. Events can arrive in any order: the one WeChat made
last (its CreateTime) wins; of two made in the same second, unfollowing wins.
"""

from __future__ import annotations

from api.kit import clock
from api.kit.db import rows_of
from notify.models import OfficialAccountFollower

_RECORD = """
INSERT INTO notify_oa_follower (openid_index, following, event_time, updated_at)
VALUES ($1, $2, $3, $4)
ON CONFLICT (openid_index) DO UPDATE
   SET following = EXCLUDED.following,
       event_time = EXCLUDED.event_time,
       updated_at = EXCLUDED.updated_at
 WHERE notify_oa_follower.event_time < EXCLUDED.event_time
    OR (notify_oa_follower.event_time = EXCLUDED.event_time AND NOT EXCLUDED.following)
"""


async def record(openid_index: str, following: bool, event_time: int) -> None:
    await rows_of(_RECORD, [openid_index, following, event_time, clock.now()])


async def following(openid_index: str) -> bool | None:
    """True or False as the last event said; None when no event was ever received (a follower
    from before the callback was configured): the send is tried and WeChat decides."""
    known = await OfficialAccountFollower.get_or_none(openid_index=openid_index)
    return known.following if known is not None else None
