"""Logs without secrets: private link tokens and IP addresses are hidden before anything is written.

`HideTokens` is a logging filter that every handler in settings.LOGGING uses; `GunicornLogger` is the
logger class gunicorn.conf.py names, so gunicorn's access and error logs hide the same things.
"""

import logging
import re

from gunicorn import glogging

HIDDEN = "[hidden]"

_SEGMENT = r"[^/\s?#\"'<>]+"

# Private links carry a secret in their path: a participant's resume link, an invitation to join an
# organisation, a personal invitation to take part, a report's share link, a password reset link, the
# unsubscribe link in a "what happened" email. The secret part, and any token in a query string, becomes
# [hidden].
_SECRETS = [
    (re.compile(rf"(/resume/){_SEGMENT}"), rf"\g<1>{HIDDEN}"),
    (re.compile(rf"(/invitations/){_SEGMENT}"), rf"\g<1>{HIDDEN}"),
    (re.compile(rf"(/invited/){_SEGMENT}"), rf"\g<1>{HIDDEN}"),
    (re.compile(rf"(/shared/){_SEGMENT}"), rf"\g<1>{HIDDEN}"),
    (re.compile(rf"(/unfollow/){_SEGMENT}"), rf"\g<1>{HIDDEN}"),
    (re.compile(rf"(/password-reset/){_SEGMENT}/{_SEGMENT}"), rf"\g<1>{HIDDEN}/{HIDDEN}"),
    (re.compile(r"([?&;](?:token|key)=)[^&;\s#\"'<>]+", re.IGNORECASE), rf"\g<1>{HIDDEN}"),
    # gunicorn's "Invalid request from ip=203.0.113.9: …"
    (re.compile(r"\b(ip=)\S+?(?=:\s|\s|$)"), rf"\g<1>{HIDDEN}"),
]


def hide_tokens(text: str) -> str:
    """The text with every private link's secret, and any IP address given as ip=…, replaced by [hidden]."""
    for pattern, replacement in _SECRETS:
        text = pattern.sub(replacement, text)
    return text


class HideTokens(logging.Filter):
    """Rewrites a record's message (with its arguments filled in) so no secret reaches a log."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a badly formed record: leave it to the handler to report, as logging does
            return True
        hidden = hide_tokens(message)
        if hidden != message:
            record.msg, record.args = hidden, ()
        return True


def _path(uri: str) -> str:
    """A request's path with its query string dropped and its secrets hidden."""
    return hide_tokens((uri or "").split("?", 1)[0].split("#", 1)[0]) or "-"


class GunicornLogger(glogging.Logger):
    """gunicorn's logger, keeping no IP address, query string, header or private token.

    Whatever access_log_format an operator sets, only these atoms exist: who made the request and what
    their browser sent (headers, referrer, user agent, environment) are never available to it.
    """

    def setup(self, cfg):
        super().setup(cfg)
        for log in (self.error_log, self.access_log):
            for handler in log.handlers:
                if not any(isinstance(existing, HideTokens) for existing in handler.filters):
                    handler.addFilter(HideTokens())

    def atoms(self, resp, req, environ, request_time):
        full = super().atoms(resp, req, environ, request_time)
        path = _path(environ.get("RAW_URI") or environ.get("PATH_INFO", ""))
        kept = {key: full[key] for key in ("t", "s", "m", "H", "b", "B", "T", "D", "M", "L", "p")}
        return {
            **kept,
            "h": "-",
            "l": "-",
            "u": "-",
            "r": f"{environ.get('REQUEST_METHOD', '-')} {path} {environ.get('SERVER_PROTOCOL', '-')}",
            "U": path,
            "q": "-",
            "f": "-",
            "a": "-",
        }
