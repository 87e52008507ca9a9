"""Demo data for the embedded mode: staff accounts, a kiosk, a display and an evaluation pad
to try the staff and device routes and the hall screens with. Idempotent. The passwords and
keys are public: dev mode only (production refuses demo data)."""

from __future__ import annotations

from auth.authenticators import hash_device_key
from auth.models import Device, StaffAccount
from auth.staff import create_staff

DEMO_PASSWORD = "Demo-Hall-2026!"  # noqa: S105 - a published demo credential, dev mode only
DEMO_DEVICE_KEY = "dev_demo-kiosk-key-for-the-embedded-mode-only"
DEMO_DISPLAY_KEY = "dev_demo-display-key-for-the-embedded-mode-only"
DEMO_PAD_KEY = "dev_demo-pad-key-for-the-embedded-mode-only"
# The clerk and the kiosk work at the demo hall CIVIC (booking's demo); the admin is bound to
# no hall, so manages them all and may create halls.
DEMO_HALL = "CIVIC"
DEMO_STAFF = (
    ("demo_clerk", {"clerk"}, DEMO_HALL),
    ("demo_approver", {"approver"}, DEMO_HALL),
    ("demo_admin", {"hall_admin"}, None),
)
# Citizens the identity-verification sandbox knows, from the public GB 11643 test vectors.
DEMO_CITIZENS = (("张三", "11010519491231002X"), ("李四", "360426199101010071"))


async def seed() -> int:
    created = 0
    for username, roles, hall_code in DEMO_STAFF:
        if not await StaffAccount.exists(username=username):
            await create_staff(username, DEMO_PASSWORD, roles, hall_code)
            created += 1
    for public_id, name, kind, key in DEMO_DEVICES:
        key_hash = hash_device_key(key)
        if not await Device.exists(key_hash=key_hash):
            await Device.create(
                public_id=public_id, name=name, kind=kind, hall_code=DEMO_HALL, key_hash=key_hash
            )
            created += 1
    return created


DEMO_DEVICES = (
    ("dvc_demo_kiosk_0000000001", "演示取号机", "kiosk", DEMO_DEVICE_KEY),
    ("dvc_demo_display_00000001", "演示叫号屏", "display", DEMO_DISPLAY_KEY),
    ("dvc_demo_pad_000000000001", "演示评价器", "pad", DEMO_PAD_KEY),
)
