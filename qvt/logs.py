"""Log output: JSON lines for the application, and gunicorn's own logs, both without the
secrets some URLs carry (join links, personal invitations, email verification and password
reset links). A token in a log line would let whoever reads the logs answer as a member,
redeem an invitation or take over an account."""

import json
import logging
import re
from datetime import UTC, datetime

from gunicorn.glogging import Logger as GunicornLogger

# A path separator, raw or percent-encoded (a URL inside ?next=… or a Referer's query).
_SEP = r"(?:/|%2[Ff])"
_SEGMENT = r"[^/\s\"'?&#%]+"
# Name of the path segment → how many secret segments follow it.
# « accompagner »: an adviser's invitation to a network (networks.urls), a personal link too.
_SECRET_SEGMENTS = {
    "repondre": 1,
    "invitation": 1,
    "accompagner": 1,
    "verification": 2,
    "reinitialiser": 2,
}
TOKEN_IN_PATH = re.compile(
    "|".join(
        rf"(?P<{name}>{_SEP}{name}(?:{_SEP}{_SEGMENT}){{{count}}})"
        for name, count in _SECRET_SEGMENTS.items()
    )
)
_SPLIT = re.compile(rf"({_SEP})")


def _hide(match):
    name = match.lastgroup
    parts = _SPLIT.split(match.group(name))
    # parts: "", sep, name, sep, secret[, sep, secret]
    return "".join(part if i <= 2 or i % 2 else "[token]" for i, part in enumerate(parts))


def redact(text):
    return TOKEN_IN_PATH.sub(_hide, text)


class JsonFormatter(logging.Formatter):
    """One JSON object per line; never the request body (it may hold answers or passwords)."""

    def format(self, record):
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": redact(record.getMessage()),
        }
        status = getattr(record, "status_code", None)
        if status is not None:
            entry["status"] = status
        request = getattr(record, "request", None)
        if request is not None and hasattr(request, "path"):
            entry["method"] = request.method
            entry["path"] = redact(request.path)
        if record.exc_info:
            entry["exception"] = redact(self.formatException(record.exc_info))
        return json.dumps(entry, ensure_ascii=False)


class RedactTokens(logging.Filter):
    """Rewrites a record's final text with the tokens hidden (the arguments may hold them)."""

    def filter(self, record):
        message = record.getMessage()
        hidden = redact(message)
        if hidden != message:
            record.msg, record.args = hidden, None
        if record.exc_info and not record.exc_text:
            record.exc_text = redact(logging.Formatter().formatException(record.exc_info))
        elif record.exc_text:
            record.exc_text = redact(record.exc_text)
        return True


class RedactingGunicornLogger(GunicornLogger):
    """gunicorn's logger (`--logger-class qvt.logs.RedactingGunicornLogger`): the access log's
    request line, Referer and every other atom, and the error log's « Error handling request
    /repondre/… », pass through `redact` like the application's own lines."""

    def setup(self, cfg):
        super().setup(cfg)
        for log in (self.error_log, self.access_log):
            if not any(isinstance(f, RedactTokens) for f in log.filters):
                log.addFilter(RedactTokens())
