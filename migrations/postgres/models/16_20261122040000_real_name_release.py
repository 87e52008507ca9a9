from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
-- Written by hand: a level goes down in one case only, a real name released (the holder
-- proved it by knowing the number; someone proved it by face): back to 1, number gone, and
-- never from a face-verified person.
CREATE OR REPLACE FUNCTION "person_transitions"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF OLD."status" <> 'active' AND NEW."status" <> OLD."status" THEN
        RAISE EXCEPTION 'a merged or deleted person stays so (% -> %)', OLD."status", NEW."status"
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    IF NEW."level" < OLD."level" AND NOT (OLD."id_number_index" IS NOT NULL AND NEW."id_number_index" IS NULL
                AND OLD."face_verified_at" IS NULL AND NEW."level" = 1) THEN
        RAISE EXCEPTION 'an assurance level never goes down (% -> %)', OLD."level", NEW."level"
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN NEW;
END
$$;"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
CREATE OR REPLACE FUNCTION "person_transitions"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF OLD."status" <> 'active' AND NEW."status" <> OLD."status" THEN
        RAISE EXCEPTION 'a merged or deleted person stays so (% -> %)', OLD."status", NEW."status"
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    IF NEW."level" < OLD."level" THEN
        RAISE EXCEPTION 'an assurance level never goes down (% -> %)', OLD."level", NEW."level"
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN NEW;
END
$$;"""


MODELS_STATE = (
    "eJztXVtz27gV/isYvWwyI6e24zhep9MZWVYSdW3LYyvJzq47LERCEmoKUHmxo7b57wV4kX"
    "gBKZIiZZLBU2ISB6S+Ax6cO/7bWVAN6eabPtT1CVQf75BKDa1zDv7bIXCB2H8SRnRBBy6X"
    "m/v8ggUnukOiemMVYzN4YloGVC12ewp1E7FLGjJVAy8tTAknGkB1DqhtmVhDwFyZFlr8Yg"
    "J/qi5w50IaoERF5wCyC0sELTDFRDMBtkxvBIBEA+ockhly3kqjKns0JrOqHvJACLXm7AHg"
    "lTVHYE5tE4GlDgmb+aHjjefzgVcmtQ2V/Xb03UIGgbqCtdcPnddv+HvaBP/bRopFZ4hNY7"
    "C3/fPPjkvAbwdIOv/4B7vA3gh9Zz+RjeN/Lh+VKUZ6mHfYwd65rlirpXPtAs+GxProjOXw"
    "TBSV6vaCbMYvV9ackjUBJha/OkMEGdBC/AmWYXMOElvXPZ77THV/xWaI+5YBGg1Noa3zdc"
    "Cp3RfYXOsoys1orNwPxorSia0RnyLAUe+SSglfX+xVTQeAGX+Fg1+Pj9++fX98+Pb07N3J"
    "+/fvzg7P2FjnfeO33v9wX2aDljuVg9nw0/BmzF+IskXsLnJ+4YdDAy3oUjnM2KC/YV6YA/"
    "05NMT4bygiPGA/LsoDH/E0JvgXNlzYfHz7YMMCfld0RGbWnP359jgF4a+9u/7n3t2rt8ev"
    "wzDfeHeOnVsc8A3AwW8iB8oRshZCfXR8lgFrNioRbOdeGG0myRB+QpoCrTjalwwqCy+QGP"
    "EIaQRxzaN94/+nifgbCGojoq88SZcC/3h4Pbgf965v+eMWpvlv3QGwNx7wO8fO1VXk6qvT"
    "CKfWk4Bvw/FnwP8Ef4xuBg681LRmhvPEzbjxHx3+TtC2qELoswK1gFD2r/qo/eA7yvQxIN"
    "X4Bb5FPkNDU2J36DFNGhu/tTheRK9AAmcOzzi4/DU9paNna9gaPCFiiVSSwN1UdQTycQpa"
    "D9yqivSWS0S0A8rYCUyk2ga2VsChN9+Az5S9OaBLyNYdwOy/XBVYQPORaQ1PULeR2QWEDT"
    "bAEhkmZXIG8B3iTUwXqewpAk1CKgxNUBjyC9Z9ytO98qNd4jS4jT4yRPNoK/74qtSUvbI1"
    "pKWcZFFSTpJ1lJOYisKkOjXygLsmKISuB11tdJAQuqcnGdA9PUlEl98Ko+vuNMrSnuhYza"
    "lzi2grwvzlFnT5Fo6B2K80rZxgh6nat7QrMW80ZEGsx2H++/3oRgzzhiK6AWPVAv8DOjZj"
    "ilBZpkznr1ObqBxGMLGxbmFivuGP/VunIg6kAM4RCm2+Ps6vrnu/R1nQvxpdRHdVPsEFY0"
    "dtrA5rfo9M00VIYHZsbm+xO6y5YgZGbjU8RgQBE88I0g4wAR7pB8/vOGVozYFFHxExwZQa"
    "C0DZ8ClcYH0Vty52m0qaEA01IYptzjvvyjVjRcW7MncoIJLk2h0Qe+HgPGQvBb1hYa0zQF"
    "9n72OnPxwP/xjcnAMVW/g/iDwQZvx8/HgO2A+bTqMyJ9PWfZpl546aZ4GN+zTKDB6FIUiw"
    "cSev9wBJneEvqh2VDzGzxq1Cjt8wpfT7NslRoUNmQthmIb5HaSXnm8R59H2J2WwF+B6mbC"
    "HXG8JlH5NUNhvoiVkAxeJ5QcoS2Fwzd0MbuczElenaodndSFHK9rmSyjcOPE9nXjM4RLbd"
    "Gm4Aznu0hwM5N9wwyQ1+kEpinwf7mMsu+iHEGfGRGgjPyG9oFbOSI9h7Drfb9UTN4sIPf5"
    "n5VzevaMDntess/Omz/7AfjSxXNvfu+73LQSe+xEuA9Z7P01NVajdxiWcFN/hpi7FNdjIH"
    "N1HHZaq4LlOBcPHoP/52h3RoYeF26eF+58415lM1VwOOAf+jSpf8Bfux7kvF3PH+rW6aK3"
    "4SGLQ9/Qc8wxWwKGCKjzoH0EuxOQeQALpEBGtddpHxg3r/XTIus3nYbfYGQENPWEWCfJ/S"
    "phWmCvt5Ak52kOIsDpkoXJ+Nsiud9i+rlyfn3Wx32Fedg1OKs/76VhndDm6Gl+dgsVRcif"
    "JARr31VQrXV7/cDEfONU/cPJDbz8z+PHdlzgPp3d4ql4Ovwz67xISP4gqfejj8gwIux/cS"
    "IaszK2uT8eNiZiKoI8G3M0bfE7aHKF0rwE5zCg1+H4f8QbEMiLVP6Gp088kfHk2LiJiybs"
    "xeeUSrAiwQU7fBgbNvPjwhA7OHiTQkSnUEScI3ECCLwD5hdFV9AOsr+0X+YjS6CiF/MYxC"
    "++X6YsBEvcMGNghbCS4cGW1MlvftjTnVLNrYIJlXI0ZnCki8mIO8dl/zz+mlrRsbSnTTvk"
    "y+ap+9eUKJnH+rm1quHxi01Tn2bY7VOVga+Amqq4Ml1bG6AkzX4crm2qcFoKqiJVsBXadu"
    "7XmOCHgFAVNCZ8g4BwZ9NgE0EGBSA2mv466yqh4idJxtvgD3QYr3IOk9q48A66Z5z8Jci3"
    "EixYUWo2yFoVq1J01mXFbu4/JFWwFlOEIqraC6KMdZrCCpG0vduE5saLxufOkGLgSq8eU6"
    "pJGsGW/CHlmixnOo6+ARU/MRUANo2FzqcPUGDC0TPKIVwCYwLbZyNDbQnCPtA3AS7HjjKG"
    "zxu1NMoC6KG5c3sazrqrEkSlVyZYi4esXW+TcHvv74Fqq05ccS69b3olX2At8hGHZaruUb"
    "ImohzBXkkKCVwvfYXOs4QNM6GVy+mJDRv2To22v3ylKktkb+atLTw7PABXbgxjZPtgM3jo"
    "CtdmAyY6XtJW2vtuz75atWOnoShRTuF0xJTVzna6L9+TyPql3qb4/fn64XN/8jbTnfX/eu"
    "roQ1cJYtKFLJluu8od6fScD78OEn/10yZzz3+uPhV56h7FA/kOvB3acBT39GBtsEHsjl4G"
    "ow5hdcd6QWda29jK3mvp3CHkfzCJQIWRsyOffhzymQOhshawPS+86ZxZrCBM0EGQXgF9FK"
    "HuzCg9y1EgLSUjhQIw2mgmIJL+G7gBEbIZVWbN2s2CCfp1BFyg7MFtFLjteZ49InmSxU2+"
    "uTtJdaQa6HKSXX68J1wcfuvX2wDbRjKhbgephSSvT6MDm3JzpWhLljy49Iy+hG8j3e8CP4"
    "2XgNNnbEKdDLo2ESMRNIXqHFjiAFajraCBKhFp6u3OOadkRqfTZUCz84TCZUYNPngWfIp7"
    "hmYgnOmqiE5FlNSwNNkcF7bu+4pG7XE7UVMdOe8MknSJkZcOdP8N6f7ROfrK2YweWSsluL"
    "3UVWbzNTm8CqMrQf6qcmCPBH+60lh/lDXd6coVuzvu/dxGtoAgjuP/cOjt+dOlnYb8A/vY"
    "L0fzr52chyjgDugsmKjWQAaZhPAXXw5ZZrxPG071JnlrkHDc09cJZi7pzDMFXrsg9k1qH0"
    "9ZTi4SvWbkR2Gnl59mby2/s9sHK3gw7RyXrKsuopA2eh7VhQmc+hVjdmZK2qDK/DOpVVhn"
    "pHC3TuaG/pZJ3b7c8MA0Nlhu1Pp+XKDNs9ZMMxtcXIW+EYpGkdxBWckAxN85ky4ZrXYIsR"
    "trAc7/jduwx4s1GJgDv3IgckU13k0k0+tHdNUI8ze/nzGn1mbw2qUGtmQVUtx6cQ644Baq"
    "HFUuRvTq+ZEJDvz8I5rFaNKaN6Qqcqrydk2qjoNPAtjUgjtNI9UGf3gIZNDnLexs5BMtnY"
    "WTZ2lk7W9JZmvmrLewDOCrE/YQq5Duq+DmTKXYPi6JdIx0/IWHWEzdK8e900X56XbKMFB5"
    "fqzfuzg/yUrkBHUYPaRJPdeqWrr6F+KNmht4Edt9juiC1hMCvd/A7SSbs75MmzRQ3i0tFc"
    "E0kom90AwrPwcnpCO/27Qc/p8ODRP5D7wc3l8ObTOTCRU0vgXBk7f1pOR4jh18Gd1xOCay"
    "mc5mNveMUvua4xPqrnDIA16RhR1NUnfXwJH4jG9MoCBV5rqhZang2xNDM59nQETVTQgxsm"
    "lQ7c2vNZUyarPIpuiKh98aYKgtoGfcIaMhQDCY6dTzHaInQS6+1YOyfZIcOgRq4lHaJqH8"
    "7Hh4dZMgcOD5MzB/g9GY34Ob3Q4ZRgYhVgeYBMqgR1VgmmmGB+BkaRvjxhUsnnOvPZiQPk"
    "TuwPUsm0/rLS+tcxmR2T+rOW69eNCVnT+YOrr07J/C7ugqjfmiFbQ37rJSCz92VIT4b0Kg"
    "jpucLDQSgHymGqqvz5L4fzyVkGnE/OEnHmtyKuYaTZS6Q8olxOpTBV65bz0WkWA5yNSglq"
    "xAxwR57kbw8cIWtFsDpNM6+iNbBtzIQqW2re64ZIZr3myHo17cm/kCoAO1maBEja58wr32"
    "nKg5w6QyP5CPD0MKmIXh4oIV2lP7mr9MXOoq6b+KqDj2X/R1HXjAtZnSzJJ1GzNwA3X66u"
    "0twsoT7APD0I79owMJg53TDZlpiFHutDqSzcLpI7YtXWhpRVOu9CmAl8eFFMk115IU5m8u"
    "V1xnMEMDlgcwKH+hxA/RmuTPBsYMtCpAue54x/bP0D9jTk9qsjVrzZ3S4TCesENvLSdU3K"
    "6oDa7HJd6UqUrsRaCOyqfYkWtvRcGK8JWghv+Xb/hGoCJ22y59Af3wpw9+0ylD6A5HXeXh"
    "8A/2WFDuWGMo1GptE05wveo/JbAwfbzwt/rTxsdWPD7i62dSJTTMaUgKtMD3uZ9LDAkScC"
    "/1L4QJStiWLL8PCtHqYecFfbLyagS+uA2hagU37OAeP/jBqrD4C9N9Ml2H8Bf4SKTMBWFV"
    "tbAAv8TLtPt8Xb5E8kHU71EfrdFIfTml8xHqS0SgjQtMKWrNrhxD41Zv+xj02w0tMyTkJ0"
    "MukkR9KJPLs0ebE301oXmHOxWJw0KKRBUSc2lGhQvIzqGzm9TnTQQex8u60qcOSAvWx68I"
    "igAy5wwZr6wIvUAveYPqbEujCCGXziwVTA1FOwwAQfLA3Kxiy6fADwk93iunH5j3ggD+Qb"
    "YoqUBR4RWprOeCZ+deCc9gCYqs2PNGOaNujdDoFF+U2Nadof2EhsAh1pMzbfAvPSZqaIW+"
    "fODKqOnWYuBlpSg70WguocQFVFS+dD6roXeP8XYJtMgaeEXePPguDk7dHhEfu/+czmZR8y"
    "dKbNotivkwSxbDVXI/mbptsHWZZDvY+QtVDDLz8UZ6AFe5Z3dHMY6OTeXUGa1rQnOj46eX"
    "9y9vb0ZL3U11fSVrhU4aUKL1V4qcLXjQ2NV+GDByoL9PfIecvJyjuMDCy5r/FmpWGN6R/U"
    "QkRdOfWEUtmsjaRIUzZl5uI++hp7nvfc+2OEUO6QhZMWnOOa8sIfIJLQF4ZepyrUFa63iy"
    "0CMfZhqjRroIGMSMGUa/PN74vMVAz85L9L5rbIvf54+HVwDlzqB9Lv3fQHV06PY5X/Nt1p"
    "c9z/POj/NrhUhjfs8hw5R1dh8kBuRsr959E3hjlVzDl9ZiNH17dXA7fRMl0suWpXk9bIUW"
    "0px+YrIJXV1ttdPfJsgcoXtcy1Toa+ma6fLLnWa8lchO8RWpl1XR8fX5zT0sn3onq0qdP8"
    "Oe8BIgl9Wf5VDmoJ3tV7b5qGsSCrbzWw9EKe1TsmiO6G/XFHIFykz3oXn/UG2ZdxWvch0y"
    "41aFxC4Wl8wdvdNKe16g1k5n+20/g6PcCGAjqdOpkWzwg96iuw5AfJGIQZfzo1kQZezamO"
    "2bjXXUANAMECPqIDewmeqfHIGONM8erBPlMP3z7YJ9Ojo9dsNlcxiWRjV/ewB8IHmACa68"
    "n5SI6klpzvwR1VzmtC6Xiv0RbSTXG8e0s7qzvMG/5T+8GcL0OBpuJ9FXH80humiehb1Omp"
    "jJZphIq8tMkuEn/8Hl2LOZ2KtXFAyQhEXdR3f7fcUdH87E3TMBZkVTMDS69OiRF9v4pJqG"
    "BuKpzStMvAqAyaJeOazdOGTawhpshxXLrgGVtzgC2mpWH1EVmAFwji74CBxLRAUQFfwVlS"
    "1T2V/bgOQ2tzxZ1A6oD1kUNpOqDDvxy7rT++hdGI8pMunH/zqDLe+BaCW8Xheo6cyQHvhq"
    "KFAB9lCaUlR9Lizfydt1VMZDxhFSkLTGxL1KUy3d5JmWaPfaIbcK6uVM2lal4HFuxBNQ8e"
    "KehKBU8d3rlj8L07X1AHbwn8sSjcrki1K+4TD1L6pWgl4DT2pmoTXlWax47kE5jGvkRMNo"
    "t90SuPQpOG6H4N0Vbn/ksztMojdPAC/YeSnM2KNzR7DFv0TAz/cj+HZDaHuKkxDIOpmtBE"
    "PC5vKnCOoEBqp9uk4hn2Z0C9r1aOl2GN+hDNqW0Uhden3R+wZ/UHVuftfQv6UqK0+wP2tA"
    "EOFDePV1Fti06nRSFOnGSPzqrjBoDNZbxbIaMskaEkJc6lg504yf7Aflt/qL1KIt7xqLgb"
    "NnGSPa7rd83BWscLLMiuzYbxmlguYwG0z+x3sH+47lUU4MgU+4P51wZIZtM2l4jwszgLYS"
    "wg3+MybgC+3GFo2SJXxUedwiTNLUAUgXPKqTIAWrN8v7SsydGXi6sBuL0b9If3w9ENf8qm"
    "iMi5yS9terDeDXpXsXptMisAc5BK4pwB5xmiU95RXFkgyxCpFYmCQkDZojzWnVqRxWKLWU"
    "Jhfr3BbuGKSHlDw1x1maI7ZcUK2x4kpGwfZ5M4bpgdoRq5U332Z2ojXDIUXQg2VxffEatv"
    "ziRtgqjK8GroaxSEWaNfa3K4NSYitqcif5sjt3cxD9X+YgKN8vbC0ECATwYoAXBdMPaKjw"
    "E81vH6Q+AyTzjmp4dAYNBngJ0HhxKVK3jGA3FL4t6AXpYquE3LZQcaftBJsBIOW8CvkNue"
    "IO0X+sh86EaEoYvWde1YzlU3yVaixcw/WtPzOeaFNUorsY0EPbhUKwpujFiiK3NyZU5u/V"
    "jQ8HK5qCkkOgskbi0lq60RUy1jEd23OVbnXgkcU/dO0BF8sN8dw6MH+736fsL/fzx5Dfjk"
    "iJ/X4T2FKXto4RKcsUG/nr3/tQsmK6dizh/CU9FeA2i5R29wLsSr7/b/+FStdI2hU74nVd"
    "O6yMA01TTEsxgfkrPNonQyrS9Lr0bZL/mlm41J9UuqX3VgQWnql0i+lABrC33MUWgjQrVW"
    "2i2vpBKptF6FVYoe648o+UCM4NJia8ewTN7aVCp5tZG0aUqePAxjDwUxUrOQJzHUhxFpOT"
    "7Ckxg8iS7EL7nRdYiwhf3NU2BsXJtrRLQiLA6QSQbXmsEqXEIVW7njjEG6Nu1CZYRrJpQ+"
    "otzVgBuq1hykWmIFYJETFSKkUhLVXBJJR2e9vG3SNdTZn2toA3vgmNId8xkjJ6O2BPhKkx"
    "pDfXYSvGnBPjzpXrV195+MoeFI+3xK3FCql9TVdf9aIgNTzfuD/RBGoEMVmYJY7+7zyTY2"
    "NZbd3RT/ncwfLL2ikfstCqa4RWkltj+ifoaCyIYpJa7R7AFp3pePqTRUpKFSP1a0IYa9rv"
    "rviHTvzd10zTs8bqvafUGpU4Dj0mlI4zmM7rEEAE6Z6gwMtHQOZQWEHvDWD+aH9X2NbT5M"
    "a14BHU8tgK24Fl7+9FIpr7GcSlPKZVB9D0H1Oh/N2tYlL1MaagC9jMj/BGESGZFvOYO5ol"
    "co3BkilKfHN4DHE4HFmqwHhogK6YE142gVimCOnkdVGrJj5wy7jsCI9e500wxYazOmopRs"
    "T9kKpzMSezFhA2WCdo20O2lLygTtF5fTL2LNSDf7i7NA5sjvmCPv7agx8JJbC68J2rRsd+"
    "piGW56O0GCAtAUndknaGGt+VmGze4sca87q43btG5WyYuI2qWBqSEM1F9QqiNIEtAPkEXA"
    "nzC6qtb4+sp+JezFaHQVMvEvhhFgb75cXwz882U3HYeFvlLLFqRXclEyYFI4Fi6OOkw96j"
    "2emvQMscWBy4d751tvOB7efDoHHv0D6feurgaX54Bt0zrS2N+j69urwdi5RBdLHgvmV3s3"
    "/YE/kJ9G4oy9Ht7f80sLbJrOqKuR87fb1jAa+8wixo5OM8ixo6i3JnBi8GlUknl9+ZM23y"
    "0JcFHiFsm0Uk5ccRjPALNJ7pMporSy0CVo7xhODkABx2+YsoXu/Q77gdqI6KvOuvNvE1zB"
    "nhBI9QQ7jbiKMD1E2EKeN4THGUub+OZZ5MsOEsqQTp15PMUEm/NCXI6QSj7Xjc+1Cir1uf"
    "bkxHMSYkv+gO72EJOrinljt+ZJjucI6NC0gKscgxl+QoSXDzm5il3gO14BJBrvZn7uDXR7"
    "ps/g8mBqIOTdxfoqnipZyRNyBsJk+KtGDpKUY7pleOClfVYyPLBjeICLukQ3ReICjlC1xo"
    "je11lXVW7R3gkygr15c7ZM8qb8vBmzdTPueVsf0oC3ibt9mHmhAV0gsDk/KL7N5qRNbeAs"
    "k0bqJ6Jl0siLJo0Uczy3M/RbcsGlIGLz9/vRzVZNTxSr0bBqgf8BHZuV4dv569QmKocOTG"
    "ysW5iYb/jz/pYziFOG/sFxChnZ/hJ+dd37Pbq6+1eji6j1zCe4yBFGS6w12H/ojB/fUxXk"
    "lQblZf5ZXWqMZevxLLXFNT35pYcMrM47ArXcu5OqlsPNmFLTsXdRmX8WfXnH1LFkTfgJGX"
    "6FeNatK0DSwnSy43fvMuxdbFTi7uXcC+9f/KPKgbA3vIXoHh0eZklzOTxMznPh9yKKMWW2"
    "uygNI0Un3pDsXx1+GcdbaYrvi/qYfvwfhu0gpg=="
)
