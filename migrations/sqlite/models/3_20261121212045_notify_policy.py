from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE TABLE IF NOT EXISTS "notify_preference" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "category" VARCHAR(32) NOT NULL,
    "opted_out" INT NOT NULL,
    "updated_at" TIMESTAMP NOT NULL,
    "person_id" BIGINT NOT NULL REFERENCES "person" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_notify_pref_person__4d2681" UNIQUE ("person_id", "category")
) /* A person's opt-out of a category; mandatory notices ignore it. */;
        ALTER TABLE "notify_event" ADD "subject" VARCHAR(64);"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        ALTER TABLE "notify_event" DROP COLUMN "subject";
        DROP TABLE IF EXISTS "notify_preference";"""


MODELS_STATE = (
    "eJztXW1T4zgS/iuqfLnZqkBBYIBjrq4qQGYmuxAoyMxuzbLlVWwl0eFIXluBye3x30+yHc"
    "cvsmMncXA8+jSMpJadp/XS/ajV/rsxoQYynf321MCs84wIa5yDvxsEThD/Q1LbBA1oWYs6"
    "UcDgwHSbQ9FOQ0HDgcNsqIsuh9B0EC8ykKPb2GKYEiHQtixEjD1KzBlwkD61MZsBV97ZB5"
    "+paTiAWvCvKQKY/wmJASbQeUIGeIbmFDlNQHhjG1jIdiiBJjAgg/vi0QbV+bMxGZX6lCnB"
    "XEpjdITYGNn8Wb//wYsxMdB35Mz/az1pQ4xMI4IsNkQHbrnGZpZbdoFHXcI+um3FbxhoOj"
    "WnE7Job83YmJJAAHs4jxBBNmRIPIHZU4EzmZqmr5U59N7LLpp4bxmSMdAQTk2hLSHtvcCi"
    "rKFpvdu+9tDpa1ojocm5RAh2v0inRIwC/qqOC8BIvMLeP1uto6PT1sHRydn749PT92cHZ7"
    "yt+77JqtNX72UWaHlduZh1P3V7ffFClA81bxiKgldXhivKk3KVsUAfsiT6VxxBhidIjr8n"
    "EcPf8EX253/EtTHHPksd84I30oeNoHHLZ4b/3Ayo+92bzkO/fXMnHjdxnL9MF7Z2vyNqWm"
    "7pLFb67uSnqG6CTsCv3f5nIP4Lvt32Oi661GEj233iol3/W0O8E5wyqhH6okEjBNG8dA4j"
    "b7lQ8hNHNKnmyzG05Sqet48pmaO1g2qdwO+aiciIjfl/j88y1Pq1fX/5uX3/7vgspqqeX9"
    "Nyq14j2PJVndpFwA0EVkLXhy4D3MUGs3V0T45zoHtynIquqIqi6+00mjUdmFjXZFtFOtAy"
    "2ZIwf7sBfdTKAflRKxVyURWF3Eb8VzqsINhRqfoN7cNWnpWDt0pF2q2LQm0gBrGZhPnnh9"
    "ueHOaFRHwDxjoD/wMmdhKG0GprdBLrxr+GU6ILGMFgik2GibMvHvvvRkkayABcIBTZfOc4"
    "v7tp/xZXweX17UV8VxUdXHB1CLN0+BQyjUTBAOpPL9A2tEQNbdG0tsmqSWsSL4EEjlx4xS"
    "8Wvy/wK9j4ATmOh5DE7VhUL/E72FhzQi2XOh63BAEHjwgy9jABvugHgJkDbDTkaI0Bo0+I"
    "OGBI7QmgvPkQTrA5S3oX63WlXIgddSFW25zX3pUrpoqSd2VBKCCiIznGHTKduDh3+UtBv1"
    "nU6gzJl2XWb2J7blx2+91vnd450DHD/0XkkXDn5+PHc8B/2HAYX3Nybd0neXbuuHsW2rhP"
    "4srQx5AQJNm408d7SKTK8K9qHW0eYu6NczC04vxEVHI7PMV2oa8vUWFC7kJMnZX0HpdVmt"
    "8lzaPvFua9raD3qGQNtb4jWp5jkqlmGz1zD2CV6R2V3ICaK0Y31FHLfLlyPD80P40Ul6wf"
    "lbR558BnOou6wRGx5d7wDuC8RX94gb7rmBQGPyylsC+CfYKyi0+EpCI+UhvhEfkFzRJecg"
    "x7n3C7CzraLS28zofZvHTxijZ8Caiz6NTnf/AfjZi3NrcfLttXnUZyiG8A1gfRT1vX6XQX"
    "h3hecMNTW45tOskc3kRdylTzKFPJ4uLLf/zlHpmQYel26eN+7/XVF13trgWcAP61TEr+gv"
    "9Y76USdPy8qplFxQ9CjZaH/4AXOAOMAm746GMA/RCbcwAJoBYi2GjyQq4P6v9pcS3zfng1"
    "fwNgoGesI0m8z8a6lbDzvwdxAm50kOYOjsYfirSvykbZVKT929rl6XE3ywn7smNwNkLW39"
    "xpt3edXvfqHEwszVtRHsltOyilMCj90uveumX+cvNI7j5z//PcW3MeSfvuTrvqfO1e8iK+"
    "+Gje4lMNwj+8wBWYLzGxKquyMhE/HmYOgiaSzJ0++p6yPcTlagF2FinU+a0f4YMSERABJ3"
    "R92/s0bx4Pi4i5st6ZvfaEZiuoQC5dBwJn23p4RjbmD5NZSJSaCJKUORASi8E+4HJlTYCg"
    "ZLvIX9zeXkeQv+jGof1yc9HhS72rBt4IsxQKR502pq/39T1zqthp4w6teRVSdK4DiTcjyC"
    "s3m39MlrZqatggTfs28aqX/M1TrsjNq5pZ5JgearSUHPt1jPUxsGz8DPXZnkVNrM8At3WE"
    "sRlwWgDqOrL4CGi699ZexoiAdxBwI3SE7HNg0xcHQBsBvmog46ckVVbWQ6TE2WIGeA/S/A"
    "cp9qw6C1gziz2Lai2hiQwKLSFZC0e1bCZNRVyWznHNl7YVjOGYqPKCqmIc5/GClG2sbOMq"
    "qWHnbeMr7+BCYhpfBUca6Zbx4tgjz6nxGJomeMLUeQLUBgZ2LBPO9kGXOeAJzQB2gMP4yD"
    "F4Q2eMjA/ADbDj8APMRO0QE2jKzo0317G611XhlSjTyFVHxOUbtu6/BfCdt6+hSbv5s8Sq"
    "5b2olb8gdgiOnVFo+EaEaghzCTEkaKaJPbbQOA7J1G4N3vwyoU7/0qGvr9+rriLV9eSvIj"
    "k9fA9c4gcufPN0P3BBBCz1A9MVq3wv5XvVZd/fvGllomfZkcLDhBupqeM8ENoe53lY7lA/"
    "ap2eBINb/CdrOD/ctK+vpXfg2FRySSVfrPNCensugcjDh5/n75I74rl92e9+FRHKrvQjue"
    "ncf+qI8Gdk803gkVx1rjt9UeDRkUacWnsbX817O40/jhZZUGJidYjk3Aafs0LobEysDkhv"
    "O2YWGxpfaAbIXgF+mazSwTo6KHxXQiK6EQ1UyIIp4bKEH/C9ghMbE1VebNW82LCeh1BH2h"
    "rKlskrjVdZ44qTTF9U68tJTi1jRa1HJZXWq6J1yWT33z6cBtp1FVfQelRSrejVUXJhJjpx"
    "CXPNlB+xlNE7qfdkwo/wtPETbKyJUyiXx46tiLlA8i9arAlS6E5HHUEilOHhzPtc05pIBd"
    "+GquGEw2RAJT59EXi6oosbvizB0S4aIUVGk2WjIbJFzu01h9Rd0FGdECvz5DWS7kpy/hpP"
    "h5V+ChtJwpXrMLbx4MXFQgdA8PC5vdd6f+IGye6DP/37wn+64bOIAcp12gSDGW/JATKw6A"
    "Ka4MudMFiSUbkb7VkdDe/o0bA7FAuHhEWlanc4rILClCu+EQJmtWwQKhHE26s3F606T1FU"
    "OFtvRE5dd9vUdbfQp6rWvO9WjO+omjLyXnqLjsMq3XqLpPaV2Nzx1L/pNreXPheGmqoAyB"
    "/OylUBkFsIVuJmi130AlpYpnYQl/ABW+g4L5QvrkUdtoRgDW9Ltd6/z4E3b5UKuFsX+34t"
    "NWWMW/o3VQOBanxSVTxvpz+pWoFLghXzoMpex4cQm64DytDEkp1gZIe0S8S35+EclGvGbC"
    "K43aS6uO7FrVHZx5qX5ImMySp6oMr0gIEdAXLRvLthMZV3V+XdVSRrdsapuWkrUrSNVlJ/"
    "ShdqHFR9HKiIqB06R79CJn5G9qwhzWXl1zWzuDw/FsIIN94om/d7A80jbkIJH206JYZKpq"
    "qovh3loVQC1R1MiMR3R8ykh1nZ7ndYTvndESZvKsvflY1mIKSg3O37+b6HV5AJbVzed9ru"
    "BXxf/pE8dHpX3d6nc+AgN9TbLem7/2Xuhf3u1869f2VfWClC5mO7ey2KPGpMtGq7DWBFLv"
    "SvSvUpji9lghjcrlzh/k0gVUPPc0c8zVzEnomgg1ZkcKOiisCtvJ4NbTArYuhGhOp33lTC"
    "obZNn7GBbM1Gkq+CZzhtMTmF9XKs3Q+NIdumdqEhHZGqH86tg4M8kQMHB+mRA6JOnUb8mC"
    "x0NCSYsBVUHhJTJkGVTYIhJlh8omCVtClRUaXnKuvZPQcoHNgfllJh/ZsK6w/OZNYM6s97"
    "m7pqSsgbzh8efVUK5vdwl5z6BQpZeuQXDAEVva+O9NSRXglHet7i4SJUAOWoVFl8/tvhfH"
    "yWA+fjs1ScRVWMGkbG1ELaEypEKkWlajecD0/yOOC8VcahRsIBd9eT4tlbY2K1OKzOsszL"
    "yNw6tUdSky0z7nUhpKJeC0S9OtPBf5AuATt9NQmJ1I/MU8kbFJO301+yrdrsqgIFsP0P2V"
    "ZMC3k5gPTv2PI3AL0v19dZLEAki6iIXsHrphsLB/bu2NqWGiSdyGKnTbwcdGtiVdd0dmVy"
    "SxHMJBRTHNN0pimiyVxUU6M/RgCTPd4ncKXPATRf4MwBLzZmDJEmeBlz/fHxD/jTkJdOjb"
    "BkLrZ1OpKGsS/WS485U8HrldnlmorpUkxXJRbssqkuhplZCONAoIbwbt4tHVBDwiGmE1vz"
    "9rUAd9uMluIA0sd5fTkA8ctW+qQvVFEeKspjd2bwFo3fChBsPy78lWLYqqaG9Sm2IM4msc"
    "ZsAFcVvfQ20UuhDyZI+KXo5xSWxjFZ0eZLGaY28EbbPxxALbZHpwzQoUjDz/U/ovbsA+Dv"
    "zW0J/icQj9CRA/io4mMLYAnPtH53S9imeUeKcKrOot/MIJwCfSV0kHGTPyRTC1+ybMKJTz"
    "Xu//HJJhnpWQERETkVE1EgJkJ9+TB9sO+mty5x5xJnccqhUA5FldSwQYfibUzfNrKxPpaZ"
    "vX5NpskLF20qE7T/o5iVrcPj0+Ozo5PjYMYHJVkTfbnB+MzHqjQrUbq9GBKpoblYStZxMa"
    "kKIOw3ryG6h7luZh9m3Mw+lNzMpoRJOZn0rO4hke3ndX8bMn9jGdwTNsI2N7PX/wNP8ILV"
)
