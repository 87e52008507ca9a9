"""The one log stream: what the libraries underneath may and may not write into it."""

from __future__ import annotations

import logging

from api.kit.logs import configure_logging


def test_http_client_libraries_do_not_log_request_urls() -> None:
    # WeChat's URLs carry the app secret, login codes, access tokens and openids.
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    try:
        configure_logging("DEBUG")
        for name in ("httpx", "httpcore", "httpcore.http11"):
            assert not logging.getLogger(name).isEnabledFor(logging.INFO), name
        assert logging.getLogger("yiwang.auth").isEnabledFor(logging.DEBUG)
    finally:
        for handler in list(root.handlers):
            root.removeHandler(handler)
        for handler in handlers:
            root.addHandler(handler)
        root.setLevel(level)
