"""Log records as one JSON object a line, for log collectors (settings.LOGGING, "json")."""

import json
import logging
from datetime import UTC, datetime


class JsonLineFormatter(logging.Formatter):
    """`{"time", "level", "logger", "message", ...}`, plus the record's `fields` dict."""

    def format(self, record: logging.LogRecord) -> str:
        line = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            **getattr(record, "fields", {}),
        }
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        return json.dumps(line, ensure_ascii=False, default=str)
