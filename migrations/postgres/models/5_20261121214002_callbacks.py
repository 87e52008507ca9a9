from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE TABLE IF NOT EXISTS "callback_record" (
    "id" BIGSERIAL NOT NULL PRIMARY KEY,
    "source" VARCHAR(32) NOT NULL,
    "external_id" VARCHAR(128) NOT NULL,
    "received_at" TIMESTAMPTZ NOT NULL,
    CONSTRAINT "uid_callback_re_source_2dc164" UNIQUE ("source", "external_id")
);
COMMENT ON TABLE "callback_record" IS 'Each outside system''s callback, recorded once: a repeat finds its record and changes';"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        DROP TABLE IF EXISTS "callback_record";"""


MODELS_STATE = (
    "eJztXW1z2zYS/isYfWkyI3ts2XF8zs3NyLaS6Oq3sZW007rDQiQk4UwBLAna0fXy329BUh"
    "LfJUqiTDH4FAfEgtCzILD7YLH4uzHmBjGd/Qtsmn2sP90TndtG4wz93WB4TOCPjBpN1MCW"
    "NX8uCwTum56IHtTV7HnlviNsrAt4PMCmQ6DIII5uU0tQzqRQB+sjxF3hUIMgZ+IIMv7JQd"
    "OmmshvixiIM52cIQwFFsECDSgzHESFE9RAmBlIH2E2JF6vDK7DqykblvWSR8a4GMEL0Bsx"
    "ImjEXYcgy8QMWn5sBPVle+iNw11bh99OvgliM2xq1Hj72Hi7L/vpMvqXSzTBhwSasaG3v/"
    "/e8AXk45BI448/oAB6RL7BT4R68r/WkzagxIzqjnrYe+WamFhe2Tkddpn46NWV8PQ1nZvu"
    "mM3rWxMx4mwmQJmQpUPCiI0FkW8Qtis1yFzTDHQ+Var/K+ZV/F6GZAwywK4px4GU9jswL2"
    "to2s1tT3vo9DStkRgjU4mQRoMinTM5vqCrjgfAUHZh7x+t1tHR+9bB0cnpu+P379+dHpxC"
    "Xa+/yUfvv/udmaPlN+Vh1v3UvenJDnEYxP4glwXfPRkssC/lKWOO/lx5UQ1cjLCdjv9cIq"
    "YD+HFxHUwRz1PCtGCuhfnHtw01jPE3zSRsKEbw36NWDsJf2/cXn9v3b45ab6Mw3wRPWt4j"
    "Cfgc4PA3UQDlmFgNoT5snS6BNdTKBNt7FkUbZjJCn4mhYZFE+xKgEnRM0hGPicYQNwLZ/e"
    "kfu4i/TbBxy8xJMNPlwN/rXnceeu3rO/m6seP8ZXoAtnsd+aTllU5ipW9OYpqaNYJ+6fY+"
    "I/lf9NvtTceDlztiaHtvnNfr/daQfcKu4BrjLxo2QpPytHSK2ne5ogyeQrOaLJBL5Au2DS"
    "3xhLd4Vt3ko3FrHC/BDA89nUlwZTcDo6PtGlR0ngkTaSZJ6GmuOYJlPY3MKi40RdqWRZix"
    "x0GdyCG6a1MxQZ68s48+c+g54haGcYco/ClNgTF2nsBqeMamS5wmYlDZRhaxHQ7zDJIrxH"
    "7CFintLSmWhDIYdsFgKD6xbnM+3ao+6jWdhpfRJ0C0iLUyrV+WmbJVtUaslONljJTjbBvl"
    "OGGiwKzO7SLgzgRWQjeArjI2SATdk+Ml0D05zkRXPoqi6680muX2TaoXtLnTZEvC/PUG9O"
    "Y9HJvAr3REQbCjUvUb2qW4NwYRmJpJmP/9cHuTDvNcIr4AU12g/yGTOglDaFOuTOOfA5fp"
    "EkbUd6kpKHP25Wv/1ShJAzmAS4Qii+8U5zfX7V/jKri4uj2Pr6qygXNQR2W8DjF6II7jI5"
    "TidswfL/A7xEhzQjUXOh63jCCHDhkx9ihDgeiHgHccAFojJPgTYQ4acHuMOFQf4DE1J0nv"
    "Yr2mlAuxoy7Eaovz2qtyxVRR8qosCQXCsqjdDnPHHs5d6BQOqkWtzpB8ldnHxkW31/2tc3"
    "OGdCrofwl7ZOD8fPx4huCHDQbxOWeppftkmZU77p6FFu6TuDLkLgwjKQt39ngPiVQZ/lWt"
    "o81DDN64WIn4jUoq3neXiAoTgwvhOivpPS6rNL9LmiffLAqtraD3qGQNtb4jWp5ikqtmmz"
    "yDB7Dafl5YcgNqrhjdUEctw3Tl+H7o8jRSXLJ+VNLmnYOA6SzqBkfEFnvDO4DzFv3hUMyN"
    "dEwKgx+WUtgXwT5B2cU/hKQiPnKb0CH7mUwSXnIM+4Bwu5s1tFta+D4dZtPSeRdt/DKjzq"
    "KfPvwBP5oIf25uP1y0LzuN5BDfAKwPsp22rnN3F4f4suCGP+10bLNJ5vAi6lGmmk+Zpkwu"
    "gfzHn++JiQVNXS4D3O/9tnqyqd21gBPAfy+Tkj+HH+t3KkHHTx8186j4fqjS4vAf9IInSH"
    "AEho8+QjgIsTlDmCFuEUaNJhSCPnjwpwVahnbgMfQAGeSZ6iQl3mdjzaaGCk/jBLzoIM0b"
    "HCpQuDoLZVOR9q9rl2fH3Swm7MuOwdkIWX99p93edW66l2dobGn+jPLIbtuzUo5npV9uur"
    "deWTDdPLK7z+B/nvlzziNr391pl52v3QsogslH8yefahD+4QmuwPcSE6uyKisT8eNj5hBs"
    "kpRvp0e+ZSwPcblagJ1HCnV+7UX4oEQExIwTurq9+TStHg+LiLmy/p699kQmK6ggXboOBM"
    "629fBMbAovS7OQODcJZhnfQEgsBnsf5Mr6AGYl20X+/Pb2KoL8eTcO7Zfr8w5M9Z4aoBIV"
    "GRSO2m3Mnu/ru+dUsd3GHZrzKqTopTYkXo0gr9zX/GOytFVTwwZp2teJV72AnmcckZs+au"
    "Ye1w9VWkiO/TKi+ghZNn3G+mTP4ibVJwhsHWlszjgthHWdWDACmt65tZcRYegNRmCEDol9"
    "hmz+4iBsEwSzBjHeJqmysl6SSpzNvwD/RVrwIsWeVWcCa+axZ1GtJTSRQ6ElJGvhqJbNpK"
    "mIy9I5runUtoIxHBNVXlBVjONlvCBlGyvbuEpq2Hnb+NLfuEgxjS9nWxrZlvF822OZXeMR"
    "Nk30RLnzhLiNDOpYJp7so65w0BOZIOogR8DIMaCiMyLGB+QF2MnEUVTIpwPKsJm2b7y5ht"
    "W5rgrPRLlGrtoiLt+w9f4tgO+0fg1N2s3vJVYt70Wt/AW5QgB2RqHhGxGqIcwlxJCQiSbX"
    "2ELjOCRTuzl489OE2v3Lhr6+fq86ilTXnb+K5PQIPPAUP3Dum2f7gXMiYKEfmK1Y5Xsp36"
    "su6/7mTSuTPKdtKTyMwUjNHOczoe1xnoflDvWj1vuT2eCW/8kbzg/X7aur1DNwwk05pLJc"
    "rPNcensugczDR5+nfVk64rl90et+lRHKnvQju+7cf+rI8GdiwyLwyC47V52eLPDpSCNOrb"
    "2Or+b3ToPX8SITSkysDpGc2+BzVgidjYnVAeltx8xSQ4OJpk/sFeBPk1U6WEcHhc9KpIhu"
    "RAMVsmBKOCwRBHyv4MTGRJUXWzUvNqznAdaJtoay0+SVxqusccVJZk+q9eUkXctYUetRSa"
    "X1qmg95WMPeh9OA+25iitoPSqpZvTqKLkwE504hLlmyo9Yyuid1Hsy4Uf4swkSbKyJUyiX"
    "x47NiEuBFBy0WBOk0JmOOoLEuKCDiX9d05pIze6GquEHR1mfp/j0ReDpyiauYVrCw100Qo"
    "qMJssmA2LLnNtrDqm7WUN1Rcxx+7LxPtGGNl77E3yYtvZJNlYnzMrcrY6kCEvZs46nEMve"
    "uY4kLvOqLgxkfvBjibGDMHr43N5rvTvxAov30Z/BGes/vZBjIrxbbZuoP4GaAJBBZRPYRF"
    "/upJGXjGTeaMtqO31Ht9O9oVg4jC4qVbsNdRVIp+iLjZBWq2XQUMkzXl+9S1HR07ROhTMc"
    "R+TUEcFNHREMXe+15hnBYhxR1ZSx7EHB6Dis0knBSDrkFJs7ni452+b2Uw7jUFUVNPrDWb"
    "kqaHQLAV5gtthFD+2FZWoHcQmX/mLHeeEwuRZ12BKCNTxh1nr3bgm8oVYm4N6z2J2/3Exj"
    "KbPvoZ0JVOMaWvm+nb6GtgIHKyvmQZU9jw8wNT0HVJCxlUY55x8DSBHfnodzUK4Zs4kDAS"
    "bX5RE5sEbTLrhekFszJqvogSrTAwZ1JMhFcxWHxVSuYpWrWJGs+Vm6pqatTGs3XEn9GU2o"
    "cVD1caCiyHZoH/2SmPSZ2JNGav6v4Fkzj8sL4keMcOWNsnm/N8g0SimUJNPmLjNUAlpF9e"
    "0oD6WSzu5gEilYHalI3czKd7/DcsrvjjB5blrOs3w0Z0IKyt3OaRB4eAWZ0MbFfaftJS0I"
    "5B/ZQ+fmsnvz6Qw5xAuP90p63n+Fl+Sg+7VzH6Q5kFaKlPnY7l7JIp8ak7XaXgVckSQIq1"
    "J9iuPL+EAMsCtXOLM0k6qh57kjnuZSxJ5JsENWZHCjoorArbyeDa0/KWLoRoTqt99Uwqa2"
    "zZ+pQWzNJik3qec4bTE5hfVirL3L2Yhtc7vQkI5I1Q/n1sHBMpEDBwfZkQPymdqN+DFZ6G"
    "hIMBMrqDwkpkyCKpsEA8qovNZhlVQzUVGl5yrr2dsHKBzYH5ZSYf2bCuuf7cmsGdS/7An0"
    "qilh2XD+8OirUjC/j3vKrt9MIQu3/GZDQEXvqy09taVXwpaeP3l4CBVAOSpVFp//ejgfny"
    "6B8/FpJs7yUYwaJoZrEe2JFCKVolK1G86HJ8s44FArZ1Mj4YB780nxjLcxsVpsVudZ5mVk"
    "u3XtYarJlhv3OhdSUa8Fol4dt/8foqeAnT2bhETqR+ap5A2Kydvp23+r9nVVgQLY/uW/Fd"
    "PCshxA9t2/0AN08+XqKo8FiGReldErdN0UbeHA3h2b2zKDpBOZ/7Sxn7dvTazqmgKwTG4p"
    "glkKxRTHNJtpimhyKaqp0RsRRNketIk86TOEzRc8cdCLTYUgrIleRqA/GP8I3kb8dGpMJH"
    "OxrdNQahj7fL70mTMVvF6ZVa6pmC7FdFViwi6b6hJUmIUwngnUEN7Nu6V9bqRwiNnE1rR+"
    "LcDdNqOlOIDscV5fDkD+spWuQcYqykNFeezOF7xF47cCBNuPC3+lGLaqqWF9im0WZ5OYYz"
    "aAq4peep3opdAlEyn8UvQKioVxTFa0+kKGqY380faTg7gl9rgrEB/INPyg/yG3Jx8Q9Bts"
    "CfgTyVfoxEEwqmBsIZrCM63f3AK2adqQIpyqM+k3cwinmb4SOsg5yR+SqYUvWTbhBJ8a+H"
    "/wsaWM9LyAiIiciokoEBOhbovMHuy76a2nuHOJvTjlUCiHokpq2KBD8Tqmb+y+sLQ8/Ikb"
    "xRaawLErzZazg28Z2ZMTLppJ7wU7tci/GA2MWB9GNMTPcjMVgXmKxpTRPcvmUGfclBWQTF"
    "hhwhBK2sabf8Uje2S/EDCkBHoixHK8+jD9msi7jACBqS1v3AJLG7Xvukhw+dAAS/sD1KQO"
    "MokxhPbGVJ68BUNcnHkt6Cb1co3YxOI2dItgfYSwrhPL+5CafoFMT4JcBwx4zqBMvguj46"
    "PDg0P423mBduFDxl6zyxj20x8lR6my7Ssz/+bZ9mGVFTDvY2I1tPA3vxVnkzG8K7gsNwp0"
    "dmqpsExtsue0Do/fH58enRzPhvqsJG+EKxNemfDKhFcmfNXUsPMmfJvYVB+lme7Bk1yTHc"
    "/rVObc7Y9iPa65kmbbhc8wVlMTi2bbhCGRGtqDpVwcJD+qAggH1WuI7uFSyZUOc5IrHaYk"
    "V+JMpG6rZl/MFBLZ/tVMrxOPs7FLmBI2wjYXs+//B1RveuY="
)
