from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE TABLE IF NOT EXISTS "suspension" (
    "id" BIGSERIAL NOT NULL PRIMARY KEY,
    "public_id" VARCHAR(32) NOT NULL UNIQUE,
    "person_id" BIGINT NOT NULL,
    "hall_id" BIGINT NOT NULL,
    "starts_at" TIMESTAMPTZ NOT NULL,
    "ends_at" TIMESTAMPTZ NOT NULL,
    "lifted_at" TIMESTAMPTZ,
    "lifted_by" VARCHAR(32)
);
CREATE INDEX IF NOT EXISTS "idx_suspension_person__dbe87b" ON "suspension" ("person_id");
COMMENT ON TABLE "suspension" IS 'Booking suspended at a hall after repeated no-shows; a hall admin may lift it.';
        ALTER TABLE "hall" ADD "suspension_days" SMALLINT NOT NULL DEFAULT 30;
        ALTER TABLE "hall" ADD "no_show_grace_minutes" SMALLINT NOT NULL DEFAULT 15;
        ALTER TABLE "hall" ADD "no_show_limit" SMALLINT NOT NULL DEFAULT 3;
        ALTER TABLE "hall" ADD "no_show_window_days" SMALLINT NOT NULL DEFAULT 90;"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        ALTER TABLE "hall" DROP COLUMN "suspension_days";
        ALTER TABLE "hall" DROP COLUMN "no_show_grace_minutes";
        ALTER TABLE "hall" DROP COLUMN "no_show_limit";
        ALTER TABLE "hall" DROP COLUMN "no_show_window_days";
        DROP TABLE IF EXISTS "suspension";"""


MODELS_STATE = (
    "eJztXW1z27gR/isYfWluRk4dx3Fcp9MZ2VES9WzLEyvJzZ07LERCEmoKYEnIjtrmvxfgm0"
    "gKpEiJlEgGnxKTWJB6FgR2Hyx2/9uZUwOZzssraJpjqD9+Rjq1jc4F+G+HwDni/0lp0QUd"
    "aFmr++ICg2PTFdH9tpq9ajx2mA11xm9PoOkgfslAjm5ji2FKhFAf6jNAF8zBBgLO0mFo/i"
    "cHBF11gdcXMgAlOroAkF+wEGRggonhAMwcvwWAxAD6DJIpct/KoDp/NCbTqh7yQAhlM/4A"
    "8ILNEJjRhYOAZULCe37o+O1Ff+CFQxe2zn87+s6QTaCpYeOXh84vL8V7Lgj+9wJpjE4R78"
    "bmb/vHHx1PQNyOiHT+8Q9+gb8R+s5/Im8n/rQetQlGZlx32MXeva6xpeVeu8TTAWEf3LYC"
    "nrGmU3MxJ6v21pLNKAkFMGHi6hQRZEOGxBOYvRAaJAvT9HUeKNX7Fasm3ltGZAw0gQtTjA"
    "Mh7b3A6lpH026HI+2+P9K0ztoYCSQiGvUv6ZSI8cVf1XEBmIpXOPrLycnr129Pjl+fnb85"
    "ffv2zfnxOW/rvu/6rbc/vJdZoeV15WI2+Di4HYkXonwQe4NcXPjhykAGPSlXGSv0V8qLa+"
    "BqBm05/iuJhA74j0vqIEA8SwnBhZUWVh/fPtQwh981E5Epm/E/X59kIPy19/nqU+/zi9cn"
    "v8RhvvXvnLi3BOArgKPfRAGUE2IthPrVyXkOrHmrVLDde3G0+UyG8BMyNMjW0X7PoWJ4ju"
    "SIJ0QTiBu+7MvgP03E30bQGBJz6c90GfCPBjf9+1Hv5k48bu44/zZdAHujvrhz4l5dJq6+"
    "OEtoKuwEfBuMPgHxJ/h9eNt34aUOm9ruE1ftRr93xDvBBaMaoc8aNCKTcnA1QO2HWFEmj5"
    "FZTVwQS+QztA1t7Q49oWlt12/NT+bJK5DAqaszAa54Td/o6C0MzPpPiDCZSRK5m2mOQNFO"
    "Q2HDjaZIz7IQMY4oVydwkL6wMVsCV955CT5R/uaAWpCPO4D5f4UpMIfOI7canqC5QE4XEN"
    "7YBhayHcrnGSBWiJdrtkhlT5FYEspgaILBUHxi3ed8uld9tGs6jS6jjxzRItZK0L4qM2Wv"
    "ao1ZKad5jJTTdBvldM1E4bM6tYuAGwpsha4PXW1skBi6Z6c50D07TUVX3Iqj6600mrUYm1"
    "gvaHPLZCvC/HADunwPx0b8VzqsINhxqfYN7UrcGwMxiM11mP9+P7yVw7ySSC7AWGfgf8DE"
    "zpohVJYr0/nrZEF0ASMYL7DJMHFeisf+rVORBjIAFwjFFt8A5xc3vd+SKri6Hl4mV1XRwS"
    "VXR228Dja7R47jISRxO1a3N/gdbKY5kZYbHY8hQcDBU4KMI0yAL/rO5x0nHK0ZYPQREQdM"
    "qD0HlDefwDk2l+vexW5dKReioS7EdovzzqtyzVRR8aosCAVE0qjdPlnMXZwH/KWg3yxudU"
    "bk68w+dq4Go8Hv/dsLoGOG/4PIA+HOz4cPF4D/sMkkOefkWrrP8qzcSfcssnCfJZUhdmEI"
    "kizc6eM9IlJn+Le1jsqHmHvjbCviNy6peN8mERUm5C7EwtlK70lZpfkmaR59tzDvbQu9xy"
    "VbqPWGaDnAJFPNNnriHsB2+3lRyRLUXDO6oY1a5tOV4/mh+WmkpGT7qKTynQOf6SzqBsfE"
    "NnvDDcB5j/5wJOZGOCaFwY9KKeyLYL9G2SU/hHVFfKA2wlPyK1queckJ7H3C7S7sqFla+B"
    "EMs+Dq6hVt+BxSZ/FPn/+H/2jEvLm5d3/Ve9/vrA/xEmC9F/30dJ0umjjE84Ib/bTl2KaT"
    "zNFF1KVMNY8ylUwuvvyHXz8jEzIsXS593D97fY1EV821gNeA/1ElJX/Jf6z3Umt0fHCrm0"
    "XFjyONNof/gGe4BIwCbvjoMwD9EJsLAAmgFiLY6PKLXB/U/6/Ftcz74bf5GwADPWEdSeJ9"
    "SutWGiocxAm40UGaOzhUoHB9FsquIu0Pa5enx91sJuyrjsEphay/udOGd/3bwfsLMLc0b0"
    "Z5IMNeeJXC8OqX28HQveZPNw/k7hP3Py+8OeeB9O7utPf9r4MrfolPPpo3+dSD8I9OcAW+"
    "l4RYnVVZm4gfDzMHQRNJvp0R+p6yPCTlWgF2FinU/20U44PWIiBCTuh6ePsxaJ4Mi0i4st"
    "6evfaIlluoQC7dBgJn33p4QjbmD5NZSJSaCJKUbyAiloB9zOWq+gDCK/tF/nI4vI4hfzlI"
    "Qvvl5rLPp3pXDbwRZikUjtptTJ/v27vnVLPdxgbNeTVSdK4NiYMR5LX7mn9OlrZuaiiRpj"
    "1MvOoVf/OUI3LBrW7mcf1Io43k2LcZ1mfAsvET1JdHFjWxvgTc1hHGZshpAajryOIjoOue"
    "W3ueIQJeQMCN0CmyL4BNnx0AbQT4rIGMX9apsqoeIiXOVl+A9yDNf5Biz+ozgXWz2LO41t"
    "Y0kUGhrUm2wlGtmklTEZeVc1zB1LaFMZwQVV5QXYzjPF6Qso2VbVwnNTTeNn7vbVxITOP3"
    "4ZZGumW82vbIs2s8g6YJHjF1HgG1gYEdy4TLl2DAHPCIlgA7wGF85Bi8oTNDxjvgBtiJxF"
    "GYibsTTKAp2zcur2N1rqvGM1Gmkau2iKs3bN1/C+AbtG+hSVv+XmLd8l60yl8QKwTHzig0"
    "fGNCLYS5ghgStNTEGltoHEdkWjcHlz9NqN2/dOjb6/eqo0ht3fmrSU4P3wOX+IEr3zzdD1"
    "wRARv9wHTFKt9L+V5tWffLN61M9CTbUrifcyM1dZyHQvvjPF9VO9Rfn7w9Cwe3+CNrON/f"
    "9K6vpWfg2EJySCVfrPNKen8ugcjDh5+Cd8kd8dy7Gg2+ighlV/qB3PQ/f+yL8Gdk80Xggb"
    "zvX/dH4oJHRxpJau0wvpr3dhp/HC0yoSTE2hDJuQ8+Z4vQ2YRYG5Ded8wsNjQ+0YyRvQX8"
    "Mlmlg110UPishES0FA3UyIKp4LCEH/C9hRObEFVebN282KieJ1BH2g7KlskrjddZ44qTTJ"
    "9U28tJLixjS63HJZXW66J1ycfuv300DbTrKm6h9bikmtHro+TCTPTaIcwdU34kUkY3Uu/r"
    "CT+in42fYGNHnCK5PBo2I+YCyT9osSNIkTMdbQSJUIYnS69c045IhbWhWvjBYTKmEp++CD"
    "wD0cUNn5bgtIlGSJHRZNlogmyRc3vHIXUXdtRWxJzFWHQ+RtrUhjt/gvdBbx9FZ23FDFoW"
    "5bfmu09ZvVVPbQKryq39WD41yQZ/Mt9a+jZ/LMub23Rj1Pe9F3gNHQDB/afe0cmbMzcK+y"
    "X4p38g/Z9ufDZibgngLhgveUsOkIFFF9AEX+6ERbwe9l1qzyr2oKGxB+5QLBxzGJdqXfSB"
    "ijpUXE8pDN926UZUppHDqzcXbx/kwCqcDjomp85TlnWeMlILbccDlcUItbopI++pyvg4rN"
    "OxyljuaInNncwtnW5ze/mZYaSpirD96axcFWG7h2g4brbYRU84RmVaB3EFFZKh4zxTPrkW"
    "ddjWBFt4HO/kzZscePNWqYC79xIFkqkpo3TTi/aGAvWo2Sue1+iavTU4hVozD6rqeXwCse"
    "k6oAzNLRnfnH1mQiK+Pw/nuFozpozTEybVxXlCbo3KqoFvSESakFX0QJ3pAQM7AuSiiZ2j"
    "Yiqxs0rsrEjW7JRmgWkrcgBOt1J/ShdqHNR9HKiQuwbto79HJn5C9rIjTZbm3+tmcXl+sI"
    "0RbVwqm/dHBwUhXZGMojZdEENl61VUX0N5KJWht4EZt/jqiJl0Myvb/Y7KKb87xuQtZAni"
    "stEMhRSUzU4A4Xt4BZnQztXnfs/N8ODLP5D7/u37we3HC+Ag9yyBe2Xk/sncjBCDr/3Pfk"
    "4IYaUImQ+9wbW45FFjolXPbQBrkjFiW6pPcXwpH4jB7cotDniFUi30PBviaeYi9kwEHbQl"
    "gxsXVQRu7fVsaONlEUM3JtS+/aYKNrVt+oQNZGs2kpSdz3DaEnIK681Yu5XskG1Tu9CQjk"
    "m1D+eT4+M8kQPHx+mRA+Ke2o34OVnoeEgwYVuoPCKmTII6mwQTTLCogbFNXp64qNJznfXs"
    "7gMUDuyPSqmw/rLC+sM9mR2D+vMe16+bEvKG80dHX52C+T3cJbt+oUI2bvmFQ0BF76stPb"
    "WlV8GWnjd5uAgVQDkuVRWffzicT89z4Hx6noqzuJWghpGxsJD2iAqRSnGp1g3nV2d5HHDe"
    "KmNTY80Bd+eT4umBE2Kt2KzOssyrSA28sKdSky0z7nUlpKJeC0S9Oovxv5AuATt9NomItI"
    "/MK580FZucJkcjvQR49japTF4VlFBU6U9OlR6sFnXdpq86cCz7L0VdMy3kJVnSK1HzNwC3"
    "X66vs2iWWB5gER6Ed00YGI2cbtjclhqFvpaHUpt7WSR3xKqtCSmrJO9imEk4vCSm6VReTJ"
    "O5uLzOaIYAJke8T+BKXwBoPsOlA55tzBgiXfA84/rj4x/wpyEvXx1h68nudulIek5gNV96"
    "1KQ6HVCbVa6rqERFJdZiwq6aS2SYmYUwDgVaCG/5fv+YGhKSNp05DNq3Atx9U4aKA0gf5+"
    "3lAMQv26ooN1RhNCqMpjlf8B6N3xoQbD8v/LVi2Oqmht0ptjCQaW2OKQFXFR52mPCwSMkT"
    "Cb8UL4iyMVDMijffyDD1gDfa/uQAarEjumCATkSdA67/KbWX7wB/b25L8P8C8QgdOYCPKj"
    "62AJbwTLt3t4FtCjpShFN9Jv1uBuEU6mtNBxmpEiIyrfAlqyac+KfG/T/+sUlGelbESUxO"
    "BZ0UCDpRtUvTB3szvXWJO7e2F6ccCuVQ1EkNJToUhzF9E9XrZIUO1urbbTSBEwX28tnBQ4"
    "KOxIQLQukjf6cWeGX6uBHrwQim8ElspgJunoI5JvjIsilvM++KBiAIdlu3jct/xAN5IN8Q"
    "N6QYeETIctz2fPo1gVvtAXBTW5Q045Y26N0NAKPipsEt7Xe8JXaAiYwp72+OxdFmboizC7"
    "cH3cRuMhcbWdTmr4WgPgNQ15Hlfkhd74LI/wIWDjfgKeHXxLMgOH396vgV/7/zzPvlHzJ0"
    "u81j2IdBglilmqvR/Jtl20dVVsC8T4i10MIvfyvORnP+LL90cxzo9NxdUZnWpCc6eXX69v"
    "T89dlpONTDK1kjXJnwyoRXJrwy4eumhsab8NGCyhL7PVFvOd14h4mGJec1Xo00bHD7gzJE"
    "9KV7nlAZm7WZKbKMTRW5uI+8xj7zXnh9TAiqFXLroAW3XFNR+CNCCvqtoTepDk1N2O1yj0"
    "COfVwqyxtooCIyMBXWfPPzInMTAz8F75I7LXLvajT42r8AnvQDuerdXvWv3RzHuvhtppvm"
    "+OpT/+rX/nttcMsvz5BbugqTB3I71O4/Db9xzKnmzOgzbzm8ubvue4mW6dwSpl1NUiMnra"
    "UCi69EVJ223kz1qNoClQ9qFWudDn0zqZ88sdbhzLyN3hOyKuq6PhzfuqYVyXdQO9oxafGY"
    "94iQgr4sflWAWgK7eu930zAV5OVWI0Mvxqx+5hPR58HVqCOZXBRnvQtnvUL2MKT1VRBhKm"
    "Gsw3vdLLo6GqOaJ8qaK24hQjoc7hUBCARh0wXPmM0AZg5gmDuHDIjgbfwdcJQYsmXB1Vv2"
    "ImXEhXDHVa6BOhyt1RWvA0WM12eK72YQ40Xrwe9UCr5uU1HVhLj7bwFwg/YtBLeKwifuPF"
    "MA3pVECwF+lYfmSGc5kuiqjYS6WOHBurqjvfjJ76ZhKshrLUaGXtH4hrjDs2OSrJY5O+ue"
    "eRB/WQJOI7+rNuFVpd/hfsISnyP4tNP9jWAOUfn/lYW/Xwu/1QEvyr6vMm80nqP/UFIwQ9"
    "dKZo9hAD0Hwz/fzyCZziDuNBRvG3nVVQ24dDQ488srx5HfUO5b2sP+PIG31c7jpZRR9yGa"
    "0YWkhmQ+eAPZ/QF7Xn9gTZHTao7JQmqZZgOblN0fsGcNqMbtbV5r+oLRyWRbiFM72WMm/5"
    "MGgC3meC8sTLOQraXtFmWDndrJ/sB+XX+o/fA5ccxXR9uO69RO9jiu3zQHaxPPsWRLOR/G"
    "obAaxhJon/nv4P8I22tbgBNd7A/mvzRgZnYWjoWIKECzFcYS8T0O45riu8Z65yFp/b3znU"
    "s/RHfqG+Z652Jrva95R5C+uZ20CaJKE5II8l+WhsTfFEgnaINQq7IPLkYDTRwGbeaIEFQV"
    "m9EI5lYdWtwDh6s2utWJufooovCJOX9Gl+KXfiAhJtjCcyhtOo6AiLGNiiNiSsG1VrAOLa"
    "hjJjkduYlTXcm1aRUqw1sfU/qICm9graRak/CqxE2r7UqNxETVTFTzmUgl8KhX8Gd6AvTC"
    "AaAt5Lu6iSDQxDDcPhA0kk5qRwItkcGqJcBXzqKFoaEpbFo0dDSbVQsDVnPRa51vCD2aS2"
    "BBcfyJXABKvGS3z/y6AZdd7y8L2Zga/h/8h3ABE+rIWT91VUJ/KvKyxnN3N4O/83Vc1AqN"
    "iLVpIS1lE07wFut4jrKJjizLs51WZ8y0lJqVK0rUK5maNCWFFZmkIYoA7zdXsO8IuyIHqo"
    "hoU26OcnPqp4o9uTmV2u5hmEtHWo4jvJttt8fbbTTaLyl95MACT85ABoDMT3AA4IQb3sBG"
    "lpt6CxB6JGKdnHfhfWOOCbe5l8DEEyYtS1d+98qkr/E8lWXSqy35PWzJ1zkBV1uHvAqIqA"
    "H0aj//J9hkUfv5LVewMPS22iyNCaocoQ3Q8bhQSuuYUPuSWZdjCBY4E1ClIztys+F1JE6s"
    "f6eb5cCyVZuKArp9YyseDEkW8zFvqMK7a2TdKV9ShXcffJ4+iDejaPaDq0BF2O8YYe+vqG"
    "vgpZ+lDQXaNGxLK5vKf2ex4iShQAtzJp3nWOzOszaQa0Kb1s0rOchUa9mY2tKN+ktKTQRJ"
    "CvoRsQT4Yy5X1RgPr+x3hr0cDq9jLv7lIAHs7Zeby36QqZY3wiydK21atbBniJlfULsA7p"
    "1vvcFocPvxAvjyomBYUC3MLxUmKQCWVlbsZnB/Ly7NseO4ra6H7t+6SR1Uk7JhfiKKtMV3"
    "Q/hcUrhFc1op0S+qfFUqym0uX7V17SpVuOrwKs5FSk8wwc5sKy0nRJWe66bnWtHiV3RBmM"
    "tIp7DjQYPuZpKcD8JV242RXqMZAiZ0GPCWdzDFT4iI4xN+NZuAOgKQGMCAywu/oQOgjcAU"
    "WkcTGyH/LjaX68FelTyhIJWvCPwauXgZmbUVwXlor1sRnDsSnGKqS3W00jPmxqVac1p+J5"
    "6zJku0n7JNsjavkrmlL8rPqzY56tJ5QwAZwF/EgYPsJzdUms4RWGXqk1WjKySbWYNObXvX"
    "b4pW296HrUyxFXXWzs2rko+MSTjnv98PbzdaejK22cA6A/8DJnYqw7fz18mC6AI6MF5gk2"
    "HivBTP+1tBGroM+0PgFHOygyH84qb3W3J0X10PL5Pes+jgssBGQGq09P7Jf2ohUhXklW4r"
    "qgiaupySVJUA85yO3KESYJVmeQ/ZWJ91JGa5fyfTLIerNrUp4faz2Ms7Br+kW8JPyA7OuO"
    "ZduiIiLQyIOXnzJsfaxVulrl7uvfj6JT6qAgj7zVuI7qvj4zwb9cfH6Tv14l7CMKbcdyeS"
    "/aYMm3glsn9z+DDEW2mG70E5ph//B7k4hhU="
)
