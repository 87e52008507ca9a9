"""Background work of the identity package (the audit log's purge is in auth.audit)."""

from __future__ import annotations

from auth.models import Binding, Person
from auth.vault import Vault

SEALED_COLUMNS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("person", "Person", ("name", "id_number")),
    ("binding", "Binding", ("value", "session_key")),
)


async def reseal_all(vault: Vault, batch: int = 500) -> int:
    """Re-seal every value not sealed with the vault's current key and algorithm.

    Run after a key rotation (`yiwang keys rotate`); the old key stays configured as a
    previous key until this reports nothing left to do.
    """
    resealed = 0
    for table, model_name, columns in SEALED_COLUMNS:
        model = Person if model_name == "Person" else Binding
        last_id = 0
        while True:
            rows = await model.filter(id__gt=last_id).order_by("id").limit(batch)
            if not rows:
                break
            last_id = rows[-1].id
            for row in rows:
                resealed += await _reseal_row(vault, row, table, columns)
    return resealed


async def _reseal_row(
    vault: Vault, row: Person | Binding, table: str, columns: tuple[str, ...]
) -> int:
    resealed = 0
    for column in columns:
        sealed = getattr(row, f"{column}_sealed")
        if not sealed or not vault.needs_reseal(sealed):
            continue
        plain = vault.open(sealed, table=table, column=column, row=row.public_id)
        fresh = vault.seal(plain, table=table, column=column, row=row.public_id)
        # Compare and set: a value erased (deletion, merge) or replaced since this batch was
        # read stays as it is now, never brought back.
        resealed += (
            await type(row)
            .filter(id=row.id, **{f"{column}_sealed": sealed})
            .update(**{f"{column}_sealed": fresh})
        )
    return resealed
