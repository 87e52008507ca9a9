from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True

# Written by hand: SQLite cannot drop a table's UNIQUE constraint, so the table is rebuilt
# with the other one (its rows, then its indexes); nothing references it.
_COLUMNS = (
    '"id", "public_id", "hall_id", "category_id", "local_date", "number", "label", '
    '"person_id", "priority", "status", "window_number", "created_at", "called_at", '
    '"finished_at", "missed_count", "queued_at"'
)


def _rebuilt(unique_name: str, unique_columns: str) -> str:
    return f"""
CREATE TABLE "ticket_rebuilt" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "public_id" VARCHAR(32) NOT NULL UNIQUE,
    "hall_id" BIGINT NOT NULL,
    "category_id" BIGINT NOT NULL,
    "local_date" DATE NOT NULL,
    "number" INT NOT NULL,
    "label" VARCHAR(8) NOT NULL,
    "person_id" BIGINT,
    "priority" INT NOT NULL,
    "status" VARCHAR(16) NOT NULL,
    "window_number" SMALLINT,
    "created_at" TIMESTAMP NOT NULL,
    "called_at" TIMESTAMP,
    "finished_at" TIMESTAMP,
    "missed_count" SMALLINT NOT NULL DEFAULT 0,
    "queued_at" TIMESTAMP NOT NULL DEFAULT '1970-01-01 00:00:00+00:00',
    CONSTRAINT "{unique_name}" UNIQUE ({unique_columns})
);
INSERT INTO "ticket_rebuilt" ({_COLUMNS}) SELECT {_COLUMNS} FROM "ticket";
DROP TABLE "ticket";
ALTER TABLE "ticket_rebuilt" RENAME TO "ticket";
CREATE UNIQUE INDEX "uniq_ticket_active_per_person"
    ON "ticket" ("person_id", "category_id", "local_date")
    WHERE "status" IN ('waiting', 'called') AND "person_id" IS NOT NULL;
CREATE INDEX "idx_ticket_waiting"
    ON "ticket" ("local_date", "category_id", "priority", "queued_at", "id")
    WHERE "status" = 'waiting';
CREATE INDEX "idx_ticket_hall_id_d2049f" ON "ticket" ("hall_id", "local_date", "window_number");"""


async def upgrade(db: BaseDBAsyncClient) -> str:
    return _rebuilt("uid_ticket_categor_0e0794", '"category_id", "local_date", "label"')


async def downgrade(db: BaseDBAsyncClient) -> str:
    return _rebuilt("uid_ticket_categor_e833ab", '"category_id", "local_date", "number"')


MODELS_STATE = (
    "eJztXVtz2ziy/isovUxSJWdtx3E8ztZWybKSaMe2XLaSTM14iguRkIRjCtDyYke7m/9+AF"
    "4k3kVSpAwyeEpMokHqa7DRN3T/t7OgGtLNN32o6xOoPt4hlRpa5xz8t0PgArH/pIzogg5c"
    "Ljf3+QULTnSHRPXGKsZm8MS0DKha7PYU6iZilzRkqgZeWpgSTjSA6hxQ2zKxhoC5Mi20+M"
    "UE/lRd4M6FNECJis4BZBeWCFpgiolmAmyZ3ggAiQbUOSQz5LyVRlX2aExmdT3kgRBqzdkD"
    "wCtrjsCc2iYCSx0SNvNDxxvP5wOvTGobKvvt6LuFDAJ1BWuvHzqv3/D3tAn+t40Ui84Qm8"
    "Zgb/vnnx2XgN8OkHT++otdYG+EvrOfyMbxP5ePyhQjPcw77GDvXFes1dK5doFnQ2J9dMZy"
    "eCaKSnV7QTbjlytrTsmaABOLX50hggxoIf4Ey7A5B4mt6x7Pfaa6v2IzxH3LAI2GptDW+T"
    "rg1O4LbK51FOVmNFbuB2NF6cTWiE8R4Kh3SaWEry/2qqYDwIy/wsGvx8dv374/Pnx7evbu"
    "5P37d2eHZ2ys877xW+9/uC+zQcudysFs+Gl4M+YvRNkidhc5v/DDoYEWdKkcZmzQ3zAvzI"
    "H+HBrJ+G8oIjxgPy7KAx/xLCb4FzZc2Hx8+2DDAn5XdERm1pz9+fY4A+Gvvbv+597dq7fH"
    "r8Mw33h3jp1bHPANwMFvogDKEbIWQn10fJYDazYqFWznXhhtJskQfkKaAq042pcMKgsvUD"
    "LiEdII4ppH+8b/TxPxNxDURkRfeZIuA/7x8HpwP+5d3/LHLUzz37oDYG884HeOnauryNVX"
    "pxFOrScB34bjz4D/Cf4Y3QwceKlpzQzniZtx4z86/J2gbVGF0GcFagGh7F/1UfvBd5TpY0"
    "Cq8Qt8i3yGhqbE7tBjmjY2fmtxvIhegQTOHJ5xcPlrekpHz9awNXhCxEpSSQJ3M9URyMcp"
    "aD1wqyrSWy4R0Q4oYycwkWob2FoBh958Az5T9uaALiFbdwCz/3JVYAHNR6Y1PEHdRmYXED"
    "bYAEtkmJTJGcB3iDcxXaS2pyRoElJhaILCUFyw7lOe7pUf7RKnwW30kSFaRFvxx9elpuyV"
    "rSEt5SSPknKSrqOcxFQUJtWpUQTcNUEpdD3ohNFBQuienuRA9/QkFV1+K4yuu9MoS3uiY7"
    "Wgzp1EWxPmL7egq7dwDMR+pWkVBDtM1b6lXYt5oyELYj0O8z/vRzfJMG8oohswVi3wP6Bj"
    "M6YIVWXKdP4+tYnKYQQTG+sWJuYb/th/dGriQAbgHKHQ5uvj/Oq693uUBf2r0UV0V+UTXD"
    "B2CGN1WPN7ZJouQglmx+b2FrvDmitmYORWw2NEEDDxjCDtABPgkX7w/I5ThtYcWPQRERNM"
    "qbEAlA2fwgXWV3HrYreppAnRUBOi3Oa8864sGCtq3pW5QwGRNNfugNgLB+cheynoDQtrnQ"
    "F6kb2Pnf5wPPxjcHMOVGzh/yDyQJjx8/HjOWA/bDqNypxcW/dpnp07ap4FNu7TKDN4FIag"
    "hI07fb0HSESGv6x2VD3EzBq3Sjl+w5TS79skR4UOmQlhm6X4HqWVnG8S59H3JWazleB7mL"
    "KFXG8Il31MMtlsoCdmAZSL5wUpK2CzYO6GNnKZiSvTtUPzu5GilO1zJVVvHHiezqJmcIhs"
    "uzXcAJz3aA8Hcm64YVIY/CCVxL4I9jGXXfRDiDPiIzUQnpHf0CpmJUew9xxut+uJmsWFH/"
    "4y869uXtGAz2vXWfjTZ/9hPxpZrmzu3fd7l4NOfIlXAOs9n6enqtRu4hLPC27w007GNt3J"
    "HNxEHZep4rpME4SLR//xtzukQwsnbpce7nfuXGM+VXM14BjwP+p0yV+wH+u+VMwd79/qZr"
    "niJ4FB29N/wDNcAYsCpviocwC9FJtzAAmgS0Sw1mUXGT+o998l4zKbh91mbwA09IRVlJDv"
    "U9m0ianCfp6Akx2kOItDJgqLs1F2pdP+ZfXy9Lyb7Q77unNwKnHWX98qo9vBzfDyHCyWii"
    "tRHsiot75K4frql5vhyLnmiZsHcvuZ2Z/nrsx5IL3bW+Vy8HXYZ5eY8FFc4SOGwz8o4Ap8"
    "LxEykVkpTMaPi5mJoI4Svp0x+p6yPUTpWgF2llNo8Ps45A+KZUCsfUJXo5tP/vBoWkTElH"
    "Vj9sojWpVgQTJ1Gxw4++bDEzIwe1iShkSpjiBJ+QYCZBHYJ4yurg9gfWW/yF+MRlch5C+G"
    "UWi/XF8MmKh32MAGYSvFhSOjjenyvr0xJ8GijQ2SeQIxOldA4sUc5MJ9zT+nl1Y0NlTopn"
    "2ZfNU+e/OUI3L+rW7mcf3AoK3OsW9zrM7B0sBPUF0dLKmO1RVgug5XNtc+LQBVFS3ZCug6"
    "59ae54iAVxAwJXSGjHNg0GcTQAMBJjWQ9jruKqvrIYmOs80X4D5I8R4kvWfiCLBulvcszL"
    "UYJzJcaDHKVhiqdXvSZMZl7T4uX7SVUIYjpNIKEkU5zmMFSd1Y6sYisaHxuvGlG7hIUI0v"
    "1yGNdM14E/bIEzWeQ10Hj5iaj4AaQMPmUoerN2BomeARrQA2gWmxlaOxgeYcaR+Ak2DHC0"
    "dhi9+dYgL1pLhxdRPLc10CS6JMJVeGiOtXbJ1/C+Drj2+hSlt9LFG0uhetshf4DsGw0wot"
    "3xBRC2GuIYcErRS+xxZaxwGa1sng6sWEjP6lQ99eu1ceRWpr5E+Qmh6eBZ5gB25s83Q7cO"
    "MI2GoHpjNW2l7S9mrLvl+9aqWjp6SQwv2CKamp63xNtD+f51G9S/3t8fvT9eLmf2Qt5/vr"
    "3tVV4hk4y044pJIv13lDvT+TgNfhw0/+u+TOeO71x8OvPEPZoX4g14O7TwOe/owMtgk8kM"
    "vB1WDML7juSC3qWnsZW819O4U9jhYRKBGyNmRy7sOfUyJ1NkLWBqT3nTOLNYUJmgkySsCf"
    "RCt5sAsPCp+VSCCthAMCaTA1HJbwEr5LGLERUmnFimbFBvk8hSpSdmB2Er3kuMgclz7JdK"
    "HaXp+kvdRKcj1MKbkuCtcTPnbv7YNloB1TsQTXw5RSoovD5MKe6NghzB1LfkRKRjeS7/GC"
    "H8HPxiuwsSNOgVoeDZOIuUDyDlrsCFLgTEcbQSLUwtOV265pR6TWvaFa+MFhMqEJNn0ReI"
    "Z8imsmluCsiUpIkdW0NNAUGbzm9o5L6nY9UVsRM+0Jn3yClJkBd/4E7/3ZPvHJ2ooZXC4p"
    "u7XYXWT1NjO1Caw6Q/uhemoJAf5ovbX0MH+oypszdGvW972beA1NAMH9597B8btTJwv7Df"
    "iXdyD9X05+NrKcFsBdMFmxkQwgDfMpoA6+3HKNOJ72XenMMvegobkHzlIsnHMYpmpd9oHM"
    "OpS+nko8fOXKjchKIy/P3lx+e78GVuFy0CE6eZ6yqvOUgV5oOx6oLOZQE40ZeU9VhtehSM"
    "cqQ7WjE3TuaG3pdJ3brc8MA0Nlhu1Pp+XKDNs9ZMMxtcUoesIxSNM6iGvokAxN85ky4VrU"
    "YIsRtvA43vG7dznwZqNSAXfuRRokUz3JpZvetHdNIEbPXv68RvfsFeAUqmAWVN1yfAqx7h"
    "igFlosk/zN2WcmEsj3Z+Ec1qvGVHF6QqcqP0/ItNGkbuBbCpFGaKV7QGT3gIZNDnLRws5B"
    "MlnYWRZ2lk7W7JJmvmrLawDOSrE/ZQq5DkRfBzLlrkFx9Euk4ydkrDqJxdK8e90sX56XbK"
    "MFB1fqzfuzg/yUrkBFUYPaRJPVeqWrr6F+KFmht4EVt9juiK3EYFa2+R2kk3Z3yJNnJxWI"
    "y0ZzTSShbHYBCM/CK+gJ7fTvBj2nwoNH/0DuBzeXw5tP58BEzlkC58rY+dNyKkIMvw7uvJ"
    "oQXEvhNB97wyt+yXWN8VE9ZwAUpGJEWVef9PGlfCAa0ytLHPBaU7XQ8myIpZnLsacjaKKS"
    "HtwwqXTgCs9nTZmsiii6IaL2xZtqCGob9AlryFAMlNB2PsNoi9BJrLdj7XSyQ4ZBjUJLOk"
    "TVPpyPDw/zZA4cHqZnDvB7Mhrxc3qhwynBxCrB8gCZVAlEVgmmmGDeA6NMXZ4wqeSzyHx2"
    "4gCFE/uDVDKtv6q0/nVMZsek/rzH9UVjQt50/uDqEymZ38U9Ieq3ZsjWkN96CcjsfRnSky"
    "G9GkJ6rvBwECqAcpiqLn/+y+F8cpYD55OzVJz5rYhrGGn2EimPqJBTKUzVuuV8dJrHAGej"
    "MoIaMQPckSfFywNHyFoRrM7SzOsoDWwbs0SVLTPvdUMks14LZL2a9uT/kJoAdro0CZC0z5"
    "lXvdOUBzl1hkZ6C/DsMGkSvWwoIV2lP7mr9MV6UYsmvkTwsey/FbVgXMjrZEnvRM3eANx8"
    "ubrKcrOE6gDz9CC8a8HAYOZ0w2RbahZ6rA6lsnCrSO6IVVsLUtbpvAthluDDi2Ka7soLcT"
    "KXL68zniOAyQGbEzjU5wDqz3BlgmcDWxYiXfA8Z/xj6x+wpyG3Xh2x4sXudpko8ZzARl66"
    "rkl5OkCYXa4rXYnSlSiEwK7bl2hhSy+E8ZqghfBWb/dPqJbgpE33HPrjWwHuvl2G0geQvs"
    "7b6wPgv6xUU24o02hkGk1zvuA9Kr8CONh+XviF8rCJxobdXWzrRKaYjKkAV5ke9jLpYYGW"
    "Jwn+pXBDlK2JYsvw8K0eph5wV9svJqBL64DaFqBT3ueA8X9GjdUHwN6b6RLsv4A/QkUmYK"
    "uKrS2AE/xMu0+3xdvkTyQdTuII/W6Gw2nNrxgPMkolBGhaYUvW7XBinxqz/9jHlrDSszJO"
    "QnQy6aRA0onsXZq+2JtprSeYc7FYnDQopEEhEhsqNCheRvWNdK9LanQQ62+3VQWONNjLpw"
    "ePCDrgAhesqQ+8SC1w2/QxJdaFEczgEw+mAqaeggUm+GBpUDZm0eUDgJ/sFteNq3/EA3kg"
    "3xBTpCzwiNDSdMYz8asDp9sDYKo2b2nGNG3Qux0Ci/KbGtO0P7CR2AQ60mZsvgXmR5uZIm"
    "6dOzOoOnaKuRhoSQ32WgiqcwBVFS2dD6nrXuD1X4BtMgWeEnaNPwuCk7dHh0fs/+Yzm5d9"
    "yNCZNo9iv04SxLLUnEDyN0u3D7KsgHofIWuhhl99KM5AC/Ysr3VzGOj02l1BmtaUJzo+On"
    "l/cvb29GS91NdXsla4VOGlCi9VeKnCi8aGxqvwwYbKCfp7pN9yuvIOIwMrrmu8WWlYY/oH"
    "tRBRV855QqlsCiMpspRNmbm4j7rGnue98P4YIZQ7ZOmkBaddU1H4A0QS+tLQ61SFusL19m"
    "SLIBn7MFWWNdBARmRgyrX55tdFZioGfvLfJXdZ5F5/PPw6OAcu9QPp9276gyunxrHKf5vu"
    "lDnufx70fxtcKsMbdnmOnNZVmDyQm5Fy/3n0jWFOFXNOn9nI0fXt1cAttEwXS67aCVIaOa"
    "otFdh8E0jlaevtrh7ZW6D2RS1zrdOhb6brJ0+u9Voyl+F7hFZmXYvj44tzWjr5XlSPNnVa"
    "POc9QCShr8q/ykGtwLt6703TMBbk9a0Gll7Is3rHBNHdsD/uJAgX6bPexWe9QfZlnNZ9yL"
    "RLDRqXMLEbX/B2N8tprXoDmfmfrxtfpwfYUECnUyfT4hmhR30FlryRjEGY8adTE2ng1Zzq"
    "mI173QXUABAs4CM6sJfgmRqPjDHOFK8e7DP18O2DfTI9OnrNZnMVk0g2dn0PeyB8gAmguZ"
    "6cj+RIaun5HtxR5bwmlI53gbaQbobj3Vvaed1h3vCf2g/mfBkKNBXvq4jjl10wLYm+RZWe"
    "qiiZRmiSlzbdReKP36NrsaBTURgHlIxAiKK++7vljormZ2+ahrEgr5oZWHoiJUb0/VNMiQ"
    "rm5oRTlnYZGJVDs2Rcs3nasIk1xBQ5jksXPGNrDrDFtDSsPiIL8AOC+DtgIDEtMOkAX8lZ"
    "MtU9lf24DkNrc8WdQOqA4sihLB3Q4V+B3dYf38JoRPVJF86/RVQZb3wLwa2juZ4jZwrAu6"
    "FoIcBHeUJp6ZG0eDF/520VExlPWEXKAhPbSqpSmW3vZEyzxzrRDeirK1VzqZqLwII9qObB"
    "loKuVPDU4Z0rBt+78wV18JbAH4vC7YpUu+I+8SClfxStApzG3lRtwqtO89iRfAmmsS8R08"
    "1iX/TKVmjSEN2vIdrq3H9phtbZQgcv0H8oKViseEOzx7BFz8Twb/dzSGZziJsawzCYqglN"
    "xOPypgLnCCZI7WybNHmG/RlQ7+uV41VYoz5Ec2obZeH1afcH7Jn4wOq8vG9JX0qUdn/Anj"
    "bAgeLm8SqqbdHptCzEqZPs0Vl13ACwuYx3T8goS2QoaYlz2WCnTrI/sN+KD7V3kohXPCrv"
    "hk2dZI/r+l1zsNbxAidk1+bDeE0sl3ECtM/sd7B/uO5VFuDIFPuD+dcGSGbTNpeI8F6cpT"
    "BOIN/jMm4AvtxhaNlJroqPOoVpmluAKALnlFPlAFSwfL+srMnRl4urAbi9G/SH98PRDX/K"
    "5hCRc5Nf2tRgvRv0rmLntcmsBMxBKolzDpxniE55RXFlgSwjSa1IFRQJlC3KY92pFFkstp"
    "gnFOafN9gtXBE53tAwV12u6E5VscK2Bwkp28fZJI4bZkeoRu5Un/2Z2giXDEWXgs3VxXfE"
    "6pszSZsgqjO8GvoaE8Ks0a81PdwaExHbU5G/zZFbu5iHan8xgUZ5eWFoIMAnA5QAuD4w9o"
    "qPATzW8fpD4DJPOObdQyAw6DPAzoNDico1POOBuEfi3oBenlNwm5LLDjS80UnwJBy2gH9C"
    "bnuCtH/QR+ZDNyIMXfZc147HuUSTbBVazPyjNT2fY1FYo7QS20jQg0u1suDGiCW6MidX5u"
    "SKx4KGH5eLmkJJvUDi1lK62hox1XIeovs2x+rcOwLH1L0TdAQf7HfH8OjBfq++n/D/H09e"
    "Az454v06vKcwZQ8tXIIzNujXs/e/dsFk5ZyY84fwVLTXAFpu6w3Ohfjpu/0/PlMrXWPoHN"
    "+TqqkoMjBLNQ3xLMaH9GyzKJ1M68tTq1HWS37pYmNS/ZLqlwgsqEz9SpIvFcDaQh9zFNqI"
    "UBVKu+UnqZJUWu+EVYYe64+ouCFGcGmxtWNYJi9tKpU8YSRtlpInm2Hs4UCM1CxkJwZxGJ"
    "GV45PYicGT6In4pRe6DhG2sL55BoyNK3ONiFaGxQEyyWChGazCJVSxVTjOGKRr0y5URbhm"
    "QukjKnwacEPVmkaqFZ4ALNNRIUIqJZHgkkg6OsXytknXUGd/rqEN7IE2pTvmM0Y6o7YE+F"
    "qTGkN1dlK8acE6PNletXX1n5yh4Uj5fErcUKqX1NV1/1oiA1PN+4P9EEagQxWZCbHe3eeT"
    "ZWwElt3dDP+dzB+s/EQj91uUTHGL0kpsf0T9DCWRDVNKXKPZA9K8rx5TaahIQ0U8VrQhhr"
    "0+9d9J0r03d7M17/C4rWr3BaXOARyXTkMaz2F02xIAOGWqMzDQ0mnKCgg94KUfzA/r+xrb"
    "fJjWvAI6nloAW3EtvPrppVIusJzKUsplUH0PQXWRW7O2dcnLlAYBoJcR+Z8gTCIj8i1nMF"
    "f0SoU7Q4Sye3wDeDxJsFjT9cAQUSk9UDCO1qEIFqh5VKchO3Z62HUSjFjvTjfLgLU2Y2pK"
    "yfaUrXA6I1smSI/lZ/8Z1M7CBF4BRGIvJuwBf0mjUxqdwrJCZnK3a71Lf7xALJDJ9Dsm03"
    "tbaAy89BrEa4I2Ldudyl2Gq+NyVaaIcu0TtPBQ+lmOze4sda87E8a/Kpr58iKidmlgaiRG"
    "9C8o1REkKegHyCLgTxhdXWt8fWW/EvZiNLoK+QIuhhFgb75cXwz8RrSb0sSJTlXLTsjD5K"
    "JkwKRwLK4c9ax61Htsr/QMscWBK4Z751tvOB7efDoHHv0D6feurgaX54Bt0zrS2N+j69ur"
    "wdi5RBdLHjTmV3s3/YE/kLctccZeD+/v+aUFNk1n1NXI+dutfxgNkuYRY0enOeTYUdStE2"
    "gtfBqVZGH7NcbiLZlyUeIWybRKWrM4jGeA2aRwC4sorTwRE7R3DCdZoISHOEzZwjhAh/1A"
    "bUT0VWddIrgJPmNPCGS6jJ2KXWWYHiJsIc8bwuOcZ6D45lnmyw4SytiPyDyeYoLNeSkuR0"
    "gln0Xjs1DRpz7XnpzAT0oQyh/Q3R6LclUxb+zWhMrxHAEdmhZwlWMww0+I8HNGTlJjF/iO"
    "VwCJxsuen3sD3eLqM7g8mBoIeXexvornVNbyhIIRM1nISCAHSUY/bxkeeGmflQwP7Bge4K"
    "Iu1U2RuoAjVK0xovfVFKvOLdprNZOwN2+a0KRvys+bMVs345639SENeJu4W7CZn0igCwQ2"
    "jYbi22xB2sxKz8EsEblriiGiZdLIiyaNlHM8tzP0W/HJzISIzT/vRzdbNb2kWI2GVQv8D+"
    "jYrA3fzt+nNlE5dGBiY93CxHzDn/ePgkGcKvQPjlPIyPaX8Kvr3u/R1d2/Gl1ErWc+wUWB"
    "MFrqoYT9h854n5+6IK81KC/zz0Q5jCxrlOc5hCxoi5geMrA67ySo5d6dTLUcbsZUmre9i8"
    "r8s+jLO6aOpWvCT8jwj5Ln3boCJC1MJzt+9y7H3sVGpe5ezr3w/sU/qgIIe8NbiO7R4WGe"
    "NJfDw/Q8F34vohhTZrsnpWFk6MQbkv2rwy/jeKtM8X1RH9OP/weLWS6O"
)
