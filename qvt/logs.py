import json
import logging
import re
from datetime import UTC, datetime

# Join and invitation links carry secrets in their path: keep them out of the logs.
TOKEN_IN_PATH = re.compile(r"/(repondre|invitation)/[^/\s\"']+")


def redact(text):
    return TOKEN_IN_PATH.sub(r"/\1/[token]", text)


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
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)
