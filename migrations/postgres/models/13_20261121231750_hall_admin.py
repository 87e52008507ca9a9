from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE TABLE IF NOT EXISTS "opening_hours" (
    "id" BIGSERIAL NOT NULL PRIMARY KEY,
    "weekday" SMALLINT NOT NULL,
    "opens_minute" SMALLINT NOT NULL,
    "closes_minute" SMALLINT NOT NULL,
    "hall_id" BIGINT NOT NULL REFERENCES "hall" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_opening_hou_hall_id_b53e35" UNIQUE ("hall_id", "weekday")
);
COMMENT ON TABLE "opening_hours" IS 'When the hall''s doors are open on a weekday (hall time); a weekday without a row is';
        CREATE TABLE IF NOT EXISTS "service_category" (
    "id" BIGSERIAL NOT NULL PRIMARY KEY,
    "service_code" VARCHAR(64) NOT NULL,
    "category_id" BIGINT NOT NULL REFERENCES "category" ("id") ON DELETE CASCADE,
    "hall_id" BIGINT NOT NULL REFERENCES "hall" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_service_cat_hall_id_817d09" UNIQUE ("hall_id", "service_code")
);
COMMENT ON TABLE "service_category" IS 'Which queue (业务类别) serves a service item (事项, by its service code) at this hall.';
        ALTER TABLE "category" ADD "default_service_minutes" SMALLINT NOT NULL DEFAULT 10;
        ALTER TABLE "hall" ADD "latitude" DOUBLE PRECISION;
        ALTER TABLE "hall" ADD "longitude" DOUBLE PRECISION;
        ALTER TABLE "hall" ADD "geofence_metres" INT;
ALTER TABLE "opening_hours" ADD CONSTRAINT "opening_hours_range"
    CHECK ("weekday" BETWEEN 0 AND 6 AND "opens_minute" >= 0
           AND "opens_minute" < "closes_minute" AND "closes_minute" <= 1440);
ALTER TABLE "category" ADD CONSTRAINT "category_service_minutes" CHECK ("default_service_minutes" > 0);"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        ALTER TABLE "category" DROP COLUMN "default_service_minutes";
        ALTER TABLE "hall" DROP COLUMN "latitude";
        ALTER TABLE "hall" DROP COLUMN "longitude";
        ALTER TABLE "hall" DROP COLUMN "geofence_metres";
        DROP TABLE IF EXISTS "service_category";
        DROP TABLE IF EXISTS "opening_hours";"""


MODELS_STATE = (
    "eJztXW1z27gR/isYfblkRk5tx3F8Tqczsqwk6tmWx1aSmzt3WIiEJNQUwPLFjtrmvxfgi8"
    "QXkCIpUqYYfEpMYkHqWRDYfXax+G9nQTWkW2/6UNcnUH28Qyo1tc45+G+HwAVi/0lp0QUd"
    "aBjr+/yCDSe6K6L6bRVz3Xhi2SZUbXZ7CnULsUsaslQTGzamhAsNoDoH1LEtrCFgLS0bLX"
    "6xQNBVF3h9IQ1QoqJzANkFA0EbTDHRLIBty28BINGAOodkhty30qjKHo3JrK6HPBBC7Tl7"
    "AHhlzxGYU8dCwNAhYT0/dPz2vD/wyqKOqbLfjr7byCRQV7D2+qHz+g1/T4fgfztIsekMsW"
    "5M9rZ//tnxBPjtkEjnH/9gF9gboe/sJ7J2/E/jUZlipEd1h13s3euKvTTcaxd4NiT2R7ct"
    "h2eiqFR3FmTd3ljac0pWApjY/OoMEWRCG/En2KbDNUgcXfd1HijV+xXrJt5bhmQ0NIWOzs"
    "cBl/ZeYH2toyg3o7FyPxgrSicxRgKJkEb9SyolfHyxV7VcAGb8FQ5+PT5++/b98eHb07N3"
    "J+/fvzs7PGNt3fdN3nr/w3uZNVpeVy5mw0/DmzF/IcoGsTfI+YUfrgy0oSflKmON/lp5UQ"
    "3059AU47+WiOmA/bi4DgLEs5QQXFhrYf3x7UINC/hd0RGZ2XP259vjDIS/9u76n3t3r94e"
    "v47CfOPfOXZvccDXAIe/iQIox8RaCPXR8VkOrFmrVLDde1G02UyG8BPSFGgn0b5kUNl4gc"
    "SIx0RjiGu+7JvgP/uIv4mgNiL60p/pMuAfD68H9+Pe9S1/3MKy/q27APbGA37n2L26jF19"
    "dRrT1KoT8G04/gz4n+CP0c3AhZda9sx0n7huN/6jw98JOjZVCH1WoBaalIOrAWo/+IoyfQ"
    "zNavwCXyKfoakpiTv0mKa1Td5aHC/iVyCBM1dnHFz+mr7R0XM0bA+eELFFJknobqY5Ank7"
    "Ba0abjRFeoaBiHZAmTqBhVTHxPYSuPLWG/CZsjcH1IBs3AHM/stNgQW0HpnV8AR1B1ldQF"
    "hjExjItCibZwBfId4kbJHaniKwJKTBsA8GQ/GJdZfz6U710a7pNLyMPjJEi1grQfu6zJSd"
    "qjVipZzkMVJO0m2Uk4SJwmZ1ahYBdyVQCl0fusbYIBF0T09yoHt6koouvxVF11tpFMOZ6F"
    "gtaHOLZGvC/OUGdPUejonYr7TsgmBHpdo3tGtxbzRkQ6wnYf77/ehGDPNaIr4AY9UG/wM6"
    "thKGUFWuTOevU4eoHEYwcbBuY2K94Y/9W6cmDWQAzhGKLL4Bzq+ue7/HVdC/Gl3EV1XewQ"
    "VTR2O8Dnt+jyzLQ0jgdqxvb/A77LlihVpudDxGBAELzwjSDjABvugHn3ecMrTmwKaPiFhg"
    "Ss0FoKz5FC6wvkx6F9t1JV2IPXUhyi3OW6/KDVNFzasyJxQQSaN2B8RZuDgP2UtBv1nU6g"
    "zJN5l97PSH4+Efg5tzoGIb/weRB8Kcn48fzwH7YdNpfM7JtXSf5lm54+5ZaOE+jSuDR2EI"
    "Eizc6eM9JNJk+MtaR9VDzLxxuxTxG5WUvO8+ERU6ZC6EY5XSe1xWan6fNI++G5j1VkLvUc"
    "kWan1PtBxgkqlmEz0xD6BcPC8sWYGaG0Y3tFHLbLqyPD80P40Ul2wflVS9c+AznUXd4IjY"
    "Zm94D3DeoT8cyrnhjklh8MNSEvsi2Ccou/iHkFTER2oiPCO/oWXCS45h7xNut6uO9ksLP4"
    "JhFlxdv6IJn1fUWfTTZ/9hPxrZ3tzcu+/3Lged5BCvANZ73k9PVamzj0M8L7jhT1uMbTrJ"
    "HF5EXcpU8ShTweTiy3/87Q7p0MbC5dLH/c7ra8y72l8LOAH8jzop+Qv2Y72XStDxwa1uFh"
    "U/CTXanP4DnuES2BQww0edA+in2JwDSAA1EMFal11k+qD+fw2mZdYPu83eAGjoCatIkO9T"
    "WbfCVOEgT8DNDlLcwSEThZuzUHYlaf+ydnl63s1mwr7uHJxKyPrrW2V0O7gZXp6DhaF4M8"
    "oDGfVWVylcXf1yMxy51/zp5oHcfmb+57k35zyQ3u2tcjn4OuyzS2zyUbzJpxmEf3iCK/C9"
    "xMSarMrGZPx4mFkI6kjw7YzR95TlIS7XCrCzSKHB7+MIH5TIgFhxQlejm09B83haRMyV9W"
    "L2yiNallCBWLoNBM6u9fCETMweJrKQKNURJCnfQEgsBvuEydX1Aayu7Bb5i9HoKoL8xTAO"
    "7ZfriwGb6l01sEbYTqFwZLQxfb5vb8ypYdHGPZrzGqToXAGJFyPIG/c1/5wsbdPUUCFN+z"
    "L5qn325ilb5IJb3czt+qFGG8mxb3OszoFh4ieoLg8MqmN1CZitw43NFacFoKoig42Arrtv"
    "7XmOCHgFATNCZ8g8ByZ9tgA0EWCzBtJeJ6myuh4iJM7WX4D3IMV/kGTPmjOBdbPYs6jWEp"
    "rIoNASkq1wVOtm0mTGZe0cVzC1lTCGY6LSC2qKcZzHC5K2sbSNm6SGvbeNL73AhcA0vlyF"
    "NNIt43XYI0/UeA51HTxiaj0CagINW4YOl2/A0LbAI1oCbAHLZiNHYw2tOdI+ADfBjheOwj"
    "a/O8UE6qK4cXUdy31dDZ6JMo1cGSKu37B1/y2Ab9C+hSZt9bHEptW9aJW/wFcIhp1WaPhG"
    "hFoIcw05JGip8DW20DgOybRuDq5+mpDRv3To2+v3yq1IbY38NaSmh++BC/zAtW+e7geuiY"
    "CNfmC6YqXvJX2vtqz71ZtWOnoShRTuF8xITR3nK6HdcZ5H9Q71t8fvT1eDm/+RNZzvr3tX"
    "V8I9cLYj2KSSL9d5Lb07l4DX4cNPwbvkznju9cfDrzxD2ZV+INeDu08Dnv6MTLYIPJDLwd"
    "VgzC94dKQWp9Zexlfz3k5hj6NFJpSYWBsyOXfB55RInY2JtQHpXefMYk1hE80EmSXgF8lK"
    "HWyjg8J7JQSilWigQRZMDZsl/ITvEk5sTFR6sU3zYsN6nkIVKVsoWyQvNd5kjUtOMn1SbS"
    "8n6RhaSa1HJaXWm6J1wcfuv324DLTrKpbQelRSzujNUXJhJjqxCXPLkh+xktF7qfdkwY/w"
    "Z+MX2NgSp1Atjz2bEXOB5G+02BKk0J6ONoJEqI2nS++4pi2RWp0N1cIPDpMJFfj0ReAZ8i"
    "6u2bQEZ/tohBQZTYaJpsjkNbe3HFK3q47aipjlTHjnE6TMTLj1J3gf9PaJd9ZWzKBhUHZr"
    "sf2U1Vv31Caw6gztR+qpCQL88Xpr6WH+SJU3t+nGrO97L/EaWgCC+8+9g+N3p24W9hvwT3"
    "9D+j/d/Gxku0cAd8FkyVoygDTMu4A6+HLLLeJk2nelPcvcgz3NPXCHYuGcw6hU67IPZNah"
    "5HoqYfjKlRuRlUZeXr25ePugBlbhctARObmfsqr9lKGz0LbcUFmMUGuaMvLuqoyOwyZtq4"
    "zUjhbY3PHa0uk2t1efGYaaygzbn87KlRm2O8iGY2aLWXSHY1imdRDXcEIytKxnyibXog5b"
    "QrCF2/GO373LgTdrlQq4ey92QDLVRZRu+qG9K4FmnNnLn7fXZ/Y2YBdqwzyouufxKcS664"
    "DaaGGI+ObsPRMC8d15OIf1mjFV7J7Qqcr3EzJrVHQa+IZCpDFZSQ80mR7QsMVBLlrYOSwm"
    "CzvLws6SZM0uaRaYtrwG4KyU+lO6kOOg6eNAptztURz9Eun4CZnLjrBYmn+vm8Xl+ck2Wr"
    "hxpWzenx0UpHSFKoqa1CGarNYrqb495aFkhd49rLjFVkdsC4NZ2e53WE763REmzxEViMtG"
    "cyUkodzvAhC+h1eQCe307wY9t8KDL/9A7gc3l8ObT+fAQu5eAvfK2P3TditCDL8O7vyaEN"
    "xK4TIfe8MrfsmjxnirntsANqRiRFmqT3J8KR+IxuzKEhu8VlIt9Dz3xNPMRezpCFqoJIMb"
    "FZUEbuP1rCmTZRFDNyLUvnhTDUFtkz5hDZmKiQTHzmc4bTE5ifVmrN2T7JBpUrPQkI5ItQ"
    "/n48PDPJkDh4fpmQP8noxG/JwsdDQlmNglVB4SkyZBk02CKSaYn4FRpi5PVFTqucl6duMA"
    "hRP7w1Iyrb+qtP5VTGbLpP682/WbpoS86fzh0dekZH4Pd0HUb6WQjSG/1RCQ2fsypCdDej"
    "WE9LzJw0WoAMpRqbr4/JfD+eQsB84nZ6k481sxahhpjoGUR1SIVIpKtW44H53mccBZq4yg"
    "RsIBd+eT4uWBY2KtCFZnWeZ1lAZ2zJnQZMvMe10LyazXAlmvljP5F1IFYKfPJiGR9pF51Z"
    "OmPMipMzTSjwDPDpOK5OWBEpIq/cmp0hc7i7pp01cTOJbdH0XdMC3kJVnST6JmbwBuvlxd"
    "ZdEskTrAPD0Ib1swMJw5vWdzW2oWeqIOpbLwqkhuiVVbC1LWSd5FMBNweHFM06m8iCZzcX"
    "md8RwBTA5Yn8CVPgdQf4ZLCzyb2LYR6YLnOdMfG/+APQ159eqInSx2t01Hwn0C6/nSoybl"
    "7oDGrHJdSSVKKrERE3bdXKKNbb0QxiuBFsJbvd8/oZqApE1nDoP2rQB315Sh5ADSx3l7OQ"
    "D+y0odyg1lGo1Mo9mfL3iHxm8DCLafF/5GMWxNU8P2FNsqkSkxx1SAq0wPe5n0sNCRJwJ+"
    "KXogysZEMSPafCPD1APeaPvFAtSwD6hjAzrl5xww/c+oufwA2HszW4L9F/BHqMgCbFSxsQ"
    "WwgGfavrsNbFPQkSScmjPpdzMIp5W+EjrIKJUQkmmFL1k34cQ+Neb/sY9NMNKzMk4icjLp"
    "pEDSiTy7NH2w76e3LnDnErE46VBIh6JJaqjQoXgZ0zd2ep3ooIPE+XYbTeDYAXv57OARQQ"
    "d8wgUr6QM/Ugu8Y/qYEevBCGbwiQdTATNPwQITfGCYlLVZdHkDECS7JW3j6h/xQB7IN8QM"
    "KRs8ImRYbns2/erAPe0BMFObH2nGLG3Qux0Cm/KbGrO0P7CW2AI60masvwXmW5uZIW6fuz"
    "2oOnaLuZjIoCZ7LQTVOYCqigz3Q+p6F3j9F+BYzICnhF3jz4Lg5O3R4RH7v/XM+mUfMnS7"
    "zWPYr5IEsSw116D5N8u2D6usgHkfE2uhhV99KM5EC/Ys/+jmKNDptbvCMq0pT3R8dPL+5O"
    "zt6clqqK+uZI1wacJLE16a8NKEb5oa9t6EDx+oLLDfY+ctpxvvMNaw4rrG65GGNWZ/UBsR"
    "denuJ5TGZmNmiixjU2Yu7qKusc+8F14fY4JyhSydtOAe11QU/pCQhL409DpVoa5wu13sEY"
    "ixj0pleQN7qIgMTLk1v/91kZmJgZ+Cd8ldFrnXHw+/Ds6BJ/1A+r2b/uDKrXGs8t+mu2WO"
    "+58H/d8Gl8rwhl2eI/foKkweyM1Iuf88+sYwp4o1p8+s5ej69mrgFVqmC4Obdg0pjRy3lg"
    "osvgJRudt6M9UjzxaofVDLXOt06PeT+smTa72amcvoPSYrs66bw/ElNS1Jvhe1oy2dFs95"
    "DwlJ6KviVzmoFbCr9343e6aCvNxqaOhFmNU7NhHdDfvjjmBykZz1Npz1GtmXIa37kFmXGj"
    "QvofA0vvDtbhZprfoNmfuf7zS+Tg+wpoBOp26mxTNCj/oSGPwgGZMw50+nFtLAqznVMWv3"
    "uguoCSBYwEd04BjgmZqPTDFuF68enDP18O2DczI9OnrNevMMk1g2dn0PeyC8gQWgteqct+"
    "RIaun5Hpyocl8TSuK9QUtIN4N494d2XjrMb/5T82Dul6FAS/G/iiR+2QXTRPItqvRURck0"
    "QkUsbTpFErTfIbVYkFRsDAElIxBNMd+D1XJLQ/Oz382eqSCvmRkaek1KjOgHu5iEBuZ6h1"
    "OWdRlqlcOyZFpzeNqwhTXEDDmOSxc8Y3sOsM2sNKw+IhvwDYL4O2AgMStQtIGvZC+Z5p7K"
    "flyHobW+4nUgbcDmzENZNqCrvwKrbdC+hdGI6pMu3H+LmDJ++xaCW8fheu48UwDetUQLAT"
    "7KE0pLj6Qli/m7b6tYyHzCKlIWmDi2qEpltr+T0c0O60Tvwbm60jSXpnkTVLAD0zx8pKA3"
    "K/jm8NYVg++9/sI2eEvgT0ThtkWqXXGfZJAy2IpWAU5jv6s24VWne+zOfALXOJgR093iYO"
    "qVR6FJR3S3jmirc/+lG1rnETp4gf5DScFixWuZHYYtehaGf7mfQzKbQ7yvMQyTmZrQQjwu"
    "bylwjqBg1s72ScU97M6Bel/vPF6FNxpANKeOWRbeQHZ3wJ41H1idl/ctyaXEZXcH7OkeEC"
    "heHq+iOjadTstCnNrJDsmq4z0Am8/x3g4ZxUCmkpY4lw12aie7A/tt86H2dxLxikfladjU"
    "TnY4rt/tD9Y6XmBBdm0+jFfCchgLoH1mv4P9w22vsgDHutgdzL/uwcxsOZaBCD+LsxTGAv"
    "EdDuM9wJcThrYjoio+6hSmWW4hoRicUy6VA9CG5ftlZU2OvlxcDcDt3aA/vB+ObvhT1puI"
    "3Jv80roG692gd5XYr01mJWAOS0mcc+A8Q3TKK4orC2SbIrMidaIQSLYoj3WrUmSJ2GKeUF"
    "iw32C7cEVse8OeUXW5ojtVxQrbHiSkbB1nnbg0zJZQjbyuPgc9tREuGYouBZtni2+J1Te3"
    "kzZBVGd4NfI1CsKs8a81PdyamCI2pyJ/myOvdjEP1f5iAY3y8sLQRIB3BigBcLVh7BVvA3"
    "is4/WH0GWecMxPD4HApM8Auw+OJCrX8IwH4m2JewN6eXbBrUsuu9Dwg07CO+GwDYIdcpsT"
    "pIONPjIfei/C0GX3dW25natpM1uFHjP/aC2fcywKa1xWYhsLevBZrSy4CWGJrszJlTm5zV"
    "PBnm+Xi7tCorNAkt5Sutkac9VybqL7Nsfq3N8Cx8y9E3QEH5x3x/DowXmvvp/w/x9PXgPe"
    "OeLndfhPYcYeWngCZ6zRr2fvf+2CydLdMRc04alorwG0vaM3uBaSu+92//hMq3SFobt9T5"
    "qmTZkDs0zTiM4SekjPNovLybS+PLUaZb3kly42Js0vaX41QQWVmV+i+aUCWFvIMcehjU2q"
    "jbJu+U4qkUnr77DKsGODFhUfiBEeWmzsmLbFS5tKI68xM22WkScPw9jBhhhpWciTGJqjiK"
    "wcH+FJDP6MLsQvvdB1RLCF9c0zYNy7MteIaGVUHBKTCm60glVoQBXbheOMYbk2rUJVhGsm"
    "lD6iwrsB11KtOUi1wh2AZU5UiInKmajhM5EkOpvFtklqqLM7amgNe+iY0i3zGWMno7YE+F"
    "qTGiN1dlLYtHAdnmxWbVX9J2doOFY+nxIvlOondXW9vwxkYqr5f7AfwgR0qCJLEOvdvj9Z"
    "xqbBc3c3g7+T+YOV72jkvEXJFLe4rMT2R5xnKIlsVFLiGs8ekO599ZhKR0U6Ks1TRRti2K"
    "td/x2R7b2+m215R9ttNLsvKHU34HhyGtJ4DqN3LAGAU2Y6AxMZ7qGsgNADXvrB+rC6r7HF"
    "h1nNS6DjqQ2wnbTCq+9eGuUNnqeyjHIZVN9BUL3JR7O2dcjLlIYGQC8j8j9BmERG5FuuYG"
    "7olQp3RgTl6fF7oOOJwGNNtwMjQqXswIZptA5DsEDNozod2bF7hl1H4MT6d7pZDqy9blNT"
    "SrZvbEXTGYmzmLCGMkG7Qdad9CVlgvaLz9Mv4s1Imv3FVSBz5LfMkfdX1AR46aWFVwJtGr"
    "ZbVbGMFr2dIMEG0AybORBo4V7zsxyL3VnqWnfWGNq0aV7Ji0y1hompKQzUX1CqI0hS0A+J"
    "xcCfMLm6xvjqym5n2IvR6Cri4l8MY8DefLm+GATny64rDgu5UtsRpFfyqWTAZuFEuDhOmP"
    "rSOzw16RlimwNXDPfOt95wPLz5dA58+QfS711dDS7PAVumdaSxv0fXt1eDsXuJLgweC+ZX"
    "ezf9QdCQn0bitr0e3t/zSwtsWW6rq5H7t1fWMB77zDONHZ3mmMeO4mxN6MTg0/hM5tflT1"
    "t8NyTAxYVbNKdVcuKKq3gGmEMKn0wRl5UbXcL+junmAJQgfqOSLaT3O+wHaiOiLzuryr/7"
    "QAX7k8CGXS98Xi2j9LCgZPubzPZPMcHWvJSWY6JSz03Tc6PiDX2+sLpUf0rYIWjQ3Rx98F"
    "Zpv+3GFLrxHAEdWjbw7CYww0+I8J0lbhpbFwScHIBE44Wuz/2GXjntGTQOpiZC/l2sL5NZ"
    "dLU8oWCMREZGGuQ7Z5zgLJnjl6YzJHO8JXPMp7pUDzZ1AMekWuNf7eoYpDqXaP9wEcHavD"
    "52JH1Rfl632bgY9/ylD2nAX8S9Er08B50uEFgfLZNcZgvKZtb2lfkEzZuiZT7Bi+YTlOMk"
    "2xkVrHgvnoDM//v96GajpSei8TWs2uB/QMdWbfh2/jp1iMqhAxMH6zYm1hv+vL8V5PersD"
    "84ThEnOxjCr657v8dHd/9qdBH3nnkHFwUiLKlp6LuPqvCTXeqCvNZ4rUxNasr2U1mVOs+2"
    "04YeCtJDJlbnHYFZ7t/JNMvhuk2lmbrbmMw/i728ZVZRuiX8hMxg83DepSsk0sJMo+N373"
    "KsXaxV6url3ouuX/yjKoCw37yF6B4dHubJgDg8TE+B4PdihjFlvrsoQp9hE69Fdm8Ovwzx"
    "Vpnh+6Ic04//A56MhkU="
)
