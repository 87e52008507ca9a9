from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE TABLE IF NOT EXISTS "ticket" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "public_id" VARCHAR(32) NOT NULL UNIQUE,
    "hall_id" BIGINT NOT NULL,
    "category_id" BIGINT NOT NULL,
    "local_date" DATE NOT NULL,
    "number" INT NOT NULL,
    "label" VARCHAR(8) NOT NULL,
    "person_id" BIGINT,
    "priority" INT NOT NULL,
    "status" VARCHAR(16) NOT NULL /* WAITING: waiting\nCALLED: called\nCOMPLETED: completed\nCANCELLED: cancelled\nMISSED: missed\nCLOSED: closed */,
    "window_number" SMALLINT,
    "created_at" TIMESTAMP NOT NULL,
    "called_at" TIMESTAMP,
    "finished_at" TIMESTAMP,
    CONSTRAINT "uid_ticket_categor_e833ab" UNIQUE ("category_id", "local_date", "number")
);
        CREATE TABLE IF NOT EXISTS "ticket_counter" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "category_id" BIGINT NOT NULL,
    "local_date" DATE NOT NULL,
    "last_number" INT NOT NULL,
    CONSTRAINT "uid_ticket_coun_categor_e577ef" UNIQUE ("category_id", "local_date")
) /* The last number given per hall, category and day: numbers are gap-free and daily. */;
        CREATE TABLE IF NOT EXISTS "window" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "public_id" VARCHAR(32) NOT NULL UNIQUE,
    "number" SMALLINT NOT NULL,
    "category_ids" JSON NOT NULL,
    "status" VARCHAR(8) NOT NULL,
    "hall_id" BIGINT NOT NULL REFERENCES "hall" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_window_hall_id_15f3c8" UNIQUE ("hall_id", "number")
) /* A numbered counter serving some categories. */;
-- Written by hand: one active ticket per person and category a day; the calling order.
CREATE UNIQUE INDEX IF NOT EXISTS "uniq_ticket_active_per_person"
    ON "ticket" ("person_id", "category_id", "local_date")
    WHERE "status" IN ('waiting', 'called') AND "person_id" IS NOT NULL;
CREATE INDEX IF NOT EXISTS "idx_ticket_waiting"
    ON "ticket" ("local_date", "category_id", "priority", "id") WHERE "status" = 'waiting';"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        DROP TABLE IF EXISTS "ticket";
        DROP TABLE IF EXISTS "window";
        DROP TABLE IF EXISTS "ticket_counter";"""


MODELS_STATE = (
    "eJztXW1z27gR/isYfWluRk4dx3FcX6cziqwk6tmWx9YlN3fusBAJSagpgCUhO2qb/16AL+"
    "IbSJESKVMMPiUmsSD1LLjYfbBY/LezoAYyndd9aJoTqD/eIZ3aRucC/LdD4ALx/2S06IIO"
    "tKzwvrjA4MR0RXS/rWaHjScOs6HO+O0pNB3ELxnI0W1sMUyJEBpAfQ7okjnYQMBZOQwt/u"
    "SAoKsu8PpCBqBERxcA8gsWggxMMTEcgJnjtwCQGECfQzJD7lsZVOePxmRW10MeCKFszh8A"
    "XrE5AnO6dBCwTEh4zw8dv73oD7xy6NLW+W9H3xiyCTQ1bPz00PnptXjPJcH/XiKN0Rni3d"
    "j8bf/4o+MJiNsRkc4//sEv8DdC3/hP5O3En9ajNsXIjOsOu9i71zW2stxrH/BsSNhHt62A"
    "Z6Lp1FwuSNjeWrE5JWsBTJi4OkME2ZAh8QRmL4UGydI0fZ0HSvV+RdjEe8uIjIGmcGmKcS"
    "CkvRcIr3U07WY01u4HY03rpMZIIBHRqH9Jp0SML/6qjgvATLzC0V9OTt6+fX9y/Pbs/N3p"
    "+/fvzo/PeVv3fdO33n/3XiZEy+vKxWz4aXgzFi9E+SD2Brm48N2VgQx6Uq4yQvRD5cU10J"
    "9DW45/KJHQAf9xSR0EiOcpIbgQaiH8+PahhgX8ppmIzNic//n2JAfhL727/ufe3au3Jz/F"
    "Yb7x75y4twTgIcDRb6IEygmxFkL95uS8ANa8VSbY7r042tySIfyEDA2yNNqXHCqGF0iOeE"
    "I0gbjhy74O/nOI+NsIGiNirnxLlwP/eHg9uB/3rm/F4xaO82/TBbA3Hog7J+7VVeLqq7OE"
    "ptadgK/D8Wcg/gS/j24GLrzUYTPbfWLYbvx7R7wTXDKqEfqsQSNilIOrAWrfxYwyfYxYNX"
    "FBTJHP0Da01B16QrPapm8tThbJK5DAmaszAa54Td/p6C0NzAZPiDCZSxK5m+uOQNFOQ+uG"
    "G12RnmUhYhxRrk7gIH1pY7YCrrzzGnym/M0BtSAfdwDz/wpXYAGdR+41PEFziZwuILyxDS"
    "xkO5TbGSBmiNcpX6S2p0g8CeUwHILDUN6w7tOe7lUf7TKn0Wn0kSNaxlsJ2tflpuxVrTEv"
    "5bSIk3Ka7aOcplwUbtWpXQbctcBW6PrQNcYHiaF7dloA3bPTTHTFrTi63kyjWcuJifWSPr"
    "dMtibMX25AVx/h2Ij/SoeVBDsu1b6hXUt4YyAGsZmG+e/3oxs5zKFEcgLGOgP/AyZ2Uo5Q"
    "VaFM56/TJdEFjGCyxCbDxHktHvu3Tk0ayAFcIBSbfAOcX133fkuqoH81+pCcVUUHH7g6Gh"
    "N1sPk9chwPIUnYEd7eEHewueZEWm4MPEYEAQfPCDKOMAG+6M8+7zjlaM0Bo4+IOGBK7QWg"
    "vPkULrC5SkcXu3WlQogDDSG2m5x3npUbpoqaZ2VBKCCSRe0OyHLh4jzkLwX9ZnGvMyLfZP"
    "ax0x+Oh78Pbi6Ajhn+DyIPhAc/Hz9eAP7DptOkzSk0dZ8VmbmT4Vlk4j5LKkOswhAkmbiz"
    "x3tEpMnwb+sdVQ8xj8bZVsRvXFLxvodEVJiQhxBLZyu9J2WV5g9J8+ibhXlvW+g9LtlCrR"
    "+IlgNMctVsoyceAWy3nheVrEDNDaMb2qhlbq4cLw4tTiMlJdtHJVUfHPhMZ9kwOCa2ORo+"
    "AJz3GA9Hcm5EYFIa/KiUwr4M9inKLvkhpBXxkdoIz8gvaJWKkhPY+4Tb7bqjw9LC92CYBV"
    "fDV7Th85o6i3/6/D/8RyPm2ebefb93Oeikh3gFsN6Lfnq6TpeHOMSLghv9tOXYZpPM0UnU"
    "pUw1jzKVGBdf/uMvd8iEDEunSx/3O6+vsejqcD3gFPDf66TkP/Af671Uio4PbnXzqPhJpN"
    "Hm9B/wDFeAUcAdH30OoJ9icwEgAdRCBBtdfpHrg/r/tbiWeT/8Nn8DYKAnrCNJvk9l3UpT"
    "hYM8ATc7SHMHh0oUbs5E2VWk/cv65dl5N5sJ+7pzcCoh669vtdHt4GZ4eQEWluZZlAcy6q"
    "2vUri++uvNcORe883NA7n9zOPPC8/mPJDe7a12Ofgy7PNL3PhonvFpBuEfNXAlvpeEWJNV"
    "2ZiMHw8zB0ETSb6dMfqWMT0k5VoBdh4pNPhtHOODUhkQa07oanTzKWieTItIhLLemr32iF"
    "ZbqEAu3QYCZ996eEI25g+TeUiUmgiSjG8gIpaAfcLl6voA1lf2i/yH0egqhvyHYRLaX68/"
    "DLipd9XAG2GWQeGo1cZse9/eNaeGrTYekM1rkKILLUi8GEHeuK/5x2Rpm6aGCmnal8lX7f"
    "M3z9giF9zq5m7XjzTaSI59nWN9DiwbP0F9dWRRE+srwH0d4WyuOS0AdR1ZfAR03X1rz3NE"
    "wCsIuBM6Q/YFsOmzA6CNALcayPgpTZXV9RApcRZ+Ad6DNP9Bij1rjgHr5rFnca2lNJFDoa"
    "UkWxGo1s2kqYzL2jmuwLRt4QwnRFUU1BTnuEgUpHxj5Rs3SQ0H7xtfegsXEtf4cr2kke0Z"
    "h8seRVaN59A0wSOmziOgNjCwY5lw9RoMmQMe0QpgBziMjxyDN3TmyPgZuAl2onAUZuLuFB"
    "NoytaNq+tY7etqsCXKdXLVEnH9jq37bwl8g/YtdGmrX0tsWt2LVsULYobg2Bmlhm9MqIUw"
    "15BDglaamGNLjeOITOtscPVmQq3+ZUPf3rhXbUVq68pfQ2p6+BG4JA4MY/PsODAkAjbGgd"
    "mKVbGXir3aMu9X71qZ6Em2pHC/4E5q5jhfC+2P83xT71B/e/L+bD24xR95w/n+und1Jd0D"
    "x5aSTSrFcp1D6f2FBKIOH34K3qVwxnOvPx5+ERnKrvQDuR7cfRqI9Gdk80nggVwOrgZjcc"
    "GjI40ktfYysZr3dhp/HC1jUBJibcjk3Aefs0XqbEKsDUjvO2cWGxo3NBNkbwG/TFbpYBcd"
    "lN4rIRGtRAMN8mBq2CzhJ3xvEcQmRFUU27QoNqrnKdSRtoOyZfJK403WuOIks41qeznJpW"
    "VsqfW4pNJ6U7Qu+dj9t4+WgXZDxS20HpdUFr05Si7NRKc2Ye5Y8iNRMvog9Z4u+BH9bPwC"
    "GzviFKnlcWAWsRBI/kaLHUGK7OloI0iEMjxdecc17YjU+myoFn5wmEyoJKYvA89QdHHNzR"
    "KcHaITUmY0WTaaIlvU3N5xSN2uO2orYs5yIjqfIG1mw50/wfugt0+is7ZiBi2L8luL3U1W"
    "L+ypTWDVubQfq6cmWeBP1lvLXuaPVXlzm27M+r73Eq+hAyC4/9w7Onl35mZhvwb/9Dek/9"
    "PNz0bMPQK4CyYr3pIDZGDRBTTBr7fCI06nfVfas8o9ONDcA3cols45jEu1LvtAZR0qrqcS"
    "hm+7ciOq0sjLq7cQbx/UwCpdDjomp/ZTVrWfMnIW2o4bKssRak1TRtFdlfFx2KRtlbHa0R"
    "KfO1lbOtvn9uozw0hTlWH7w3m5KsN2D9lw3G2xy+5wjMq0DuIaTkiGjvNMuXEtG7ClBFu4"
    "He/k3bsCePNWmYC79xIHJFNTRulmH9q7FmjGmb3ieQd9Zm8DdqE2LIKq245PITbdAJShhS"
    "Xjm/P3TEjE9xfhHNfrxlSxe8KkuthPyL1R2WngGwqRJmQVPdBkesDAjgC5bGHnqJgq7KwK"
    "OyuSNb+kWeDaihqAs63Un9GFGgdNHwcq5e6A1tEvkYmfkL3qSIul+fe6eVyen2xjRBtXyu"
    "b90UFBSlekoqhNl8RQ1XoV1XegPJSq0HuAFbf47IiZdDErP/yOyqm4O8bkLWUF4vLRXAsp"
    "KA+7AIQf4ZVkQjv9u0HPrfDgyz+Q+8HN5fDm0wVwkLuXwL0ydv9kbkWI4ZfBnV8TQngpQu"
    "Zjb3glLnnUmGjVcxvAhlSM2JbqUxxfxgdicL9yiw1ea6kWRp4HEmkWIvZMBB20JYMbF1UE"
    "buP1bGiTVRlHNybUvvWmGha1bfqEDWRrNpIcO58TtCXkFNabsXZPskO2Te1SQzom1T6cT4"
    "6Pi2QOHB9nZw6Ie2o14sdkoeMpwYRtofKImHIJmuwSTDHB4gyMberyxEWVnpusZ3cdoHRi"
    "f1RKpfVXlda/XpPZMam/6Hb9pimhaDp/dPQ1KZnfw12y6rdWyMYlv/UQUNn7aklPLenVsK"
    "TnGQ8XoRIox6Xq4vNfDufT8wI4n55n4ixuJahhZCwtpD2iUqRSXKp1w/nNWZEAnLfKWdRI"
    "BeCuPSlfHjgh1orF6jzPvI7SwEt7JnXZcvNeQyGV9Voi69VZTv6FdAnY2dYkItI+Mq960l"
    "QscpocjewjwPOXSWXy6kAJRZX+4FTpi51F3TTz1QSOZf9HUTdMC0VJluyTqPkbgJtfr67y"
    "aJZYHWCRHoR3LRgYzZw+MNuWmYWeqkOpLbwqkjti1daClHWSdzHMJBxeEtNsKi+myUJcXm"
    "c8RwCTI94ncKUvADSf4coBzzZmDJEueJ5z/fHxD/jTkFevjrB0sbtdOpLuEwjtpUdNqt0B"
    "jZnluopKVFRiIwx23Vwiw8wshfFaoIXwVh/3T6ghIWmzmcOgfSvA3TdlqDiA7HHeXg5A/L"
    "KtDuWGKo1GpdEczhe8R+e3AQTbjwt/oxi2pqlhd4ptnciUsjEV4KrSw14mPSxy5ImEX4of"
    "iLIxUcyKN9/IMPWAN9r+5ABqsSO6ZIBOxTkHXP8zaq9+Bvy9uS/B/wvEI3TkAD6q+NgCWM"
    "Iz7d7dBrYp6EgRTs0x+t0cwmmtr5QOckolRGRaEUvWTTjxT43Hf/xjk4z0vIyTmJxKOimR"
    "dKLOLs0e7IcZrUvCudRanAooVEDRJDVUGFC8jOubOL1OdtBB6ny7jS5w4oC9Yn7wiKAjYX"
    "DBWvrIX6kF3jF93In1YAQz+CQWUwF3T8ECE3xk2ZS3WXRFAxAku6V94+of8UAeyFfEHSkG"
    "HhGyHLc9N78mcE97ANzVFkeacU8b9G6HgFFx0+Ce9s+8JXaAiYwZ72+BxdZm7oizC7cH3c"
    "RuMRcbWdTmr4WgPgdQ15Hlfkhd74Ko/wKWDnfgKeHXxLMgOH375vgN/7/zzPvlHzJ0uy3i"
    "2K+TBLEqNdcg+5vn20dVVsK9T4i10MOvfinORgv+LP/o5jjQ2bW7ojKtKU908ub0/en527"
    "PT9VBfX8kb4cqFVy68cuGVC980NRy8Cx89UFnivyfOW8523mGiYcV1jcORhg3uf1CGiL5y"
    "9xMqZ7MxliLP2VSZi/uoa+wz76Xnx4SgmiG3Tlpwj2sqC39ESEG/NfQm1aGpCb9dHhHIsY"
    "9L5UUDB6iIHEyFN3/4dZG5i4GfgncpXBa51x8PvwwugCf9QPq9m/7gyq1xrIvfZrpljvuf"
    "B/1fBpfa8IZfniP36CpMHsjNSLv/PPrKMaeaM6fPvOXo+vZq4BVapgtLuHYNKY2c9JZKTL"
    "4SUbXbejPVo84WqH1Qq1zrbOgPk/opkmu9tszb6D0hq7Kum8PxpTWtSL4X9aMdk5bPeY8I"
    "Keir4lcFqBWwq/d+NwemgqLcamToxZjVO26I7ob9cUdiXBRnvQtnHSL7MqR1P8gwlTDW63"
    "vdPLo6mqNaJMuaK24pUjocHhUBCARh0wXPmM0BZg5gmAeHDIjkbfwNcJQYsmXJ1Vv2ImXE"
    "hXDHVa6BOhyt8IrXgSLGm2PiuznEeNnz4Hc6Cr5ppqhuQtz9twS4QfsWglvHwSeunSkBby"
    "jRQoDfFKE5slmOJLpqIaEpXngwr+7oL372uzkwFRT1FiNDr2x+Qzzg2bFIVsuCnXRkHuRf"
    "VoDT2O+qTXjVGXe4n7Ak5gg+7ex4I7Ahqv6/8vD36+G3OuFF+fd11o3GC/QfSkpW6Apl9p"
    "gG0HMw/PP9HJLZHOLOgeJtI+90VQOuHA3O/eOV48hvOO5b2sP+IoH39drxSo5R9yGa06Xk"
    "DMli8Aay+wP2vPnAmqKm1QKTpdQzzQc2Kbs/YM8O4DRub/Fa05eMTqfbQpzZyR4r+Z8cAN"
    "jCxntpYZqFbC1rtSgf7MxO9gf222ZCnaJZirAC/mLNzrXGo0tDB+brFaIHnvnL0ecdQfrq"
    "dtImiGrdAS/YJtm+d5+FymYEgrX9qnfKRFc2HQZt5oicJ7UYeBBUgdolswfSQK2sqC0azV"
    "FE6S0avkWX4pdzQntUsIWJz23Kf0XE2EbFETGl4EYrWIcW1DGTbMfZFMSHcm2ahaoI3CeU"
    "PqLSjGko1ZoKKxWypNvVto+JKkvUcEukdow3K9sou+Ju6YyjFvJd3UTWUWIYbp95FKlfsi"
    "OBliiZ0hLga2fR1rlIGWxaNFcpn1VbZ0gVotc6XxF6NFfAgiLfnlwASrzqis/8ugFXXe8v"
    "C9mYGv4f/IdwARPqyEmn+VfQn0r1abDt7ubwd76Oy3qhEbE2TaRVeKIub5HGc5xPdOR5nu"
    "30OmOupdStDClR74y+pCspvMgkDVEGeL+5gn1H2BU5UEcKhQpzVJjTPFXsKcyp03cfu7tW"
    "OxKv3b+T66+zsE1N6+A+ZPE1JLJcTHhDtSreGFOR51WrVXG1Kt6+8a68kwapQCUm7JiY4M"
    "+oKfAyx24o0KZhW9nxBvx3lisiuBZo4d6m8wKT3Xle3N2Qg4UbVjPuhY51tjG1pfxG7mGH"
    "UTF11mGJsw4PsKrvM8TMP/imBO6dr73heHjz6QL48qKwb1DV1y/pKynUm1X+93p4fy8uLb"
    "DjuK2uRu7fukmdppT39TL+tazJd8OqQ1K4RTatEtJQlZnNRLnNZWa3rjGrCsy+vIoLZT1N"
    "McHOfCstJ0SVnpum5xI7DOunxfviHE+Xkc5gx4MG3c0kuaZH2m7MahnPETChw4A3vYMZfk"
    "LEPX7UqzoZUEfuwZ8GXF34DR0AbQRm0Dqa2gj5d7G5Sue51PKEklS+IvAbFOLlVMBRBOdL"
    "R92K4NyR4BSmLjPQyq5sEZdqzSaDnXjOhkzR/k53ydwc7oHPnpSfwzYF6kd7QwAZwJ/EgY"
    "PsJ44zcOgCgbDAgaxqdCnZ3FrRatm7eSZaLXu/bAW5raizdi5eVZxpJ+Gc/34/utno6cnY"
    "ZgPrDPwPmNipDd/OX6dLogvowGSJTYaJ81o8728laegq/A+BUyzIDobwq+veb8nR3b8afU"
    "hGz6KDDyUWAjJzqfdP/lMLkbogr3VZUWXQNCW5VFXsLpJUukPF7jrd8h6ysT7vSNxy/06u"
    "Ww7DNo0ptfyj+Ms7Jr9ke8JPyHawrAxf9tQVEWlhQszJu3cF5i7eKnP2cu/F5y/xUZVA2G"
    "/eQnTfHB8XWag/Ps5eqRf3Eo4x5bE7kaw35fjEocj+3eGXId4qc3xflGP6/n8SxAws"
)
