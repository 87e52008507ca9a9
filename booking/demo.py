"""Demo halls for the embedded mode: two halls, their queues, windows and a week of slots."""

from __future__ import annotations

from datetime import time

from api.kit.ids import new_public_id
from booking.models import Category, Hall, OpeningHours, ServiceCategory, SlotTemplate, Window
from booking.service import fill_horizon

HALLS = (
    (
        "CIVIC",
        "市民中心政务服务大厅",
        (
            ("business", "企业开办", "A"),
            ("social", "社保医保", "B"),
            ("housing", "不动产登记", "C"),
        ),
    ),
    (
        "EXIT-ENTRY",
        "出入境服务大厅",
        (("passport", "护照办理", "P"), ("hk-macao", "港澳通行证", "H")),
    ),
)
PERIODS = (
    (time(9), time(10)),
    (time(10), time(11)),
    (time(11), time(12)),
    (time(13, 30), time(14, 30)),
    (time(14, 30), time(15, 30)),
    (time(15, 30), time(16, 30)),
)


# Monday to Friday 09:00-17:00, Saturday mornings (tickets only: no Saturday slots).
OPEN_WEEKDAYS = (*((d, 9 * 60, 17 * 60) for d in range(5)), (5, 9 * 60, 12 * 60))
SERVICES = {
    "CIVIC": (
        ("11440100MB2C90001-001", "business"),
        ("11440100007501-002", "business"),  # 居民身份证换领: the README's example
        ("11440100MB2C90002-003", "social"),
    ),
    "EXIT-ENTRY": (("11440100007502-PP01", "passport"), ("11440100007502-HK01", "hk-macao")),
}


async def seed() -> int:
    created = 0
    for code, name, categories in HALLS:
        hall, made = await Hall.get_or_create(code=code, defaults={"name": name})
        created += int(made)
        for weekday, opens, closes in OPEN_WEEKDAYS:
            await OpeningHours.get_or_create(
                hall=hall,
                weekday=weekday,
                defaults={"opens_minute": opens, "closes_minute": closes},
            )
        for number, (category_code, category_name, prefix) in enumerate(categories, start=1):
            category, made = await Category.get_or_create(
                hall=hall, code=category_code, defaults={"name": category_name, "prefix": prefix}
            )
            if made:
                created += 1
                for weekday in range(5):
                    for start, end in PERIODS:
                        await SlotTemplate.create(
                            category=category,
                            weekday=weekday,
                            capacity=10,
                            start_minute=start.hour * 60 + start.minute,
                            end_minute=end.hour * 60 + end.minute,
                        )
            if not await Window.exists(hall=hall, number=number):
                await Window.create(
                    public_id=new_public_id("win"),
                    hall=hall,
                    number=number,
                    category_ids=[category.id],
                )
                created += 1
        for service_code, category_code in SERVICES[code]:
            await ServiceCategory.get_or_create(
                hall=hall,
                service_code=service_code,
                defaults={"category": await Category.get(hall=hall, code=category_code)},
            )
    return created + await fill_horizon()
