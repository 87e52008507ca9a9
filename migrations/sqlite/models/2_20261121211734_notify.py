from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE TABLE IF NOT EXISTS "notify_event" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "public_id" VARCHAR(32) NOT NULL UNIQUE,
    "event_type" VARCHAR(48) NOT NULL,
    "dedupe_key" VARCHAR(160) NOT NULL UNIQUE,
    "data_sealed" TEXT NOT NULL,
    "urgent" INT NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "person_id" BIGINT REFERENCES "person" ("id") ON DELETE SET NULL
);
CREATE INDEX IF NOT EXISTS "idx_notify_even_event_t_bffa06" ON "notify_event" ("event_type");
        CREATE TABLE IF NOT EXISTS "notify_delivery" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "public_id" VARCHAR(32) NOT NULL UNIQUE,
    "channel" VARCHAR(16) NOT NULL,
    "position" SMALLINT NOT NULL,
    "round" SMALLINT NOT NULL,
    "status" VARCHAR(16) NOT NULL /* CREATED: created\nSENDING: sending\nSENT: sent\nDELIVERED: delivered\nFAILED: failed\nDEAD: dead */,
    "attempts" SMALLINT NOT NULL,
    "due_at" TIMESTAMP NOT NULL,
    "lease_until" TIMESTAMP,
    "leased_by" VARCHAR(64),
    "provider_ref" VARCHAR(64),
    "last_error" VARCHAR(200),
    "created_at" TIMESTAMP NOT NULL,
    "sent_at" TIMESTAMP,
    "finished_at" TIMESTAMP,
    "event_id" BIGINT NOT NULL REFERENCES "notify_event" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_notify_deli_event_i_f16bd3" UNIQUE ("event_id", "channel", "round")
);
        CREATE TABLE IF NOT EXISTS "inbox_message" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "public_id" VARCHAR(32) NOT NULL UNIQUE,
    "event_type" VARCHAR(48) NOT NULL,
    "title" VARCHAR(64) NOT NULL,
    "body" TEXT NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "read_at" TIMESTAMP,
    "event_id" BIGINT NOT NULL REFERENCES "notify_event" ("id") ON DELETE CASCADE,
    "person_id" BIGINT NOT NULL REFERENCES "person" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_inbox_messa_person__65a7eb" UNIQUE ("person_id", "event_id")
) /* The in-app inbox: always written, whatever else is sent. */;
-- Written by hand: the rules of the outbox, enforced by the database.
CREATE INDEX IF NOT EXISTS "idx_notify_delivery_due" ON "notify_delivery" ("due_at")
    WHERE "status" IN ('created', 'sending');
CREATE INDEX IF NOT EXISTS "idx_notify_event_person" ON "notify_event" ("person_id");
CREATE INDEX IF NOT EXISTS "idx_inbox_message_person" ON "inbox_message" ("person_id", "id");
CREATE TRIGGER IF NOT EXISTS "notify_delivery_status_known"
BEFORE UPDATE OF "status" ON "notify_delivery"
WHEN NEW."status" NOT IN ('created', 'sending', 'sent', 'delivered', 'failed', 'dead')
BEGIN
    SELECT RAISE(ABORT, 'unknown delivery status');
END;
CREATE TRIGGER IF NOT EXISTS "notify_delivery_forward_only"
BEFORE UPDATE OF "status" ON "notify_delivery"
WHEN (CASE OLD."status" WHEN 'created' THEN 0 WHEN 'sending' THEN 1 WHEN 'sent' THEN 2 ELSE 3 END) > (CASE NEW."status" WHEN 'created' THEN 0 WHEN 'sending' THEN 1 WHEN 'sent' THEN 2 ELSE 3 END)
  OR (OLD."status" IN ('delivered', 'failed', 'dead') AND NEW."status" <> OLD."status")
BEGIN
    SELECT RAISE(ABORT, 'delivery statuses only move forward');
END;"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        DROP TABLE IF EXISTS "notify_event";
        DROP TABLE IF EXISTS "notify_delivery";
        DROP TABLE IF EXISTS "inbox_message";"""


MODELS_STATE = (
    "eJztXW1T4zgS/iuqfJqtChQEBlj26qoChJncQkJBZnZrli2vYiuJCkfO2gpMbo//fpLf4h"
    "fZsRM7cTz6RJDUsv20LHU/arX/aUwNDenWYXuuYdp5RYQ2LsE/DQKniP0Q1DZBA85myzpe"
    "QOFQt5tD3k5BfsOhRU2o8i5HULcQK9KQpZp4RrFBuEB7NkNEOzCIvgAWUucmpgtgy1uH4L"
    "OhaxYwZvDvOQKY/YREA1NovSANvEJ9jqwmIKyxCWbItAwCdaBBCg/5pTVDZdfGZFzqVeYE"
    "MymFGmNEJ8hk1/rjT1aMiYa+I8v7d/aijDDStRCyWOMd2OUKXczssis87hJ6a7flzzBUVE"
    "OfT8my/WxBJwbxBbCD8xgRZEKK+BWoOec4k7muu1rxoHdudtnEucuAjIZGcK5zbXFp5waW"
    "ZQ1F6fUHylNnoCiNmCY9iQDsbpFqED4K2K1aNgBjfgsHP7daJyfnraOTs4uPp+fnHy+OLl"
    "hb+37jVefvzs0s0XK6sjHrfur2BvyGDDbUnGHIC95tGaYoR8pWxhJ9SOPo3zAEKZ4iMf6O"
    "RAR/zRU59H5EteFhn6YOr2BH+jAR1PrszXCvmwL1oHvfeRq07x/45aaW9bduw9YedHhNyy"
    "5dREo/nP0U1o3fCfitO/gM+L/gW7/XsdE1LDo27Ssu2w2+Nfg9wTk1FGK8KVALQOSVejCy"
    "lkslvzBE42q+nkBTrGKvfUTJDK09VOsUfld0RMZ0wv49vUhR69f24/Xn9uOH04uIqnpuTc"
    "uueg9hy2Z1w8wDri+wFroudCngLheYraN7dpoB3bPTRHR5VRhdZ6VRZvOhjlVFtFQkAy2S"
    "LQnz3Q3ok1YGyE9aiZDzqjDkJmJPadGcYIel6je0j1tZZg7WKhFpuy4MtYYoxHoc5v889X"
    "timJcS0QUYqxT8D+jYihlC683Rcawb/xrNicphBMM51ikm1iG/7L8bJWkgBXCOUGjx9XD+"
    "cN/+PaqC67v+VXRV5R1cMXVws3T0EjCNeMEQqi9v0NSUWI3RMpLaxqumrWm0BBI4tuHlT8"
    "yfz/cr6OQJWZaDkMDtWFav8DvoRLECLVc6Hn2CgIXHBGkHmABX9BeAqQVMNGJoTQA1XhCx"
    "wMgwp8BgzUdwivVF3LvYrCvpQuypC7He4rzxqlwxVZS8KnNCAREViTHukPnUxrnLbgq6zc"
    "JWZ0C+LLO+iOW5cd0ddL91epdAxRT/F5Fnwpyf29tLwB5sNIrOOZmW7rMsK3fUPQss3GdR"
    "ZagTSAgSLNzJ4z0gUmX417WOioeYeeMMDCU/PxGW3A5PsV3o60tU6JC5EHNrLb1HZaXm90"
    "nz6PsMs97W0HtYsoZa3xMte5ikqtlEr8wDWOf1DksWoOaK0Q111DKbrizHD81OI0Ul60cl"
    "Fe8cuExnXjc4JLbaG94DnLfoDy/Rtx2T3OAHpST2ebCPUXbRFyGuiFvDRHhMfkWLmJccwd"
    "4l3B78jvZLC+/eMPNKl7dowjefOgu/+uwHe2hEnbm5/XTdvuk04kO8AFifeD9tVTXm+zjE"
    "s4IbfLXF2CaTzMFF1KZMFYcyFUwurvztr49IhxQLl0sX90enrwHvan8t4Bjw72VS8lfsYZ"
    "2bitHxXlUzjYofBhqtDv8Bb3ABqAGY4aNOAHRDbC4BJMCYIYK1Jitk+jDcnzOmZdYPq2Z3"
    "ADT0ilUkiPcprFsBO/+HHydgRwcp9uBo/ClJ+6oslE1J2u/WLk+Ou1lN2Jcdg1MIWX//oP"
    "QfOr3uzSWYzhRnRnkm/bZfakC/9Euv27fL3OnmmTx8Zv7npTPnPJP2w4Ny0/navWZFbPJR"
    "nMmnGoR/cILL8b5ExKqsyspE/DiYWQjqSPDuDND3hOUhKlcLsNNIoc7vgxAfFIuA8Dmhu3"
    "7vk9c8GhYRcWWdPXvlBS3WUIFYug4Ezrb18IpMzC4mspAMQ0eQJLwDAbEI7EMmV9YL4Jds"
    "F/mrfv8uhPxVNwrtl/urDpvqbTWwRpgmUDhytzF5vq/vnlPFdhv3aM6rkKIzbUjsjCCv3N"
    "v8Y7K0VVNDgTTtbuJVr9mdJxyR86qaaeSYGmi0khz7bYLVCZiZ+BWqi4OZoWN1AZitw41N"
    "n9MCUFXRjI2Apn1u7W2CCPgAATNCx8i8BKbxZgFoIsBmDaT9FKfKyrqIkDhbvgHOhRT3Qp"
    "I9q84E1kxjz8Jai2kihUKLSdbCUS2bSZMRl6VzXN7UtoYxHBGVXlBVjOMsXpC0jaVtXCU1"
    "7L1tfONsXAhM4xt/SyPZMl5ue2TZNZ5AXQcv2LBegGECDVszHS4OQZda4AUtALaARdnI0V"
    "hDa4K0X4AdYMfgB5jy2hEmUBftGxfXsTzXVeGZKNXIlVvE5Ru29t8c+Hrta2jSFr+XWLW8"
    "F7XyF/gKwbDTcg3fkFANYS4hhgQtFL7G5hrHAZnazcHFTxNy9y8Z+vr6vfIoUl13/iqS08"
    "P1wAV+4NI3T/YDl0TASj8wWbHS95K+V13W/eJNKx29irYUnqbMSE0c577Q9jjP43KH+knr"
    "/Mwf3PyftOH8dN++uxOegaNzwSGVbLHOS+ntuQQ8Dx9+9e4lc8Rz+3rQ/cojlG3pZ3Lfef"
    "zU4eHPyGSLwDO56dx1BrzAoSO1KLW2G1/NuTuFXc7IM6FExOoQybkNPmeN0NmIWB2Q3nbM"
    "LNYUNtEMkbkG/CJZqYNNdJD7rIRAtBANVMiCKeGwhBvwvYYTGxGVXmzVvNignkdQRcoGyh"
    "bJS41XWeOSk0yeVOvLSc5n2ppaD0tKrVdF64KX3b37YBpo21VcQ+thSTmjV0fJuZno2CHM"
    "DVN+RFJG76Xe4wk/gq+Nm2BjQ5wCuTz2bEbMBJJ70GJDkAJnOuoIEjEoHi2czzVtiJT/ba"
    "gavnCYDA2BT58Hni7v4p5NS3C8j0bIThIRhZI3CXYTo8mdkvcUQymlMm0tNp6cKE9oAQie"
    "PrcPWh/P7JDPQ/CXe/r1LzsYFFFgEJV1MFywlgwgDfMuoA6+PPDlNx5jWmjPcqNzTzc67a"
    "GYO8ApLFW7rU4Z4iQdy0LohPVyG8i0BrtXbyaS0Eu4kzv3bEhOHt4q6vBW4MNLG57eyue9"
    "V00ZWY9whcdhlc5whRLVCmzuaCLbZJvbSQYLA01lON8PZ+XKcL4thN4ws8XMe5wqKFM7iE"
    "v4HCu0rDeDTa55HbaYYA3P/rQ+fsyAN2uVCLhdF/kaq6EjASWZ/IVQX6AaHwjl19vrD4RW"
    "4MhbxTyosufxEcS67YBSNJ2J+Pj0AG2B+PY8nKNyzZgiQrV1Q+WHl5g1Kvr08IqshxFZSQ"
    "9UmR7QsMVBzptFNigms8jKLLKSZE3Pn+SZtjzh2Hgt9Sd0IcdB1ceBjO/Zo330G6TjV2Qu"
    "GsLMTG5dM43Lc+NEtGDjQtm8PxrIix8JpC80jTnRZGpQSfXtKQ8l04HuYXoftjpiKtzMSn"
    "e/g3LS7w4xeXNRNqp0NH0hCeV+nzZ3PbycTGjj+rHTto+Tu/LP5KnTu+n2Pl0CC9mBy3bJ"
    "wP6X2sfPu187j+4BdG6lcJnbdveOFznUGG/VthvAihxPX5fqkxxfwguiMbtyjdMkvlQNPc"
    "898TQzEXs6ghZak8ENi0oCt/J61pThIo+hGxKq335TCZvapvGKNWQqJhJ84zrFaYvISaxX"
    "Y21/NguZpmHmGtIhqfrh3Do6yhI5cHSUHDnA6+RuxI/JQodDggldQ+UBMWkSVNkkGGGCec"
    "L9dZKAhEWlnqusZ3sfIHdgf1BKhvUXFdbv78lsGNSf9Wxw1ZSQNZw/OPqqFMzv4C7Y9fMV"
    "snLLzx8CMnpfbunJLb0StvScycNGKAfKYamy+Pzd4Xx6kQHn04tEnHlVhBpG2nyGlBeUi1"
    "QKS9VuOB+fZXHAWauUTY2YA27PJ/lzkUbEarFZnWaZl5GHdG6OhSZbatzrUkhGvcqoV8kz"
    "VfOroRXjHCrhoG7/o6EV00JWDzX5m6HsDkDvy91dmo8aytjIYyuw6GheniDeYNjpns1tiS"
    "G8sYxhytTJ97UhVjJ1WH7mI4SZgACJYprMg4Q0mYkIaQwmCGBywPoEtvQlgPobXFjgzcSU"
    "ItIEbxOmPzb+AbsacpJ9ERrPFLZJR8Ig6+V86fA6MrS6MqtcU/IwkoepxIRdNhFDMdVzYe"
    "wL1BDe4iNNhoYmYLiSaRevfS3A3TbfIjmA5HFeXw6AP9lan0+FMgZBxiDszxu8ReO3AgTb"
    "jwt/pRi2qqlhc4rNjwKJzTEF4Cpja3YTW9NGJlYnDQG35NY001gluGxTmbiaH4XMaR2fnp"
    "9enJyd+vOoX5I2fa6maV7ZDCA8OJzs2gZEauF/bSExIH+pciDsNq8huseZDk8cpxyeOBYc"
    "njAIFS5MyYkXAyLbT724G4+msCSLOfLoFL+Yvf8f3MImyA=="
)
