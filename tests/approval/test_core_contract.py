"""The core approval protocol (`CoreApproval`), one suite for both of its implementations: the
embedded engine, and the HTTP client against the core system's sandbox over loopback HTTP.
What the approval service relies on holds for either: one case per application, the rules of
withdrawal and supplements, a case's steps numbered 1, 2, 3 ... in the order they were taken,
the same refusals for the same mistakes, the catalogue and the e-licences."""

from __future__ import annotations

import pytest

from api.approval.demo import demo_elicences, demo_items
from api.approval.gateways.core import (
    CoreApproval,
    CoreRefused,
    CoreStatus,
    CorrectionItem,
    ResultDelivered,
    Submission,
    SubmittedMaterial,
)
from api.kit import clock
from api.kit.ids import new_public_id
from tests.approval.support import Hall, citizen, settle

ITEM = "11440100007501-002"
ID_NUMBER = "11010519491231002X"  # the demo citizen 张三 (a public test vector)


def submission(application_id: str | None = None) -> Submission:
    return Submission(
        application_id=application_id or new_public_id("apl"),
        item_code=ITEM,
        applicant_id_number=ID_NUMBER,
        applicant_name="张三",
        form={"apply_reason": "有效期满", "delivery": "窗口领取"},
        materials=(SubmittedMaterial("OLD_ID", "elicence", licence_type="id_card"),),
        delivery="window",
    )


async def statuses(core: CoreApproval, core_ref: str) -> list[CoreStatus]:
    steps = await core.progress(core_ref)
    assert [step.sequence for step in steps] == list(range(1, len(steps) + 1))
    return [step.status for step in steps]


async def test_the_catalogue_is_the_published_one(hall: Hall) -> None:
    published = await hall.approval.core.catalogue()
    assert sorted(item.code for item in published) == sorted(item.code for item in demo_items())


async def test_one_case_per_application(hall: Hall) -> None:
    core = hall.approval.core
    handed = submission()
    first, again = await core.submit(handed), await core.submit(handed)
    assert first == again
    assert await statuses(core, first) == [CoreStatus.SUBMITTED]
    assert await core.submit(submission()) != first  # another application, another case


async def test_steps_are_numbered_in_the_order_taken(hall: Hall) -> None:
    core = hall.approval.core
    core_ref = await core.submit(submission())
    await hall.take_step(core_ref, "accept", [])
    await hall.take_step(core_ref, "request_correction", [CorrectionItem("PHOTO", "背景须为白色")])
    with pytest.raises(CoreRefused):
        await hall.take_step(core_ref, "approve", [])  # not while a correction is awaited
    await core.supplement(core_ref, (SubmittedMaterial("PHOTO", "upload", file_digest="ab"),))
    with pytest.raises(CoreRefused) as again:
        await core.supplement(core_ref, ())
    assert again.value.reason == "not_awaiting_correction"
    await hall.take_step(core_ref, "approve", [])
    await hall.take_step(core_ref, "result_ready", [])
    await settle(hall)
    assert await statuses(core, core_ref) == [
        CoreStatus.SUBMITTED,
        CoreStatus.ACCEPTED,
        CoreStatus.CORRECTION_REQUESTED,
        CoreStatus.SUPPLEMENTED,
        CoreStatus.APPROVED,
        CoreStatus.RESULT_READY,
    ]
    steps = await core.progress(core_ref)
    assert steps[2].corrections == (CorrectionItem("PHOTO", "背景须为白色"),)


async def test_withdrawal_before_acceptance_only(hall: Hall) -> None:
    core = hall.approval.core
    early = await core.submit(submission())
    await hall.take_step(early, "request_correction", [CorrectionItem("PHOTO", "模糊")])
    await core.withdraw(early)  # a correction asked at intake: not yet accepted
    await core.withdraw(early)  # a repeat changes nothing
    assert (await statuses(core, early))[-1] is CoreStatus.WITHDRAWN
    assert (await statuses(core, early)).count(CoreStatus.WITHDRAWN) == 1

    accepted = await core.submit(submission())
    await hall.take_step(accepted, "accept", [])
    await hall.take_step(accepted, "request_correction", [CorrectionItem("PHOTO", "模糊")])
    with pytest.raises(CoreRefused) as refused:
        await core.withdraw(accepted)
    assert refused.value.reason == "already_accepted"

    decided = await core.submit(submission())
    await hall.take_step(decided, "refuse", [])
    with pytest.raises(CoreRefused) as too_late:
        await core.withdraw(decided)
    assert too_late.value.reason == "already_decided"
    await settle(hall)


async def test_an_unknown_case_is_refused_by_name(hall: Hall) -> None:
    with pytest.raises(CoreRefused) as unknown:
        await hall.approval.core.progress("SP-NO-SUCH-CASE")
    assert unknown.value.reason == "unknown_case"
    with pytest.raises(CoreRefused) as unknown:
        await hall.approval.core.report_delivery("SP-NO-SUCH-CASE", delivered())
    assert unknown.value.reason == "unknown_case"


def delivered() -> ResultDelivered:
    return ResultDelivered("ems", "1123456789012", clock.now())


async def test_a_delivered_result_completes_the_case_once(hall: Hall) -> None:
    core = hall.approval.core
    core_ref = await core.submit(submission())
    await hall.take_step(core_ref, "accept", [])
    await hall.take_step(core_ref, "approve", [])
    with pytest.raises(CoreRefused) as early:
        await core.report_delivery(core_ref, delivered())  # nothing ready to deliver
    assert early.value.reason == "not_result_ready"
    await hall.take_step(core_ref, "result_ready", [])
    await core.report_delivery(core_ref, delivered())
    await core.report_delivery(core_ref, delivered())  # a repeat changes nothing
    await settle(hall)
    steps = await core.progress(core_ref)
    assert [step.status for step in steps][-2:] == [CoreStatus.RESULT_READY, CoreStatus.COMPLETED]
    assert [step.status for step in steps].count(CoreStatus.COMPLETED) == 1
    assert "1123456789012" in steps[-1].note


async def test_e_licences_by_id_number(hall: Hall) -> None:
    await citizen(hall)  # the government's register knows 张三 (the sandbox's is filled here)
    core = hall.approval.core
    held = await core.elicences(ID_NUMBER)
    assert sorted(e.licence_type for e in held) == sorted(
        e.licence_type for e in demo_elicences()[ID_NUMBER]
    )
    assert await core.elicences("110105194912310029") == []  # holds none


async def test_the_engine_draws_another_case_number_when_one_is_taken(
    local_hall: Hall, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Case numbers are random (eight digits a day): a busy day draws one twice now and then,
    which must cost the citizen nothing (it was a 500 under load)."""
    from api.approval import local_engine

    core = local_hall.approval.core
    taken = await core.submit(submission())
    draws = iter([taken, "SP2026120700000001"])
    monkeypatch.setattr(local_engine, "_new_core_ref", lambda: next(draws))
    assert await core.submit(submission()) == "SP2026120700000001"
