from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE TABLE IF NOT EXISTS "notify_subscribe_grant" (
    "id" BIGSERIAL NOT NULL PRIMARY KEY,
    "template_id" VARCHAR(64) NOT NULL,
    "remaining" INT NOT NULL,
    "updated_at" TIMESTAMPTZ NOT NULL,
    "person_id" BIGINT NOT NULL REFERENCES "person" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_notify_subs_person__3e2fad" UNIQUE ("person_id", "template_id")
);
COMMENT ON TABLE "notify_subscribe_grant" IS 'One-time subscribe-message grants a person gave in the mini-program, per template.';
-- Written by hand: a grant count never goes below zero.
ALTER TABLE "notify_subscribe_grant" ADD CONSTRAINT "notify_subscribe_grant_remaining"
    CHECK ("remaining" >= 0);"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        DROP TABLE IF EXISTS "notify_subscribe_grant";"""


MODELS_STATE = (
    "eJztXdty2zgS/RWUXjZTJbts2XG8ztZWybaSaMa3spVkasZTHIiEJKwpkENSdrSz+fdt8C"
    "ZeQIqURJli8BQHRIPUaVy6DxqNv1tTQyO6vd+dadTpPRPmtM7Q3y2GpwT+EDxtoxY2zcUz"
    "XuDgoe5Wx7yeQsKKQ9uxsMqbHGHdJlCkEVu1qOlQg3GBrmkSpu0ZTJ8jm6gzizpz5Mrb++"
    "iToWs2Mkz814wgCn9ipqEptp+Ihp6xPiN2GzGobCGTWLbBsI407OB9/mrNUOHdlI0rfcuM"
    "UZBSHGNMnAmx4F2//wHFlGnkG7GD/5pPyogSXYshSzXegFuuOHPTLTun4z5zPrh1+W8YKq"
    "qhz6ZsUd+cOxODhQLUw3lMGLGwQ/gbHGvGcWYzXfe1EkDvfeyiiveVERmNjPBM59ri0t4H"
    "LMpainJzO1AeegNFaaU0GUhEYPeLVIPxXgCfarsAjPkn7P2z0zk6etc5ODo5fXv87t3b04"
    "NTqOt+b/rRu+/exyzQ8ppyMet/7N8M+AcZ0NW8bsgLvrsyoChPylXGAn3spNG/BAQdOiVi"
    "/D2JBP6aL7If/JHURoB9njqCglfSh0Wwdgsjw39vDtSD/nXvYdC9vuOvm9r2X7oLW3fQ40"
    "86buk8Ufrm5Ke4bsJG0Nf+4BPi/0W/3d70XHQN2xlb7hsX9Qa/tfg34ZljKMx4UbAWgSgo"
    "DWCEmgslPwGiaTVfTLAlVnFQP6FkQGsH1TrF3xSdsLEzgf8en+ao9Uv3/uJT9/7N8WlCVT"
    "f+k4776HsMW5jVDasMuKHASuj60OWAu1hgto7uyXEBdE+OM9Hlj+LoeiuNYs6GOlUV0VKR"
    "DbRItiLMX69DH3UKQH7UyYScP4pDbhH4lbZTEuy4VPO69mGnyMwBtTKRdp/FodaIg6mehv"
    "nnh9sbMcwLieQCTFUH/Q/p1E4ZQqvN0WmsW/8azZjKYUTDGdUdyux9/tp/tyrSQA7gHKHY"
    "4hvg/Oa6+2tSBRdXt+fJVZU3cA7q4Gbp6CliGvGCIVafXrClKaknRsfIqpt+NO1MkyWY4b"
    "ELL//F/PeFfoUzeSC27SEkcDsWj5f4Hc5EsSM1lzoet4wgm44Z0fYoQ77oe0QdG1lkBGhN"
    "kGM8EWajkWFNkQHVR3hK9Xnau1ivKelC7KgLsdrivPaqXDNVVLwqc0KBMJWIMe6x2dTFuQ"
    "8fhf1qcaszIl+VWb+J5bl10R/0f+vdnCGVOvS/hD0ycH4+fDhD8MNGo+ScU2jpPimycifd"
    "s8jCfZJUhjrBjBHBwp3d3yMidYZ/Veto8xCDNw5gKOX5ibjkdniK7ULfXKJCx+BCzOyV9J"
    "6UlZrfJc2TbyaF1lbQe1yygVrfES0HmOSq2SLP4AGsMrzjkhtQc83ohiZqGaYr2/NDi9NI"
    "ScnmUUmbdw58prOsGxwTW+4N7wDOW/SHF+i7jklp8KNSEvsy2Kcou+RASCvig2EROma/kH"
    "nKS05g7xNud2FDu6WF70E3C0oXn2jhl5A6iw99+AN+NHG8ubn7cNG97LXSXXwDsD7wdrqq"
    "asx2sYsXBTc6tMXYZpPM0UXUpUwVjzIVTC6+/Idf7omOHSpcLn3c7722Bryp3bWAU8B/r5"
    "KSP4cf631Uio4PHrXzqPhhpNLy8B/0gufIMRAYPuoEYT/E5gxhhgyTMKq1oRD0Yfh/mqBl"
    "aAcewxcgjTxTlQjifTbWrICd/z2ME3CjgxS3c7T+kKR9XRbKtiTtX9cuz467WU7YVx2Dsx"
    "Gy/vpOub3r3fQvz9DUVLwZ5ZHddsNSA4eln2/6t26ZP908srtP4H+eeXPOI+ve3SmXvS/9"
    "CyiCyUfxJp96EP7RCa7EeEmI1VmVtYn48TCzCdaJYOwMyLeM5SEp1wiw80ih3q+DGB+Uio"
    "AIOaGr25uPQfVkWETClfX27JUnMl9BBWLpJhA429bDM7EovExkIRmGTjDLGAMRsQTsQ5Cr"
    "agCEJdtF/vz29iqG/Hk/Ce3n6/MeTPWuGqASdTIoHLnbmD3fN3fPqWa7jTs059VI0YU2JF"
    "6NIK/daP4xWdq6qWGDNO3rxKtewJdnHJELHrXzyDE1UmkpOfZ1QtUJMi36jNX5nmnoVJ0j"
    "sHW4sRlyWgirKjGhB7Tdc2svE8LQG4zACB0T6wxZxouNsEUQzBpE+ylNlVX1EiFxthgB3o"
    "sU/0WSPavPBNbOY8/iWktpIodCS0k2wlGtmkmTEZeVc1zB1LaCMZwQlV5QXYzjIl6QtI2l"
    "bVwnNey8bXzpbVwITOPLcEsj2zJebHsU2TWeYF1HT9Swn5BhIY3apo7n+6jv2OiJzBG1ke"
    "1Az9Ggoj0h2nvkBtgB/Ig6/OmIMqyL9o0317A811XjmSjXyJVbxNUbtu6/JfAN6jfQpN38"
    "XmLd8l40yl/gKwRgp5XqvjGhBsJcQQwJmSt8jS3VjyMyjZuDNz9NyN2/bOib6/fKo0hN3f"
    "mrSU4P3wMX+IEL3zzbD1wQAUv9wGzFSt9L+l5NWfc3b1rp5Fm0pfAwBSM1s5+HQtvjPA+r"
    "7epHnXcnYefm/8nrzg/X3asr4Rk4ZyY4pFIs1nkhvT2XgOfho8/BtxSOeO5eDPpfeISyK/"
    "3Irnv3H3s8/JlYsAg8ssveVW/ACzw6UktSa6/jq3lfp8DrjDITSkKsCZGc2+BzVgidTYg1"
    "Aeltx8xSTYGJZkisFeAXyUodrKOD0mclBKIb0UCNLJgKDkv4Ad8rOLEJUenF1s2Ljep5hF"
    "WirKFskbzUeJ01LjnJ7Em1uZzkzNRW1HpcUmq9LloXDHb/66NpoF1XcQWtxyXljF4fJZdm"
    "olOHMNdM+ZFIGb2Tek8n/IgOGz/Bxpo4RXJ57NiMWAgk/6DFmiBFznQ0ESRmOHQ0965rWh"
    "Op8G6oBg44yoaGwKcvA0+fN3EN0xIe76IRUqY3mRYZEYvn3F6zS92FDTUVMXs25I0PiTK2"
    "8NpD8CFo7SNvrEmYVblbHUsRJtizTqYQy965jiUuc6suDWR+8GKJsY0wevjU3eu8PXEDi/"
    "fRn/4Z6z/dkGPiIAPGQRsN51ATANIobwLr6PMdN/LSkcwbbVlup+/odrrbFUuH0cWlGreh"
    "LgPpJH2xEdJqtQwaMnnG66u3EBUdpHUqneE4JiePCG7qiGDkeq81zwiW44jqpoyiBwXj/b"
    "BOJwVj6ZAFNncyXXK2ze2lHMaRqjJo9IezcmXQ6BYCvMBsscoe2ovKNA7iCi79xbb9YsDk"
    "WtZhSwk28IRZ5+3bAnhDrUzA3WeJO38NXcRSZt9DGwrU4xpa/r6dvoa2Bgcra+ZBVT2Pjz"
    "DVXQfUIVNTRDnnHwMQiG/Pwzmo1ozZxIEA3VD5ETmwRkUXXC/JrZmQlfRAnekBjdoc5LK5"
    "iqNiMlexzFUsSdb8LF2BacvT2o1XUn9GE7If1L0fyCiyHdpHvyQ6fSbWvCXM/+U/a+dxeX"
    "78iBatvFE27/cWCaKUIkkyLWPGNJmAVlJ9O8pDyaSzO5hEClZH6gg3s/Ld76ic9LtjTN5M"
    "lPMsH81QSEK52zkNfA+vJBPaurjvdd2kBb78I3vo3Vz2bz6eIZu44fFuycD9r+MmOeh/6d"
    "37aQ64lcJlPnT7V7zIo8Z4ra5bAdckCcKqVJ/k+DIGiAZ25QpnlkKpBnqeO+JpFiL2dIJt"
    "siKDGxeVBG7t9awpw3kZQzcm1Lz9pgo2tS3jmWrEUiwiuEk9x2lLyEmsl2PtXs5GLMuwSn"
    "XpmFTzcO4cHBSJHDg4yI4c4M/kbsSPyULHQ4KZs4LKI2LSJKizSTCijPJrHVZJNRMXlXqu"
    "s57dfYDSgf1RKRnWv6mw/nBPZs2g/qIn0OumhKLh/NHeV6dgfg93wa5fqJClW35hF5DR+3"
    "JLT27pVbCl500eLkIlUI5LVcXnvx7Ox6cFcD4+zcSZP0pQw0SbmUR5IqVIpbhU47rz4UkR"
    "Bxxq5WxqpBxwdz4pn/E2IdaIzeo8y7yKbLczayw02XLjXhdCMuq1RNSrPRv+h6gCsLNnk4"
    "hI88g8mbxBMnk7fftv3UZXHSiA7V/+WzMtFOUAsu/+hS9AN5+vrvJYgFjmVR69QtdN0RYN"
    "7N2xuS0zSDqV+U+Zenn71sSqqSkAq+SWYpgJKKYkptlMU0yThaim1mBCEGV70CZypc8Q1l"
    "/w3EYvFnUcwtroZQL6g/6P4G3ES6fGnHQutnUaEoaxL+ZLjzmTweu1WeXakumSTFctJuyq"
    "qS6HOnopjEOBBsK7ebd0aGgCDjGb2ArqNwLcbTNakgPI7ufN5QD4L1vpGmQsozxklMfujO"
    "AtGr81INh+XPhrxbDVTQ3rU2xhnE1qjtkArjJ66XWilyKXTAj4pfgVFEvjmMx49aUMUxd5"
    "ve0fNjJMZ8+YOcgY8TT8oP+xYc3fI/husCXgT8RfoRIbQa+CvoWogGdav7klbFPQkCSc6j"
    "Ppt3MIp1BfKR3knOSPyDTCl6yacIKhBv4fDDZBT88LiIjJyZiIEjER8rbI7M6+m966wJ1L"
    "7cVJh0I6FHVSwwYditcxfRP3hYny8KduFFtqAieuNCtmB98ysscnXBRK7/k7tci7GA2MWA"
    "9GNMbPfDMVgXmKppTRPdMyoM60zSsgnrBChy6Uto03/4pH9si+EjCkHPREiGm79WH61ZF7"
    "GQECU5vfuAWWNure9ZFj8IcaWNrvoSa1kU60MbQ3pfzkLRjizpnbgqpTN9eIRUzDgs8iWJ"
    "0grKrEdAdS2yvg6UnQzAYD3mBQxt+F0fHR4cEh/G2/QLswkLHbbBHDPvhRvJdK274282+e"
    "bR9VWQnzPiHWQAt/81txFpnCu/zLcuNAZ6eWiso0JntO5/D43fHp0clx2NXDkrweLk14ac"
    "JLE16a8HVTw86b8F1iUXUiMt39J7kmO17Uqc252x/FelxzJc22C5+hrwoTi2bbhBGRBtqD"
    "lVwcxAdVCYT96g1E97BQcqXDnORKh4LkSgZzhNuq2RczRUS2fzXT68TjbOwSppSNsM3F7P"
    "v/AZUytnA="
)
