from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE TABLE IF NOT EXISTS "shipment" (
    "id" BIGSERIAL NOT NULL PRIMARY KEY,
    "public_id" VARCHAR(32) NOT NULL UNIQUE,
    "kind" VARCHAR(8) NOT NULL,
    "application_ref" VARCHAR(32) NOT NULL,
    "address_ref" VARCHAR(32),
    "status" VARCHAR(20) NOT NULL,
    "mail_no" VARCHAR(32) UNIQUE,
    "last_event_at" TIMESTAMPTZ,
    "checked_at" TIMESTAMPTZ,
    "created_at" TIMESTAMPTZ NOT NULL,
    "updated_at" TIMESTAMPTZ NOT NULL,
    "person_id" BIGINT NOT NULL REFERENCES "person" ("id") ON DELETE RESTRICT
);
CREATE INDEX IF NOT EXISTS "idx_shipment_person__c5b843" ON "shipment" ("person_id", "created_at");
CREATE INDEX IF NOT EXISTS "idx_shipment_status_fa3fbf" ON "shipment" ("status", "last_event_at");
COMMENT ON COLUMN "shipment"."kind" IS 'RESULT: result\nPICKUP: pickup';
COMMENT ON COLUMN "shipment"."status" IS 'PENDING: pending\nCREATED: created\nACCEPTED: accepted\nIN_TRANSIT: in_transit\nOUT_FOR_DELIVERY: out_for_delivery\nDELIVERED: delivered\nDELIVERY_FAILED: delivery_failed\nRETURNED: returned\nCANCELLED: cancelled';
COMMENT ON TABLE "shipment" IS 'A result on its way to the citizen, or their originals on their way to the hall.';
        CREATE TABLE IF NOT EXISTS "tracking_event" (
    "id" BIGSERIAL NOT NULL PRIMARY KEY,
    "mail_no" VARCHAR(32) NOT NULL,
    "op_code" VARCHAR(16) NOT NULL,
    "operation" VARCHAR(20) NOT NULL,
    "op_time" TIMESTAMPTZ NOT NULL,
    "office" VARCHAR(100) NOT NULL,
    "description" VARCHAR(200) NOT NULL,
    "received_at" TIMESTAMPTZ NOT NULL,
    "shipment_id" BIGINT NOT NULL REFERENCES "shipment" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_tracking_ev_mail_no_77cba8" UNIQUE ("mail_no", "op_code", "op_time", "office")
);
COMMENT ON TABLE "tracking_event" IS 'One event of a mail''s trace, recorded once by (mail_no, op_code, op_time, office)';
        ALTER TABLE "approval_application" ADD "address_ref" VARCHAR(32);
        ALTER TABLE "shipment" ADD CONSTRAINT shipment_kind_known CHECK (kind IN ('result', 'pickup'));
        ALTER TABLE "shipment" ADD CONSTRAINT shipment_status_known CHECK (status IN (
            'pending', 'created', 'accepted', 'in_transit', 'out_for_delivery', 'delivered',
            'delivery_failed', 'returned', 'cancelled'));
        ALTER TABLE "shipment" ADD CONSTRAINT shipment_under_way_has_mail_no CHECK (
            status IN ('pending', 'cancelled') OR mail_no IS NOT NULL);
        ALTER TABLE "tracking_event" ADD CONSTRAINT tracking_event_operation_known CHECK (
            operation IN ('accepted', 'in_transit', 'out_for_delivery', 'delivered',
                          'delivery_failed', 'returned'));
        -- Delivered is final: no later write takes a delivered shipment anywhere else.
        CREATE FUNCTION shipment_delivered_is_final() RETURNS trigger
            LANGUAGE plpgsql
            AS $$
        BEGIN
            IF OLD."status" = 'delivered' AND NEW."status" <> 'delivered' THEN
                RAISE EXCEPTION 'a delivered shipment stays delivered'
                    USING ERRCODE = 'integrity_constraint_violation';
            END IF;
            RETURN NEW;
        END
        $$;
        CREATE TRIGGER shipment_delivered_is_final BEFORE UPDATE ON "shipment"
            FOR EACH ROW EXECUTE FUNCTION shipment_delivered_is_final();
        ALTER TABLE "approval_application" DROP CONSTRAINT approval_application_ems_has_address;
        ALTER TABLE "approval_application" ADD CONSTRAINT approval_application_ems_has_address
            CHECK (delivery <> 'ems' OR address_sealed IS NOT NULL OR address_ref IS NOT NULL);
        CREATE UNIQUE INDEX shipment_one_result_per_application ON "shipment" (application_ref)
            WHERE kind = 'result';"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        DROP TRIGGER IF EXISTS shipment_delivered_is_final ON "shipment";
        DROP FUNCTION IF EXISTS shipment_delivered_is_final();
        ALTER TABLE "approval_application" DROP CONSTRAINT approval_application_ems_has_address;
        ALTER TABLE "approval_application" ADD CONSTRAINT approval_application_ems_has_address
            CHECK (delivery <> 'ems' OR address_sealed IS NOT NULL);
        ALTER TABLE "approval_application" DROP COLUMN "address_ref";
        DROP TABLE IF EXISTS "tracking_event";
        DROP TABLE IF EXISTS "shipment";"""


MODELS_STATE = (
    "eJztXVtz2ziW/isovbRdpWRjx5dEmZoqxVbS2rEtry13eiaaYiASkjCmQA4vVmt2+78vAF"
    "7Eu0iKlCkGL90OiQNS3wGBcz//21lqClLNt1dQVadQfn5AsmYonR743w6BS0T/SBnRBR2o"
    "65v77IIFpyonkd2xkrEZPDUtA8oWvT2DqonoJQWZsoF1C2uEEQ2gvACabZlYQcBcmxZa/m"
    "ICb6oucOZCCtCIjHoA0gs6ghaYYaKYAFumOwJAogB5Ackc8bdSNJk+GpN5XQ+ZEKJZC/oA"
    "cGQtEFhotomArkJCZ5503PFsPnBkarYh09+O/rCQQaAqYeV40jl+y97TJvjfNpIsbY7oNA"
    "Z92+/fOw4Bux0g6fzzn/QCfSP0B/2JdBz7p/4szTBSw7zDHHt+XbLWOr/2Gc+HxPrCxzJ4"
    "ppKsqfaSbMbra2uhEZ8AE4tdnSOCDGgh9gTLsBkHia2qLs89pjq/YjPEecsAjYJm0FbZOm"
    "DUzgtsrnUk6W40lh4HY0nqxNaIRxHgqHtJ1ghbX/RVTQ7AnL3Cm4+np+/fX56+e3/x4fzs"
    "8vL8w7sPdCx/3/ityz+dl9mg5UzFMRt+Hd6N2QtpdBE7i5xd+JPTQAs6VJwZG/Q3zAtz4G"
    "oBjWT8NxQRHtAfF+WBh3gWE7wLGy5sPr59sGEJ/5BURObWgv7z/WkGwr/1H65+7T8cvT89"
    "DsN859455bcY4BuAg99EAZQjZC2E+uT0Qw6s6ahUsPm9MNp0J0P4BSkStOJoX1OoLLxEyY"
    "hHSCOIKy7tW++PQ8TfQFAZEXXt7nQZ8I+Ht4PHcf/2nj1uaZr/VjmA/fGA3TnlV9eRq0cX"
    "EU75k4Bvw/GvgP0T/GN0N+DwaqY1N/gTN+PG/+iwd4K2pUlEW0lQCWzK3lUPtT/ZiTJ7Du"
    "xq7AI7IlfQUKTYHe1USxsbv7U8XUavQALnnGcMXPaartAxVNBS1yxE5HW6ZBIflCmc4M1w"
    "6Rmt8wknfSCrGBGLHumBx735G1pzSYCd+5CYK2RwGWGGDdOikgJdmfT/c80CR1DHb5+x9T"
    "bw9ONeTDyp5zETohEqkVAqJujQ/7G56E/v0v/oFjg9YzKLYWZIIfb0X0jmny5DTIgfhyF+"
    "bLiWW/7YkLTwVPx4keNQ/BjdaTdnIrsVPhLd/SMvvO7wFkJ7cZYD2ouzVGjZrai0wbc1Sc"
    "FUxSq0iOOUAvBcgJs6fSKSTAtathlH/HFJT4/UvTuBfPtGngC7u083BnVnK39/ennhb97s"
    "H1nb9eNt/+bG258TAJ5qSsK2MaZqyRZoPcJS67lhwGYJyIPfxyHZ2Fu2R7f9349D8vHN6O"
    "6rNzywzK9uRp8j6MtUQLdKKS9hyv3oLvuUVg5EVfFAaqquco8MrClYfrBJJ0FLCd7O1E90"
    "d6BkuCNzKCceDfiXNqW6g4qgyayNCIEfnkbgDflx3ON6xEoznqkqsFpodChdEQpm00EVPN"
    "0zTiaoJtU/ZEKW2gsywQ9C9z72e+k39gNoBNA/TToBpv/B8nOaYpJXDeH/LyBAeOOrERte"
    "VxOpRWhI1zkCjCy6zUZIW2gjOvSNNiTM0C+0mHLvUZSSCkux8l29MuFe1PsN4io0ne9jWk"
    "jnjJC1QXSsWxPikFE1xignLyaQV7CZNYwHbdrLOMNmmGBzUZ7hEXrB8aZxvCFqQt+mQvDg"
    "BRGrk6AlBO5mKgmQjZOQP3C7jqDriChvNKKugYlk28DWGnB68y34VaNvDjQd0oUGMP2TOQ"
    "iW0HxGCniBqo3MLiB0sMF0AJML8EwCfBtXEup6yg7Sv3BCvKYTovhu2lYzS8s8xCE3CEW0"
    "kB/EHV+XXf71NOyzPHEXZ+lhF2exqAu6q2tGEXB9AiHqbxf1nZNG0u2piuWCYURJtDVh/n"
    "oLuvqgLc89VwzsMFX7lnYtEVsKsiBW4zD/9+PoLhnmDUX0AMayBf4PqNiszVzT+cvMJjKD"
    "EUxtrFqYmG/ZY//a2b9GwxDKdkFFvU2RU5VNwFxQjdE6rMUjMk0HoQS1Y3N7i95hLSQzMH"
    "Kr4jEiCJh4TpDyBhPgkn5yQ6lnFK0FsLRnREww04wlYJFKM7jE6jquXew2lVAhDlSFKHc4"
    "73wqN4wVNZ/KzKCASFq0+oDYS47zkL4UdIeFpc4AfZPDbTpXw/HwH4O7HpCxhf+DyIRQ5e"
    "fLlx6gP2w2i+45uY7uPGFlJ+lhZSexsDKWWEJQwsGdvt4DJE2Gv6x0VD3EBxUOIkLZqzFU"
    "cEu9bZa38gdoBecPifPoDx3T2UrwPUzZQq4fCJfzhSWgF6oBlEtRClIK990hcJluV6ajh+"
    "Y3I0Up22dKql45cC2dRdXgEFmLgsH3HPjDFZPC4AepBPZFsI+Z7KIfQpwRXzQD4Tn5G1rH"
    "tOQI9ptoYHeiw+LCn94y865uXtGAK990Fv706R/0RyPL2Zv7j1f960EnvsQrgPWRzdOXZc"
    "0+xCWeF9zgp52MbbqROXiIcpOp5JhMEzYXl/7L3x6QCi2ceFy6uD84c43ZVIcrAceA/7NO"
    "k/xn+mOdl4qZ471b3SxT/DQwKEeKwAqugaUBKvjICwDdEJsegARoOiJY6dKLlB+a+6dOuU"
    "znobfpGwAFvWAZJcT7VDZtYt6xFyfAo4MkvjhE8nFzDsquMNq/rlyeHnez3WBfdwxOJcb6"
    "23tpdD+4G173wFKXnB1lQkZ9/6oG/atPd8MRv+ZuNxNy/yvVP3vOnjMh/ft76Xrw2/CKXq"
    "Kbj+RsPs0w+Ac3uALfS4SsyaxsTMSPg5mJoIoSvp30JNwoXSvA3ncSruuzZ3VXSrAgmboN"
    "Bpx98+EFGZg+LElC0jQVQZLyDQTIIrBPKV1dH4B/Zb/Ifx6NbkLIfx5GoX26/TygWz1nAx"
    "2ErRQTjvA2pu/37fU5NczbeEB7XoMYncsh8WoG8sZ9zT+nlbZpbKjQTPs68apXrN5Ncoqc"
    "d6ubWYE4MGircezbAssLoBv4BcrrN7qmYnkNqKzDhE3fpgWgLCOdroAuz1tbLRABRxBQIX"
    "SOjB4wtJUJoIEA3TWQchw3ldX1kETD2eYLcB4kuQ8S1rPmbGDdLOtZmGsxTmSY0GKUrVBU"
    "67akiYjL2m1c3tZWQhiOkAotqCnCcR4tSMjGQjZuEhsOXja+dhwXCaLxte/SSJeMN26PPF"
    "7jBVRV8Iw18xloBlCwqatw/RYMLZMVkAbYBKZFV45CB7LiJ58AD7BjvTCwxe7OMIFqkt+4"
    "uolFXleDd6JMIVe4iOsXbF+39uFrn7g1+xKbVveiVfoCOyEodkqh5RsiaiHMNcSQoLXEzt"
    "hC6zhA07o9uPptQnj/0qFvr94rUpHa6vlrSE0PVwNPrjVubqvksTEEbNUD0xkrdC+he7Xl"
    "3K9etFLRS5JLIbuPik+0P5vnSb1LvYreKWk9afLFOqe2pKlRJWB1+PCL9y65I577V+Phby"
    "xCmVNPyO3g4euAhT8jgx4CE3I9uBmM2QXHHKlETWuvo6s5byfRx2lFNpQIWRsiOfdhzykR"
    "OhshawPS+46ZxYpEN5opMkrAn0QreLALDwrnSiSQVsKBBkkwNSRLuAHfJZTYCKnQYpumxQ"
    "b5PIMyknZgdhK94HiTOS5skumbanttkraulOR6mFJwvSlcT/jY3bcPloHmqmIJrocpxY7e"
    "HCYXtkTHkjB3LPkRKRl9kHyPF/wIfjZugY0dcQrU8jiwHTEXSG6ixY4gBXI62ggS0Sw8Wz"
    "vtmnZEyu8N1cIPDpOplqDTF4FnyKa4pdsSnB+iEFJkNekGmiGD1dzecUnd+xO1FTHdNhdu"
    "vY9dsaIzbaJs24iVaU/Z5FMkzQ2483b16M32lU3WVsygrmv01nL37b2/manFYKlY5jjsDp"
    "Y3U1vBmmF11y3rkcfRf6ETtRUkHa7ZByNphoKMXTd4Z64Rm6qteFGlkuqd5q4Lq+9M01aU"
    "zAXWK9jRH91p2gRTnVFtoVKiCbFt0VKj6RFuoQKnfOjWhCdnrwTQBBA8/tp/c3p+wROQ3o"
    "Ifbi2WHzw1CVlAo/JyF0zXdCQFSMFsCqiCp3tmDIpnPFU6swi7O9CwO74UC4fbh6laF3gn"
    "Au6Fm6MS51a5SluiyNbrszeXy9or/1i4E0KITpQSqKqUQKAN6I61BIr5kprGjLwFBcLrsE"
    "kVBUJtExJk7mhbhXSZ22lNAANDRXLJTyfliuSSPQSCU7HFKJrcH6RpHcTVqxE6NM2VRjfX"
    "ogpbjLCFmein5+c58KajUgHn98KIG1qiuTu9X71P0Ix29ex5B92uvgEFGBqmQdW9j88gVr"
    "kCaqGlnmRszk4XTCDfn4bzrl4xporEQVWTWSo9lUZxQirmlhrcEVphHmiyeUDBJgO5aE+D"
    "IJnoaSB6Gggja3Y1T0+0ZeVv56XYnzKFWAdNXwci2vyA/OjXSMUvyFh3EuuEuve6WbY8N8"
    "5UCQ6u1Jr3vYO8aOZAMW1Ds4kSK1T/PVRv29BesIIMyUAzZ6SwAgorYCNZIerWH3odSnpw"
    "YivRz5WtmQfphEoeMvLZSWVTs9H0iQSUh10WyVX+ChpJO1cPgz6ve+TST8jj4O56ePe1B0"
    "zEM+z4lTH/p8XrJA1/Gzy4lZKYAMNovvSHN+ySYzVjo/p8AGxIHaWyVkBh/kv5QBQqcpZI"
    "e/apWqiUHogSmsvmpyJoopLG3TCpsO02ns+KNF0XEXRDRO1zRdXg7w6q1QWAjtIJrLdjzf"
    "u7IsPQjEJLOkTVPpxP373LE1Tw7l16UAG7JxwVP6eBOhwtTKwSLA+QCZGgySLBDBPMOkOV"
    "qVYXJhV8bjKfuYugcMx/kEpE/FcV8e+7a3aM989bxKZpTMgb6R9cfU2K83dwT3AI+gzZ6g"
    "30l4AI7BcuPeHSq8Gl52weHKECKIep6rLnvx7OZx9y4Hz2IRVnditiGkaKrSPpGRUyKoWp"
    "WrecTy7yKOB0VIZTI6aA8/2keNH8CFkrnNVZknkdBfNtY54osmWGxG6IREBsgYBY057+C8"
    "kJYKfvJgGS9hnzqjeaMienStFgpeaTU4+z3aRJ9KLNkjCV/uSm0lCn+/y6VYis1GfUtO2r"
    "CTaWTV/GHY0smyaQh8WFvEaW0PILWVnoG4C7p5ubLDNLqDo+Cw/Cu5bDCwZVH9jelhqgHq"
    "vOLC2d2so7YtXWMs11Gu9CmCXY8KKYppvyQpzMZcvrjBcIYPKGzgk4dQ9AdQXXJlgZ2LIQ"
    "6YLVgvKPrn9An4acUnbEitfB22WixBSCzX7pmCajiQPClChMiY1lxU9sSnxFxbR6W6KFLb"
    "UQxj5BC+GtXu+fakqCkTbdcuiNbwW4+zYZChtA+jpvrw2A/bISLA+QiTAaEUbT/C94j8Jv"
    "AwxsPy/8jbKwNY0Nu5vY/ECm2B5TAa4iPOx1wsNGsxmWMVTdSq9fNFXVVtzOEjM2pQ3t5g"
    "gh06A0C47fanz6tuD2HgAJ0NznvnFLzAJNRwQrwJnQBHQccG91WbOFb4jqYNYvJvDbWtFZ"
    "Ysme1T9hQmyyueA0/gMsewOYECtvAf0YkMJ6PLDpnCfQKaYqXbmAr15wxN7FefQSrt3HT8"
    "gUzejnBDCdzvk6gUm/LZMSHX/ikxG0QvQx/JFghYkZsKjxdzcM/AJVwJvliG4STT/Huhk2"
    "NGd5SByCIsaHKF3rLGnVWyCcz8/t41oglCZEt8domtfRiioMpnGNkDipwPF2jcWjE0JzaZ"
    "1FtIpPZ8hhmoES7AS+0zJnWbc6pc9AG9oEgTPcpHarjKmHh28VMfuuNEWFME233mg2lftm"
    "rAEXXZVzzVh/okIYoUuW/gnYI2RERa45cUSxuJdz9+m2+Dq9iYS7s0m7Z7qo5vOrgJgWpG"
    "mFJ6Nudyf91OixQz+2gkJaiE6EPBeQ0oSQ8LMICcKcLczZTWVDhebsVxJ9bXNxjV5wiui7"
    "uZtL9KXD6U/zx2+XfQlwwvHoAlGdyE1gLaAFDCQj/IJYy1pfnGWzAy8IlHep5aZIdpW3KU"
    "2QhSudfkImpO/8TSeA8oLSawSFpu8CU6N0YIpUjcxNOhrQxy3pJsiHOg/rUfI5Ni3E3pON"
    "nmnGhEAKIjMEu7bVpcbej4rkwHsmNqnA7t6GKmACH302t6yaiJjIkfP1BXuQxg3Kw+sJIf"
    "ZySmc9oo9hzDXZ9SgoXWY3pi+oroFmG85vntOPcAXX4Bmtqe5AeKlD9nOwdez+yAlhEZJ+"
    "c2H6APrvIwicbxM4u+/xJ/fGM9IpBo42ompzkz8SEnNFfw84WkLzGSnHXceADd1fzH5a6G"
    "UMpGuGxUzOL1DFCptXMTRdR4owJzf9HMnSUURI5h50FJZ/RneaZTLG22u2BumbrBR2hqPH"
    "HsCaSbfru+uH0fC6x7YVQ8N0a6HY3I7u/t4D9CcvNbKOnhl5WFN98VW/T3zuIE6PoHXr/v"
    "wkz8Kno1Lh5fdEYGG7lcV8gYWOlFWK8THiFvL+QHidK8pQWAaEZaBJbDh4y8CjF0P01YAp"
    "vbnDI7o5LAR+YJI092m2WglGBL1hO+wmzumNq6cDPstGjaeK4gvylOIlJviNbmh0zLLLBg"
    "CvCEPcUlD9I5i1wAnQoqov0p3oLXrWqsCJ7WLq7wJylb5/P2SaNTuIqbLMYqmoXqsiZU7n"
    "W2JWcpdp1z3AbA5UOZZlqkqzr4apv45GvAnoklWM3NnpFT9CTNd0W3cis7p8Hkeft03Hhu"
    "Hr3WfvT96duGo5NyLQB7AyIcxyQr99aDgmCQoXCLxH8CWmmrVwfiKbWUa9CfkxhSob94O9"
    "8EJbMQ/kGiyZy3EziRl8fX9CawGJ+yvAEUFzaOEX1HOvTIg/jk3mWA/4K7OrgB4e3ADzw0"
    "BL+gFSTv9wbByrBVadODZTsw0HR7o+wRQt6GaRxwfqV/PA8XZRwsTQSBNDkGVFFK0wWZP1"
    "3sZErPnfWxzo9CY7QZrW9BE5PTm7PPvw/uLMX+r+lawVHvd2ujtoAUADFAJO4Txuuz1AOI"
    "8beSILFbHNKmJf1zX62suU0s7B25nKIYwMFPWdfzrxXHgA9+AB9MI6Cx+BEUJxCJbObVhA"
    "VS0Mf4BIQF8aelWToSox0TxZ6E/GPkyVJfAfICMyMGUC++G3fKVSBH7x3iV3AEH/ajz8bd"
    "ADDvWEXPXvrgY3vH2rzH6byju4Xv06uPrb4Foa3tHLCyQ/I5bYOCF3I+nx19E3irkmmQuW"
    "OXs1ur2/GTg9ZLWlzqS3hnR9FU2864dYxB60zNaQJ/bA3yfK8D1CK8obNceolBRlsmQoKl"
    "RGWEtOjYRS4SZpswjuHwT3F5ptVMD++DSC/03mv7Apv6pOZ6pa8dJyASIBfVXmfAZqBcb8"
    "R3eaA2NBXlN+YOmFDPkPdCN6GF6NOwmbi3CR7OIi2SD7Oj6SK0h1SwUa13DdSfCRBG93s3"
    "wksjuQCYi5nCSdPqBDWVExHlm1QuhZXQMdWhYySA/IqmYiBRwtNBXTccddJ9xrCZ/RG1sH"
    "K814ZtlpbIqjif1Bfvd+Yp/NTk6OeQZd1HpR68MmhA0wWZKZNzkbyZDMiNZiRlP+mlCUqm"
    "jQEdLNcAK5SzuvadYd/lPbZPmXIUFTcr+KOH7ZfcmS6FvUUKmKzmRES/IYpBtIvfF7NHMX"
    "NHA3JlJQeMOaIr57p+WOguav7jQHxoK8YmZg6TUpDufKK9eUKGBuSjllSZeBUTkkS8o1m1"
    "c+wAqighzDpQtW2FrwsHoLy8/IAqwSGv4DUJAst95rRGQsOUumuCfTH9ehaG2uOBMIGbA5"
    "+1CWDMj5V+C09ca30BdZfQAQ/38RUQYmFjNtA7jVCzPuPlMA3g1FCwE+yeNIT/ejxzq5O2"
    "8rmchg9YWkJSa2ldQMMlvfyZhmj+2Ya86TqELrEaK5EM2bwII9iOYBJ4a7K7ji8M6NeR+d"
    "+YIyeEvgj3nhdkWqXX6fuJPSSyStAKexO1Wb8KpTPeY7X4Jq7O2I6Wqxt/WKjBShiO5XEW"
    "11HopQQ2tUQ5nv6z8aKdgTeEOzR7dF38Twvx4XkMwXEB+qD8OgoiY0EfPLmxJcIJiwa2fr"
    "pMkz7E+Buqx3H69CG/UgYuGRZeH1aPcH7IfmA6uyLrolbSlR2v0Be3EABhQnil+SbUubzc"
    "pCnDrJHo1VpwcANtvjnWwtSUeGlBY4lw126iT7A/t986F2s9pYAbfyZtjUSfa4rs8PB2sV"
    "L3FCdG0+jH1isYwToF3R30H/x2SvsgBHptgfzB8PYGc2bVNHxMTMKFsC4wTyPS7jA8CXGQ"
    "wtO8lU8UXVYJrkFiCKwDljVDkAbVi8X1bU5Ojp880A3D8MroaPw9Ede8omiYjfZJc2zaYe"
    "Bv2bWO0AMi8Bc5BK4JwD5znSZqx1orRElpEkVqRuFAmULYpj3anyXcy3mMcV5uUb7OauiK"
    "Q3HJipLpd3pypfYdudhLz1N5lzM8yOUI2cqX71ZmojXMIVXQo2RxbfEatvfJI2QVSnezX0"
    "NSa4WaNfa7q7NbZFbA9F/rZw+4QxV+0vJlA0Vi0dGgiwyYBGAPQTxo7YGMB8HcefApdZwD"
    "FrTAaBoa0A5g8OBSrX8IwJcVLiWHe3HFlwmwryHBrWQy2YCYct4GXIbQ+Q9hJ9RDz0Qbih"
    "y+Z17ZjO1bSdrUKNmX20pmtzLAprlFZgG3F6sF2tLLgxYoGuiMkVMbnNY8GBp8tFVaGk1k"
    "ZxbSldbI2oajmT6L4tsLxwU+CouHeGTuDEPj+FJxP7Ur6csr9Pp8eATc4bFbtPocIeWjoE"
    "H+igjx8uP/rNir0hLBTtmDUe5p2EGBfi2Xf7f3ymVOpjyNP3hGjalD0wSzQN8SzGh/Rosy"
    "idCOvLEWYmane/erExIX4J8asJLKhM/EraXyqAtYU25ii0kU21UdIty6RKEmndDKsMOdYb"
    "UWm2y/fQ0qJrx7BMVtpUCHmN2WmzhDzRmGUPCTFCshBdQZrDiKwYn8SuIO6Onohfes3rEG"
    "ELuxtkwHhwZa4RUcqwOEAmGNxoBstQhzK2CvsZg3RtOoWqcNdMNe0ZFc4G3FC1pm9vhRmA"
    "ZfqpREjFTtTwnUgYOptlbROmoc7+TEMb2ANdcXeMZ4w04m0J8LUGNYbq7KRY04J1eLKtan"
    "71n5yu4Uj5fI04rlQ3qKvr/EtHBtYU9x/0h1ACFcrITPD17j6fKGPT4L27m2G/E/GDlWc0"
    "MrtFyRC3KK3A9s+onaEksmFKgWs0ekCo99VjKhQVoag0jxVt8GH7Wf+dJNl7czdb8g6P2y"
    "p2f9Y0noDj0ClIYTGMTlsCAGdUdAYG0nlLZkC0N6z0g/nJv6/Qw4dKzWug4pkFsBWXwquf"
    "XgjlDd6nsoRy4VTfg1O9ya1Z27rkRUhDA6AXHvmfwE0iPPItZzAT9Eq5O0OEonv8AfB4mq"
    "CxpsuBIaJScmDDOFqHIFig5lGdiuyY97DrJCix7p1ulgJrbcbUFJLtClvhcEa6TJAai8/+"
    "HpTOwgRuAURiL6f0Af8USqdQOhvLChHJ3a71LuzxDWKBCKbfMZjePUJj4KXXIPYJ2rRsdy"
    "p3Ga6Oy0SZIsK1R9DCpPQPOQ67D6ln3YfG2Febpr68ylarG1gzEj36nzVNRZCkoB8gi4A/"
    "pXR1rXH/yn532M+j0U3IFvB5GAH27un288BrRLspTZxoVLXshDhMtpUM6C4c8ytHLasu9R"
    "7bK60gthhwxXDvfOsPx8O7rz3g0k/IVf/mZnDdA/SYVpFC/z26vb8ZjPklbakzpzG72r+7"
    "GngDWdsSPvZ2+PjILi2xafJRNyP+b6f+YdRJmmcbO7nIsY+dRM06gdbCF9GdLKy/xli8JV"
    "IuStyiPa2S1iyc8RQwmxRuYRGlFRkxQX3H4MECJSzEYcoW+gE69AcqI6KuO36J4EOwGbub"
    "QKbJmFfsKsP0EGELeX4gPM6ZA8UOzzJfdpBQ+H6azOMZJthclOJyhFTwuWl8bpT36YpJT9"
    "zxk+KE8gZ0t/uiHFHMHbs1oHK8QECFpgUc4RjM8QsiLM+IBzV2gWd4BZAorOx5zx3oFFef"
    "Q/3NzEDIvYvVdTymspYnFPSYiUJGDTKQZPTzFu6B17ZZCffAju4BttWlmilSF3CEqjVK9L"
    "6aYtV5RLutZhLO5k0TmvRDebUZs/Uw7rtHH1KAe4g7BZtZRoK2RGDTaCh+zBakzaz0HIwS"
    "EadmM7ZoETTyqkEj5QzP7XT9VpyZmeCx+e/H0d1WSS/JV6Ng2QL/B1Rs1oZv5y8zm8gMOj"
    "C1sWphYr5lz/trQSdOFfIHwymkZHtL+Oi2/3t0dV/djD5HtWc2wecCbrTUpIT9u85Yn5+6"
    "IK/VKS/iz5qSjCxqlOdJQm5oi5i+rlMJBlopGcjB25kCOr1jaC9UfYURiu3iOgEBGtZx5f"
    "z0I2J9V2YXx6wBIAROJA2YaUakP0uCAL/rbNtTjb+7kT1stGlPl9hyXYx03PfALq7Qabzy"
    "30LgFwJ/I1lRs8B/eMFExcHuPD59vh2OeZSQvx9MSP/qanDPL0JZRroTOTR6eBhcjYejO+"
    "lh8D9Pg0c3tMgwEJeFJQPRNzX52Men+/ubwe3gzp2Y7mqIFbbjc9/fP4x+43PzfZddexh8"
    "eeIBRwaa2TwCibl8rh/63+56vC2rQs8jwsY9Pt2M6fP7139ng036GyUWRrBOjneKbrF5Ft"
    "Jpnq5Ap+ldgU7jXYGoOEHfclbkYw3SVJI+1qBPtYa+Swwtk60/91PMaXSN0Qmza1RNp6LG"
    "kkIE1aQiyWP0RwqyEbIm74GVOLwHv4+z1XDf330zuvvqDY/q5mHoqaCKX1BSpaR8R1CQfp"
    "8Rrb69u1BA6/DuevSN7faMekIGt489gJaxRt+voK5DRaFHjVniK4hTtiEVeN/fgYfiEpqJ"
    "pdrTT9E4ZRvwj0Ran+ZZ7nRUeqz1aeqSLyi1RMjaB3YNWkZQC49BvaUUTIRWBIw2LsgsdJ"
    "47RpWCTN5QiRDCRnMXyVgp9RmHKQWXm8xljQrU7IucqXA+L8Xt5BkE15vMdQWbOrTkcoHg"
    "MWLB6ybzeqO+5pV6NxRC4N0u8Nq6UjIjLkzZQmH3QDPiEj4r9+0D/kILLQuHPASIRMhD6Y"
    "DuJpfYbSn8GREnG//7jjEn9/5EB8aGvFEnoQUYijt5oLvRw/Bq3IltMRXg+uhEVQzd2VoK"
    "bmBrTYE2PaYnEGlDgTEwVHdvfeZFvdy6M7YI+rA7DSF6RFp0ge2I2ReE7vg8bUWKtV9wC6"
    "OUR+nemeTe0JgsY7YVKybvqpgkuL6LgDV2ZxkQq1U9VYr1IAxFFbixLem4jggaa/Q/29G9"
    "8mfL/d02TDPMtRTRC1RtWBVog9BsLYGrfJirfzpmh7sGD9EcYa/L4PBKaxiL9LGmaCRdkB"
    "5N6vGfAqwkHCHphq8YYSvCfGr3+Gq2kRSlljOu1KduMtidp/ubUf+6B2xd1aAyIYOb4dXg"
    "7mrQA1TEkFm4HYvmfHocsDBO23R+5+uG+bjv5QBa4CuI0gkj8PZvwMPMSY8sEVmVOkEb0N"
    "93gFUEzOJxVqkTtIEbdQcvs0yB8seBR7zHAE8mNrKAhU7BM4HF/Q+vWYC+N8OEjEeSm1hA"
    "+a5JrsrFMwgGD4+Dazd/ABkm8p5YOD4uV3hcRnRclGGGZpOEzyM7Edwnak2IuSiPKZyB3V"
    "LlMQNZjoXdUnFa4Zsq7RqcYRUV5kCAqEVVlF/XKxjJPN7RhRXJfD6wTyGvCyu+EyQnp0cX"
    "fBU+QotSKF/cyQ5rveeFN/CZF/YQ1pn1f0Whv4Im6iTYQP173VyGT57+J3vjcxTnYmNZIr"
    "61QABRVUdReLEtg/6LzDFB4OgH1PFb7wFvnap4zr0fxz2wWkCLE7OKCr+YQFuRqEhbz1Mm"
    "xBsNzLVpoSVYabaqgIWmKl3wjHQLLBB9wGqBCCOlf2ITEI0g0cO86cdKN8O0+yqpxw1jRM"
    "3qe/gYKpwxlUjdOtirtyDyAJaiDosQUZPt541Z3YdRCmxvAFdfHAK9IPakGMDpBfA2FPsv"
    "ffc6Ru9aitwJ01P6mm+X6Smmd7+a4hIOAEpWYGJBQvkUmUCkUr6a/1S2D1TvAU5QIq8yFi"
    "tDdobevZvYF9PTE/rfd6eXE/v87AxO7MtLdE71DcSKTFgLVmiY9YJi/9cMsDI0Mu/G1Jv9"
    "PZrqPBZ9lIzegj4wEV3jivcoqtu4lYbAdM1VJefTo5pQancBofAcgsLDJLxCp6lPIA7THQ"
    "5Tv/ZXieM0StvCA/VADtBc+ZGQmCtWZL4EpyOkIg+20XxuoJPuJzngdhJYczqVvBjs/biU"
    "XpVxVTuUqlMJrpEODYtVxkxSBgJ386kBSphAhHK3cnfIEn+LGkSrtYW22uDM/18AWm98C6"
    "2g1ZiZC5xyW/W7Imlu7UzwLZbkVvCcCqRhJZxT4SStHOdUOEdsu7lqYp9/vFTofxWEJvaH"
    "qXzW4zYk1kIycGh3AZyxrlfYYgYet6pWvMz+zrOJ0/FAT0cq5BoJm0d24K5P1KY4wypidy"
    "04L2Rp88YLQ9suXitt6cn3+WU8n2SPSQKdvUgi5+/e5RBF6KhUWYTfE57Bn9MzGC50r6qU"
    "wNalcnVak+iFhbPJFk6HY/RzpTwry+8gteB287nNuEW0tHy7bV+2R9m+tMZaDtLgJzJNaW"
    "Ox/eOalm9g0WjIqzdRCZeNcNkIl029LptN3bUES1ioKFsOQ9imGlw+Q1gfUAoviOloYl/O"
    "3p+x6Kj3aGJ/fHfixkWxqKmLi2Me18TTRtyUD2yaNlKc5pGhQKtPQIdrpiOaYAmfkQmwFe"
    "u7s89nT4hmKMgAM0OjlJYwujV99+tmGN2cFSOltU/PcKBECYWTaqsEQL8luqUU9QKGqVro"
    "sKoeaAPN2ZlTFOkIWQuhrr7chqVZ/KhMKiiYsYuHyNpku99zjQBmzVISK9Qw+0gy9kGaLK"
    "vIATIhA09m5kjIUhPhyHv3kjjSZgmjXoiwhfb7Nhn0dIjLsDhAJgy2TeZvE61ZP40EIGrV"
    "FPne6rFT7S0zMVolP8GylVBIP4d9y63hL+lBsjx1VnixE5bnDCxWzAQaBn5hyXpoxu5AAh"
    "A0VIwMHrilzZjRiJdN6Tm1TGxiYZXboOZQBzOs0l+QYNCq6zEJtqrv0c/G7zr/T2HGasqm"
    "180wY/n8ivEgPXIsQNKm4+f05Ozy7MP7izOfAf6VLNzjqiX/9IpoRz6B0I52StaUEdvnSu"
    "VqhkhbqCG1OMJJCNRCoG46Q9ohUAdTTBKE6UgGSg5B2uttl0d4Np3ZAaNxSmh8mE7sjx8u"
    "Px4DaMY8s7o9pefmgnteP7GyGHTDWTiFMX6s8QqSORV5Lahqc0pB5B9JgvQ+HikcwA3e3b"
    "IkZ5GTWFt1NpGTGPA75mkHQ0dleB5jLWGecVKh/3R8vfEtxLd6FzoryITZSyU4yNIbv4Sp"
    "WgF0lopRR7uXjK6t6ap3iEio3zuo3yqaU4lOxUtsSQpcF05ITKJvkzJWRW4iFZuX2ETKDj"
    "CnTCGQjsT4o6ROxun7iDdebCE7bCEv2MRJRWOzV/SGSiziMJ4aYX2PWf0cKusURDVKK7CN"
    "JaVodNrkrOXPmqYiSFJtjkHKCLBTSnqAyGap16PRTWir+DyMSnNPt58HVIvh+wYdhK2QDh"
    "5d0AXx3hAJqPNDjZYmMzxiVom2IOBRUgF7ftjdrJGCiAeoBNj5waY/1S6eVhCmEgmcebIK"
    "/m1jViBVRS9ILSqJxKn3J4ucNl8QmWnGUjLlBVrCQgpLmEzoLbvoLcgwE72c6TrLhmJ/i/"
    "mk3sVcWfwMlC0qOxSVqn2iPZ6AntPlYE9AW1dK1gQKU4qImaZEzCTEoLtvH8h98gvqFg6Y"
    "iZG2yS7wuvEy4TLHO4bLhIssHxg78kbLxBZj4Y6eidFKOxZibWekUq2FWAONZ5PiikJtaf"
    "PUn/CGbg0rGhEEbF3VoML79LBiqaZGejy0Z7q2kAkgi+/hL8Cb7vByqhQci0XXH03XQMFz"
    "ZFpdgIhsrHXK5uNPnQjQ9TxlQqwFa/ijrVgh19VCcx9Bp6DzLrssQom1TM0ZZfS947wVf3"
    "n+NCeEX0QeNS7yiMeZyYlHd0YxhCBR62KQqrdZuN9AAYQ3FK0I36i9BSf+T6GsE3d4m+TN"
    "yjTmJVIwdDApsGDDVC1ctDUEd4kaui3Tl/NkmDiSUWFdOUTWpn3rdfXkjZy6o4587090YG"
    "zIqx+HFmDRRJKAkdBMioUqqRLfugGXh+clexXNeEwPAxa+MCCWse4kKMfhAd1c+rHl0uTS"
    "kdPx2SkfPDYSCoXzNTfcbobCSTdSy07YAtJFyw1FC8XK0zy60Gm6LnQa04VK9Bxtqxh5IG"
    "JjgpslLjdmWfQz7AghqhZ+PzUkjBUsfb9TwftS4B5y45jXqBHSMNmv8hAHUbOgkbqlqFnQ"
    "tpoFgwdW20W3Ogm6k3+vm6U2ucG1khEYvNWxOF4gMMOmDFWA3riUrITAB+X0dGJfnL+fTe"
    "zL8/fnE/t8ev6O/v3x4gO9/v4CHbs+QogVwOvFvwW3UEHgh2KjHwAT7jWkTycmC3nSCK/x"
    "FXM57vn5E+JUuWf3XLzo4wlUP9Gp/qVNATSf3bsqtFjsIa+Zj+k7sYsm5QugM65YY8oZG8"
    "y8mCsso+MJgUTxmlZCMKPcZaUVbHbRmcIEzG1qIBZTB9W3YOQ2vXRePq/3c6OxEPSHJUHL"
    "Qkud/V9opQeolQ6IvYxt0q+uobIC0gXlwM7106AHKN2EDB8fnwbXPbfnxIQ8DH4bPDz2by"
    "Q+xFv/Eh/r3GOjnetIie4QeaTJk4s8tQeiGlag9MBFPDl+j0UzmiZD1t3Ju3grit16UPxk"
    "+MoLJD8XzhYJUwmct+NsGwkpIukAu8Pbh2wtunxjSsg3DPo2mR29I79UIcwQqeBzk/ns6i"
    "gJInC67ShAsj+r0bt69ZDKrHJRza/gx5NALhw0jf6CVGhaEjIMrZDYHKZqnQ/hNJfccZoh"
    "d5zG5Q6RaJaO/mEGzuVJNOMmuMIOjiCV6Na7i2OjiMk9wrU4ywr26b13zMAjb7KD4lle30"
    "dwqeZJPtutn4mD6IB3C0hqZhK8383j0vAbD+TLlDItpHPvAHGM67+YwAsl67GGI8YaOGZV"
    "IC8gmdNZIFF4apJm8FwksGSeBLf1bSxFqtrp8xj9/ZUuzPyNNfOzbslS8Qi0CFn7zEOn+a"
    "S0DCEt3pG0BM4hohYGK1UPs6nZRlIwTUY0pU/RQoBrcISIaLAaLcgiVrWVppCmqGqvvTc1"
    "IQotRQErnuC0owrWjM+rvBL22v0ng/Cn62s+e7braxt9JU+3SWzh/yBCtShOxqOlWMPHGU"
    "KAHnmssc3RxL6cvT+b2BfT92hif3x3AumVS3TOet1cXBwndpesaNpiJSkC6bN0VDBcy2/K"
    "LhS4ZipwolzFHmTeYBCugWZFoE4gFWpGPjWDbnZSibCrKKFY31vBdluxSUVbQ0XpWqfjne"
    "TS8U4ydLyTuI5H5Q1UvDBymErsIbkqI8/ZtlsU6QhZC6E+yQP1STrUJzGoWRPHQi1dfAJR"
    "G3mH2siWZrGKfCghnypLBA+RCctCQWE8kILsaUcx9JnNLhn7IE2W1e4AmZCBJ7PCJTdjKH"
    "MQhuiE82m7V4RiJhWM/A6QtA/hejK5Dy9lyjX8FBSmO1cPA/o9X/eASz8h9/2/D+++9lh6"
    "IuUC+/fwusfTHNnfD+Nh/+bm79LD4MvT3fWA3zEsDFV1LTnphk7KlXd3c40ehDzRSlY1k/"
    "27fzt6uhtLt8PH2/746tcegEvNppvBEptLaMkL58lS/8t48CBxYuctJJ7iKPFpoma31/kk"
    "WZQFSerXkW+5BMgb/Hl27kZ34/7vlFQjFvxjQr4NKB7jHlghOSGxNg8n8nTsTe/XG+vW6y"
    "xYycSJJRiyXW9RWhHQ32QfHN8GCovKQarWxPTvWUz2tvPi6EcpBQfKccA5AgvHFgTIxN7W"
    "5L3NEY/KFM4NEgoeN5rHojpyy5I88lRHFqk9beN6ntQeURO7SRFjoiZ23mCx9JrYxfpF8d"
    "SZHctiRxN2WgJ5gma1I1APfJI2QVQo7jCIpl+DLhlNL0lvO6bB4ncHKTIng1omPlNfQNLJ"
    "CtDkA7r5IjT9sVtDNG81gtYAAtdQCgyka4bF+3dBVj7PMgHR3ChLzXBNzixBTrMNs8fS5G"
    "zyTI9nN10OOAFF3ajJsq7nTAj0xjpXwAoBwvL0gEmheAv6MqNSkTJnz9J4+T/vHY6wBVaa"
    "rbJ+Z+qazmMZ6+MueEa6BRbIQBPC4kpZJuBshmU6JaWni18jMlbRW3CnuU3UoApY4GHPqz"
    "zIHm7BtekVKnSf94vJqQ3FTIs9/R7IsmEBWrNAScto7XoRaNrIQFORWLWHiMdZVtni7JjH"
    "WWbV4jZAfnKax/dDR2XELcX8P8+YFILaG99GfCsvSKnZlkQfpyCq5xYBOUrXQrCrL9PPQH"
    "MkhhJohwgb7FBuDNqu6FM0HSBCJhZ2DqjdEI/CzsMwnTCH7eC/hYn2r6wQao+ihSu8lhJe"
    "3PbwUrKsZIhUWPqbYulP8+8UqCQVbJk8m1HVnci7tgt8cBV9zMdd+9Me3hlfjf2voF0rFb"
    "4EE1cW1LlaYgSoJSVMnqum1IYGQGDYBMw0v7cDM//ojNsat/+omvYMKIYar/tEF7imviCw"
    "wtaCkrIiHsllpSp9woT0+ZnNDUz03P7klqRCG4uTtlxqBKyYsYkZ0X64YJlvffvVj7gBK3"
    "dKdCCqUoG84aP7mpvcaCcffpNBKxKjm2mvcvmXOy3DGf5TZ2S8ckjynsBrfkxyuk1qOxMO"
    "wT7VuR0+Pg7vvko3oyuWF9ADS2yaLJRa1WSWFDAh3oj+WKIg3d0NbjaDoCW5S83PB7gefv"
    "kyeHj00wGcU8mcECqdjZ8eN/ed88S7X4bX1WcCRE+UAnpWAmmTGd8Yk8KhWW/2lO5ePdCl"
    "DJK7GyN/LpD5rimVy2+I07aoo+ie7WQOluWzHZLpBT9240fxqqtRutZtQbVlM5bchJKoxb"
    "Ivu+wDUkrJjShtBsGTXXlSfDOKU4rtaOt2FLTaxbDe5k0JkYqcqOakScSzY3xmTROMfVkK"
    "RohMxDvkUeQoZDZ3RBStAJ5A2j7Ea6koIlL+0tFvl0s4bA9kUe4lqoUHyISkVjrYxS4O/Y"
    "ZGRBlVlXRHMY0zoXDGXdgD/2C3OfluswpTMu/im0wFCMfSeA5rk8kLbmh3LZzZuL+AFLbE"
    "t0aiuN9B4RAU95vMF3sSpuUZTySYMsQUWsSe4t1S4BocsaynNyyOBJsAUnFxgQwWVpJQLL"
    "+mZ5QIExEhICIEpOmnhwgBOagQEJFtVye6M6wiyVzA0/OLIhBHyFqIcw12I21lSkxXjwOd"
    "rk4FadqkUZ2enF2efXh/ceYfg/6VrNMvrqR6TZkKlVwPEe2/7HrnLzObyFxOm9pYtTAx37"
    "Ln/bUuJ0MGorUUY/fDVgpxJUwl2FI5WyKxhQX2oQTK1hSgrGwrikdllkA4TCxAjoIcDmst"
    "AHCcUIAbBTceE5wT3DihADcW+CBcWD+JC+tgsxqbti5eKa2RF4FLNB175eHy2Iv9sTl6qG"
    "5qYR2xfhD0j2OeM8j0lC5wimJN1zzvL1wKi1XAitS8SmqmWvn8eWzDfhdZN2BLGIebaRwW"
    "jVP3UNOqKekfDQJZ1EdpydYi6qPssz7KATbXMhAdbJZor/Uw+J8nKoE7nbDcOSbk8enqaj"
    "Dg/bFMW5YR4g2yvvSHN+zSDGLVfdKrNwP1ij4U+SKCNC38Juro2Uz37uJadYBMhLY3ObRd"
    "GE7SP612GU5Eu482cz3hY4+V8fc8s8Xk9yCVkN6rijv27TdVxcW60x0YL/LHxW4WYaPCYv"
    "uKQj9QZzFELJrerW6WSRMGBuWKd6XMNtbM2Ajd4mO/mMCdBExZ6bOjiX1x/v5iYn9QTi8n"
    "9vnl+3fsv2fvUoJbd50wj7Vy09omIDUIk6UwWTaXFXWX4af/l0wEXW06DPMY/ZGy0iNkrV"
    "BhsySswe/jkHAVi9TxBayb0d1Xb3g0fCfSpZRCVgb7KJ0Avwz4hvbCGllTXJVCgccxwlbA"
    "HzHa57HZp5vsY3m92FoXxjlEJDDehrGC2dNlqzDOMUKB9VaskQWxWmLnjhG2Auu9b92aaR"
    "XetQM0rQC91gWOTf+FYxh/1jQVQZKiAIUII0BTJU6tC2n/yn7X9+fR6Ca0vj8Powv46fbz"
    "4OHohINPB2ErxasqDODpa/0wTaHCAP4zcj2PAVz0u26SCVz0u85r/U7vd33Vf7zqXw9ey/"
    "r9uMA6cz90Eszf/r1ulv3bDI7KFcxrUhYAjQDW8nYF134ALbbwfxDpsu639N+YtcHFc0zo"
    "RGy0cykwfgHVlGjeqh9Q3kDOGoFsYopUaFoSb1kurOfCet5sVtRsPW9964qHwePTzbjn7k"
    "YTcj+8+tvTfQ/oWH629ei2lYcJFdc2oDu66rUCLtjeIIG0ybxozKJ3nbKF4Q6Tta8mZg1B"
    "j4cXBawjojDICu4z94O76+HdV7qxOPQTcvUw6POYYFcQmZD+1dXgnl+Csox0fm14J40f+n"
    "ePQ7pHYcK6KBMT031q9DSWvowepOvBzfC3wcPfe4C1/Z1pBpNZ8Qsy1hPi3mMTuhfZjB6F"
    "5IUaewSSE3M8IQ+D8dPDnROubNkGYdeu+ndXgxs+XmbMUEtGJ1dfG3rJLM7FMlICJJV8pa"
    "0WAcLScAzlbCNOjFgEKTfHbJMQpLxA8nM5G22IUnC50VwWlviW2WSFJf5n5LqwxDfSaCUs"
    "8bVa4vMEom8Q57LnjrVIxpTBz/RHDV7QQS79VylAEgYtwW0RQzXdd2G5Qx1NIp8Hg0fcv7"
    "iloiFgKt8vJmBEdDCrM20oSAEaa3Q+XYMjVyXsAk3ngWL8D3ac0T9mMyyj45gLo/InTMhC"
    "W9EZDXrBQgQMbh+BbpsL1i7dYt4QCOh6MtZgyl6BX2S8SvN9fA/que5D3T+9c9p5sOPiCL"
    "hJhMejkR6PV7B0NG0rq9vYEfhM8me6tzmy9CRP5N1JeujdSSz2zqkMgIsV2AgRtRDmGrqQ"
    "b3b5IrpegKyFit7hKnZxfd49u4t8RD5FC7+gk1xVak4yqtScxKvUBN+sANARshaiXUtNIC"
    "ozI1y2y2eItIVb14HaqPJYJr3QtMJWqgihsFNVZacKBgvuaKkKRiceGCvy2qoiy7BJcaN9"
    "ZGB50UkqmuDc6WbWTNiM2WZvSQd1e1RmIXPDz2Jr2LFid7oV4QUZZkF5JkDSRlnm/DyPLH"
    "N+ni7LsHuxsL0iCLvDW4huLXI5faKVeDyl92UJkOy/KcvrqLSVtV+JSQr7PMz+/H9+pzIR"
)
