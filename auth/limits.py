"""How often a sign-in code may be sent and a sign-in tried, per target and per client address.

Counted in Redis in fixed windows, checked and counted in one script: concurrent requests
cannot slip past. Targets are blind indexes or digests, never the phone or code itself.
"""

from __future__ import annotations

import redis.asyncio as redis

from auth import errors

Limits = tuple[tuple[str, int, int], ...]  # (window name, seconds, most allowed in it)
PHONE_SEND_LIMITS: Limits = (("minute", 60, 1), ("hour", 3600, 5), ("day", 86400, 10))
IP_SEND_LIMITS: Limits = (("hour", 3600, 30), ("day", 86400, 100))
# Sign-in tries, per target (a phone, a WeChat login code) and per client address. A code
# dies after five wrong tries anyway; these bound how fast one address can probe many.
TARGET_SIGN_IN_LIMITS: Limits = (("minute", 60, 10), ("hour", 3600, 30))
IP_SIGN_IN_LIMITS: Limits = (("minute", 60, 120), ("hour", 3600, 600))


class RateLimits:
    def __init__(self, redis_client: redis.Redis) -> None:
        self._hit_limits = redis_client.register_script(_HIT_LIMITS)

    async def _enforce(
        self, action: str, target: str, target_limits: Limits, ip: str | None, ip_limits: Limits
    ) -> None:
        """Count one `action` (send, sign-in) on a target (a blind index or digest, never the
        value) and from an address, or refuse with the seconds until a full window ends."""
        keys, args = [], []
        for name, seconds, limit in target_limits:
            keys.append(f"auth:{action}:{name}:{target}")
            args += [limit, seconds]
        for name, seconds, limit in ip_limits if ip else ():
            keys.append(f"auth:{action}-ip:{name}:{ip}")
            args += [limit, seconds]
        retry_after = int(await self._hit_limits(keys=keys, args=args))
        if retry_after > 0:
            raise errors.RateLimited(
                headers={"Retry-After": str(retry_after)}, retry_after=retry_after
            )

    async def sending_code(self, phone_index: str, ip: str | None) -> None:
        await self._enforce("send", phone_index, PHONE_SEND_LIMITS, ip, IP_SEND_LIMITS)

    async def signing_in(self, target: str, ip: str | None) -> None:
        await self._enforce("sign-in", target, TARGET_SIGN_IN_LIMITS, ip, IP_SIGN_IN_LIMITS)


# Fixed windows: refuse (returning the seconds to wait) if any window is full, else count the
# send in every window. Checked and counted atomically, so concurrent sends cannot slip past.
_HIT_LIMITS = """
for i, key in ipairs(KEYS) do
  local limit = tonumber(ARGV[2 * i - 1])
  local count = tonumber(redis.call('GET', key) or '0')
  if count >= limit then
    local ttl = redis.call('TTL', key)
    if ttl < 1 then ttl = tonumber(ARGV[2 * i]) end
    return ttl
  end
end
for i, key in ipairs(KEYS) do
  local count = redis.call('INCR', key)
  if count == 1 then redis.call('EXPIRE', key, tonumber(ARGV[2 * i])) end
end
return 0
"""
