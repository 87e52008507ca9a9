"""One module per outside system payments talks to: its wire format, checked and built.

The wire-format modules (`wechatpay`, `nontax`) are pure (no network, no database, no clock of
their own): a callback route passes them the request's headers and body and the wall-clock time,
and they answer with a typed notice or raise their refusal (a `api.kit.callbacks.CallbackRefused`,
so a route answers 401 `callback.refused` and stores nothing). The nonce they expose is for the
caller's nonce store: remembering it is I/O, and stays at the edge.

The clients (`wechatpay_client`) speak to the outside system over HTTP and answer in the words
of `channel`; their sandboxes (`wechatpay_sandbox`) play the other side over loopback HTTP.
"""
