from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE TABLE IF NOT EXISTS "hall" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "code" VARCHAR(32) NOT NULL UNIQUE,
    "name" VARCHAR(64) NOT NULL,
    "timezone" VARCHAR(64) NOT NULL,
    "release_days_ahead" SMALLINT NOT NULL,
    "release_hour" SMALLINT NOT NULL,
    "lead_minutes" SMALLINT NOT NULL,
    "cancel_cutoff_minutes" SMALLINT NOT NULL,
    "max_active_per_person" SMALLINT NOT NULL
);
        CREATE TABLE IF NOT EXISTS "category" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "code" VARCHAR(32) NOT NULL,
    "name" VARCHAR(64) NOT NULL,
    "prefix" VARCHAR(1) NOT NULL,
    "hall_id" BIGINT NOT NULL REFERENCES "hall" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_category_hall_id_b53837" UNIQUE ("hall_id", "code"),
    CONSTRAINT "uid_category_hall_id_ea6b64" UNIQUE ("hall_id", "prefix")
) /* A queue inside a hall, with its ticket prefix letter. */;
        CREATE TABLE IF NOT EXISTS "slot" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "public_id" VARCHAR(32) NOT NULL UNIQUE,
    "hall_id" BIGINT NOT NULL,
    "local_date" DATE NOT NULL,
    "starts_at" TIMESTAMP NOT NULL,
    "ends_at" TIMESTAMP NOT NULL,
    "capacity" SMALLINT NOT NULL,
    "booked" SMALLINT NOT NULL CHECK ("capacity" >= 0 AND "booked" >= 0 AND "booked" <= "capacity"),
    "released_at" TIMESTAMP NOT NULL,
    "category_id" BIGINT NOT NULL REFERENCES "category" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_slot_categor_77cb15" UNIQUE ("category_id", "starts_at")
);
        CREATE TABLE IF NOT EXISTS "appointment" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "public_id" VARCHAR(32) NOT NULL UNIQUE,
    "category_id" BIGINT NOT NULL,
    "hall_id" BIGINT NOT NULL,
    "local_date" DATE NOT NULL,
    "status" VARCHAR(16) NOT NULL CHECK ("status" IN ('active', 'cancelled', 'checked_in', 'no_show', 'completed')) /* ACTIVE: active\nCANCELLED: cancelled\nCHECKED_IN: checked_in\nNO_SHOW: no_show\nCOMPLETED: completed */,
    "idempotency_key" VARCHAR(64),
    "channel" VARCHAR(16) NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "cancelled_at" TIMESTAMP,
    "person_id" BIGINT NOT NULL REFERENCES "person" ("id") ON DELETE RESTRICT,
    "slot_id" BIGINT NOT NULL REFERENCES "slot" ("id") ON DELETE RESTRICT,
    CONSTRAINT "uid_appointment_person__522440" UNIQUE ("person_id", "idempotency_key")
);
        CREATE TABLE IF NOT EXISTS "slot_template" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "weekday" SMALLINT NOT NULL,
    "start" TIME NOT NULL,
    "end" TIME NOT NULL,
    "capacity" SMALLINT NOT NULL,
    "category_id" BIGINT NOT NULL REFERENCES "category" ("id") ON DELETE CASCADE
) /* Weekly pattern: on this weekday, this period, this many places. */;
-- Written by hand: the one-per-day rule and lookups.
CREATE UNIQUE INDEX IF NOT EXISTS "uniq_appointment_active_per_day"
    ON "appointment" ("person_id", "category_id", "local_date") WHERE "status" = 'active';
CREATE INDEX IF NOT EXISTS "idx_appointment_person" ON "appointment" ("person_id", "status");
CREATE INDEX IF NOT EXISTS "idx_appointment_slot" ON "appointment" ("slot_id");
CREATE INDEX IF NOT EXISTS "idx_slot_category_day" ON "slot" ("category_id", "local_date");"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        DROP TABLE IF EXISTS "slot";
        DROP TABLE IF EXISTS "appointment";
        DROP TABLE IF EXISTS "category";
        DROP TABLE IF EXISTS "slot_template";
        DROP TABLE IF EXISTS "hall";"""


MODELS_STATE = (
    "eJztXW1z27gR/isYfWluRk4d2XFSX6cziqwkurMtj61LOnfusDAJSagpgCUhO2qb/16ALx"
    "JfQIqUSJlk8CkOiQWpZ8HF7oPF4r+dBTWQ6bweQNN8gPrjLdKpbXTOwX87BC4Q/yOlRRd0"
    "oGVt7osLDD6Yrojut9XsTeMHh9lQZ/z2FJoO4pcM5Og2thimRAgNoT4HdMkcbCDgrByGFn"
    "9yQNBVF3h9IQNQoqNzAPkFC0EGppgYDsDM8VsASAygzyGZIfetDKrzR2Myq+oh94RQNucP"
    "AK/YHIE5XToIWCYkvOf7jt9e9AdeOXRp6/y3o28M2QSaGjZ+uu/89Fq855Lgfy+RxugM8W"
    "5s/rZ//NHxBMTtkEjnH//gF/gboW/8J/J24r/WozbFyIzqDrvYu9c1trLcax/wbETYR7et"
    "gOdB06m5XJBNe2vF5pSsBTBh4uoMEWRDhsQTmL0UGiRL0/R1HijV+xWbJt5bhmQMNIVLU4"
    "wDIe29wOZaR9OuxxPtbjjRtE5ijAQSIY36l3RKxPjir+q4AMzEKxz9pdc7OXnXOz45e//2"
    "9N27t++P3/O27vsmb7377r3MBi2vKxez0afR9US8EOWD2Bvk4sJ3VwYy6Em5ytigv1FeVA"
    "ODObTl+G8kYjrgPy6ugwDxLCUEFzZa2Hx8h1DDAn7TTERmbM7/e9LLQPhL/3bwuX/76qT3"
    "UxTma/9Oz70lAN8AHP4mCqAcE2sh1G9673NgzVulgu3ei6LNLRnCT8jQIEuifcGhYniB5I"
    "jHRGOIG77s6+CPJuJvI2iMibnyLV0G/JPR1fBu0r+6EY9bOM6/TRfA/mQo7vTcq6vY1Vdn"
    "MU2tOwFfR5PPQPwX/D6+HrrwUofNbPeJm3aT3zvineCSUY3QZw0aIaMcXA1Q+y5mlOljyK"
    "qJC2KKfIa2oSXu0B5Na5u8tegt4lcggTNXZwJc8Zq+09FfGpgNnxBhMpckdDfTHYGinYbW"
    "Dbe6In3LQsQ4olydwEH60sZsBVx55zX4TPmbA2pBPu4A5n8KV2ABnUfuNTxBc4mcLiC8sQ"
    "0sZDuU2xkgZojXCV+ksqdIPAnlMDTBYShuWA9pTw+qj3aZ0/A0+sgRLeKtBO2rclMOqtaI"
    "l3Kax0k5TfdRThMuCrfq1C4C7lpgJ3R96Grjg0TQPTvNge7ZaSq64lYUXW+m0azlg4n1gj"
    "63TLYizF9uQJcf4diI/0qHFQQ7KtW+oV1JeGMgBrGZhPmXu/G1HOaNRHwCxjoD/wMmdhKO"
    "UFmhTOev0yXRBYzgYYlNhonzWjz2b52KNJABuEAoMvkGOL+66v89roLB5fhDfFYVHXzg6q"
    "hN1MHmd8hxPIQkYcfm9pa4g801J9Rya+AxJgg4eEaQcYQJ8EV/9nnHKUdrDhh9RMQBU2ov"
    "AOXNp3CBzVUyutivKxVCNDSE2G1y3ntWrpkqKp6VBaGASBq1OyTLhYvziL8U9JtFvc6QfJ"
    "3Zx85gNBn9Prw+Bzpm+D+I3BMe/Hz8eA74D5tO4zYn19R9lmfmjodnoYn7LK4MsQpDkGTi"
    "Th/vIZE6w7+rd1Q+xDwaZzsRv1FJxfs2iagwIQ8hls5Oeo/LKs03SfPom4V5bzvoPSrZQq"
    "03RMsBJplqttETjwB2W88LS5ag5prRDW3UMjdXjheH5qeR4pLto5LKDw58prNoGBwR2x4N"
    "NwDnA8bDoZwbEZgUBj8spbAvgn2Csot/CElFfKQ2wjPyK1olouQY9j7hdrPuqFla+B4Ms+"
    "Dq5hVt+LymzqKfPv+D/2jEPNvcvxv0L4ad5BAvAdY70U9f1+myiUM8L7jhT1uObTrJHJ5E"
    "XcpU8yhTiXHx5T/+eotMyLB0uvRxv/X6moiumusBJ4D/XiUl/4H/WO+lEnR8cKubRcU/hB"
    "ptT/8Bz3AFGAXc8dHnAPopNucAEkAtRLDR5Re5Pqj/p8W1zPvht/kbAAM9YR1J8n1K61aa"
    "KhzkCbjZQZo7OFSicH0myq4i7V/WL0/Pu9lO2Fedg1MKWX91o41vhteji3OwsDTPotyTcX"
    "99lcL11d+uR2P3mm9u7snNZx5/nns25570b260i+GX0YBf4sZH84xPPQj/sIEr8L3ExOqs"
    "ytpk/HiYOQiaSPLtTNC3lOkhLtcKsLNIoeHfJxE+KJEBseaELsfXn4Lm8bSIWCjrrdlrj2"
    "i1gwrk0m0gcA6thydkY/4wmYdEqYkgSfkGQmIx2B+4XFUfwPrKYZH/MB5fRpD/MIpD+9vV"
    "hyE39a4aeCPMUigctdqYbu/bu+ZUs9XGBtm8Gik614LEixHktfuaf0yWtm5qKJGmfZl81Q"
    "F/85QtcsGtbuZ2/VCjreTY1znW58Cy8RPUV0cWNbG+AtzXEc7mmtMCUNeRxUdA19239jxH"
    "BLyCgDuhM2SfA5s+OwDaCHCrgYyfklRZVQ+REmebL8B7kOY/SLFn9TFg3Sz2LKq1hCYyKL"
    "SEZCsC1aqZNJVxWTnHFZi2HZzhmKiKguriHOeJgpRvrHzjOqmh8b7xhbdwIXGNL9ZLGume"
    "8WbZI8+q8RyaJnjE1HkE1AYGdiwTrl6DEXPAI1oB7ACH8ZFj8IbOHBk/AzfBThSOwkzcnW"
    "ICTdm6cXkdq31dNbZEmU6uWiKu3rF1/y2Ab9C+hS5t+WuJdat70ap4QcwQHDuj0PCNCLUQ"
    "5gpySNBKE3NsoXEckmmdDS7fTKjVv3To2xv3qq1IbV35q0lNDz8Cl8SBm9g8PQ7cEAFb48"
    "B0xarYS8VebZn3y3etTPQkW1K4W3AnNXWcr4UOx3m+qXaon/Tena0Ht/hP1nC+u+pfXkr3"
    "wLGlZJNKvlznjfThQgJRhw8/Be+SO+O5P5iMvogMZVf6nlwNbz8NRfozsvkkcE8uhpfDib"
    "jg0ZFGnFp7mVjNezuNP44WMSgxsTZkch6Cz9khdTYm1gakD50ziw2NG5oHZO8Av0xW6WAf"
    "HRTeKyERLUUDNfJgKtgs4Sd87xDExkRVFFu3KDas5ynUkbaHsmXySuN11rjiJNONans5ya"
    "Vl7Kj1qKTSel20LvnY/bcPl4F2Q8UdtB6VVBa9PkouzEQnNmHuWfIjVjK6kXpPFvwIfzZ+"
    "gY09cQrV8miYRcwFkr/RYk+QQns62ggSoQxPV95xTXsitT4bqoUfHCYPVBLTF4FnJLq44m"
    "YJzprohBQZTZaNpsgWNbf3HFI3647aipizfBCdPyBtZsO9P8G7oLdPorO2YgYti/Jbi/1N"
    "Vn/TU5vAqnJpP1JPTbLAH6+3lr7MH6ny5jbdmvV95yVeQwdAcPe5f9R7e+ZmYb8G//Q3pP"
    "/Tzc9GzD0CuAseVrwlB8jAogtogt9uhEecTPsutWeVe9DQ3AN3KBbOOYxKtS77QGUdKq6n"
    "FIZvt3IjqtLIy6s3F28f1MAqXA46Iqf2U5a1nzJ0FtqeGyqLEWp1U0beXZXRcVinbZWR2t"
    "ESnzteWzrd5/bqM8NQU5Vh+8N5uSrD9gDZcNxtsYvucAzLtA7iCk5Iho7zTLlxLRqwJQRb"
    "uB2v9/ZtDrx5q1TA3XuxA5KpKaN00w/tXQvU48xe8bxGn9lbg12oNYugqrbjU4hNNwBlaG"
    "HJ+ObsPRMS8cNFOMfVujFl7J4wqS72E3JvVHYa+JZCpDFZRQ/UmR4wsCNALlrYOSymCjur"
    "ws6KZM0uaRa4tqIG4Gwn9ad0ocZB3ceBSrlr0Dr6BTLxE7JXHWmxNP9eN4vL85NtjHDjUt"
    "m8PzooSOkKVRS16ZIYqlqvovoaykOpCr0NrLjFZ0fMpItZ2eF3WE7F3REmbykrEJeN5lpI"
    "QdnsAhB+hFeQCe0Mbod9t8KDL39P7obXF6PrT+fAQe5eAvfKxP0vcytCjL4Mb/2aEMJLET"
    "If+6NLccmjxkSrvtsA1qRixK5Un+L4Uj4Qg/uVO2zwWku1MPJsSKSZi9gzEXTQjgxuVFQR"
    "uLXXs6E9rIo4uhGh9q03VbCobdMnbCBbs5Hk2PmMoC0mp7DejrV7kh2ybWoXGtIRqfbh3D"
    "s+zpM5cHycnjkg7qnViB+ThY6mBBO2g8pDYsolqLNLMMUEizMwdqnLExVVeq6znt11gMKJ"
    "/WEpldZfVlr/ek1mz6T+vNv166aEvOn84dFXp2R+D3fJqt9aIVuX/NZDQGXvqyU9taRXwZ"
    "KeZzxchAqgHJWqis9/OZxP3+fA+fR9Ks7iVowaRsbSQtojKkQqRaVaN5zfnOUJwHmrjEWN"
    "RADu2pPi5YFjYq1YrM7yzKsoDby0Z1KXLTPvdSOksl4LZL06y4d/IV0Cdro1CYm0j8wrnz"
    "QVi5wmRyP9CPDsZVKZvDpQQlGlPzhV+mJnUdfNfNWBYzn8UdQ100JekiX9JGr+BuD6t8vL"
    "LJolUgdYpAfhfQsGhjOnG2bbUrPQE3UotYVXRXJPrNpakLJK8i6CmYTDi2OaTuVFNJmLy+"
    "tM5ghgcsT7BK70OYDmM1w54NnGjCHSBc9zrj8+/gF/GvLq1RGWLHa3T0fSfQIbe+lRk2p3"
    "QG1mua6iEhWVWAuDXTWXyDAzC2G8FmghvOXH/Q/UkJC06cxh0L4V4B6aMlQcQPo4by8HIH"
    "7ZTodyQ5VGo9JomvMFH9D5rQHB9uPCXyuGrW5q2J9iWycyJWxMCbiq9LCXSQ8LHXki4Zei"
    "B6JsTRSzos23Mkx94I22PzmAWuyILhmgU3HOAdf/jNqrnwF/b+5L8D+BeISOHMBHFR9bAE"
    "t4pv2728I2BR0pwqk+Rr+bQTit9ZXQQUaphJBMK2LJqgkn/qnx+I9/bJKRnpVxEpFTSScF"
    "kk7U2aXpg72Z0boknEusxamAQgUUdVJDiQHFy7i+sdPrZAcdJM632+oCxw7Yy+cHjwk6Eg"
    "YXrKWP/JVa4B3Tx51YD0Ywg09iMRVw9xQsMMFHlk15m0VXNABBslvSNy7/EffknnxF3JFi"
    "4BEhy3Hbc/NrAve0B8BdbXGkGfe0Qf9mBBgVNw3uaf/MW2IHmMiY8f4WWGxt5o44O3d70E"
    "3sFnOxkUVt/loI6nMAdR1Z7ofU9S6I+i9g6XAHnhJ+TTwLgtOTN8dv+N/OM++Xf8jQ7TaP"
    "Y79OEsSq1FyN7G+Wbx9WWQH3PibWQg+//KU4Gy34s/yjm6NAp9fuCsu0pjxR783pu9P3J2"
    "en66G+vpI1wpULr1x45cIrF75uami8Cx8+UFniv8fOW0533mGsYcl1jTcjDRvc/6AMEX3l"
    "7idUzmZtLEWWs6kyFw9R19hn3gvPjzFBNUPunLTgHtdUFP6QkIJ+Z+hNqkNTE367PCKQYx"
    "+VyooGGqiIDEyFN9/8usjcxcBPwbvkLovcH0xGX4bnwJO+J4P+9WB46dY41sVvM90yx4PP"
    "w8GvwwttdM0vz5F7dBUm9+R6rN19Hn/lmFPNmdNn3nJ8dXM59Aot04UlXLualEaOe0sFJl"
    "+JqNptvZ3qUWcLVD6oVa51OvTNpH7y5FqvLfMueo/Jqqzr+nB8SU0rku9F/WjHpMVz3kNC"
    "Cvqy+FUBagns6p3fTcNUkJdbDQ29CLN6yw3R7Wgw6UiMi+Ks9+GsN8i+DGk9CDJMJYz1+l"
    "43i64O56jmybLmiluKlA6HR0UAAkHYdMEzZnOAmQMY5sEhAyJ5G38DHCWGbFly9Y69SBlx"
    "IdxxlWugDkdrc8XrQBHj9THx3QxivOh58HsdBV83U1Q1Ie7+WwDcoH0Lwa3i4BPXzhSAdy"
    "PRQoDf5KE50lmOOLpqIaEuXngwr+7pL372u2mYCvJ6i6GhVzS/IRrw7Fkkq2XBTjIyD/Iv"
    "S8Bp4nfVJryqjDvcT1gScwSfdnq8EdgQVf9fefiH9fBbnfCi/Psq60bjBfoPJQUrdG1kDp"
    "gG0Hcw/PPdHJLZHOJOQ/G2kXe6qgFXjgbn/vHKUeS3HPct7eFwkcC7au14Kceo+xDN6VJy"
    "hmQ+eAPZwwH7vv7AmqKm1QKTpdQzzQY2Lns4YM8acBq3t3it6UtGp9NdIU7t5ICV/HsNAF"
    "vYeC8tTLOQraWtFmWDndrJ4cA+qSfUCZolDyvgL9bsXWs8vDTUMF/vRcJdl0qRber2KZb0"
    "cDdYuC57G0h42c5h0GaOSOhRK12NiIPVFpADRMRq2UDtP6iPIgrvP/AtuhS/jOPHw4ItzO"
    "ptU3InIsYuKg6JKQXXWsE6tKCOmWSvybYIdSPXplmojKj0gdJHVJgO3Ei1pnxIiRTgboXb"
    "I6LKEtXcEqnt0PVKpUkvJ1s4naaFZE43llITG4a7p9WEinPsSaHF6oG0BPjKWbR1ok0Kmx"
    "ZOxMlm1dbpP7notc5XhB7NFbCgSCYn54ASr3TgM79uwFXX+5+FbEwN/z/8h3ABE+rISeaw"
    "l9CfymOpse3uZvB3vo6LeqEhsTZNpGV4oi5vkcRzkk10ZHme7fQ6I66l1K3cUKLeAXRxV1"
    "J4kXEaogjwfnMF+56wK3KgivwAFeaoMKd+qjhQmFOl797njqw+78gKI3p3Mv11uGlTm7Tv"
    "H8VX3rPOcLoX/IRsB8tSgtLXsEMiLUw87r19m2MRm7dK9R3ce9E5TXxUBRD2m7cQ3TfHx3"
    "n2FR4fp+8sFPdiHgMlTHro3C934+u0TQlrkbgTjHUG/gdM7DTRX8gAV4ARoboT5wTHjwSO"
    "ecCigw/Fkt7Kn8y+/x+QqTfn"
)
