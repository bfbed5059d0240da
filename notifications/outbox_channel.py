"""The in-process Apprise channel `outbox://<recipient>`: one JSON line per delivered message.

Used by the demo and the tests: real Apprise, no network. Files live under LEGALCAP_HOME/outbox/.
"""

from __future__ import annotations

import json
import re
import threading

from apprise.decorators import notify

from config.settings import get_settings

_LOCK = threading.Lock()
_SAFE = re.compile(r"[^A-Za-z0-9_.-]")


@notify(on="outbox", name="legalcap 发件箱")
def deliver_to_outbox(body, title, notify_type, meta, *args, attach=None, **kwargs) -> bool:
    """Append the message to LEGALCAP_HOME/outbox/<recipient>.jsonl."""
    recipient = meta.get("host") or "all"
    folder = get_settings().outbox_dir
    folder.mkdir(parents=True, exist_ok=True)
    record = {
        "to": recipient,
        "title": title,
        "body": body,
        "type": str(notify_type),
        "attachments": [a.name for a in (attach or [])],
    }
    line = json.dumps(record, ensure_ascii=False) + "\n"
    with _LOCK, (folder / f"{_SAFE.sub('_', recipient)}.jsonl").open("a", encoding="utf-8") as fh:
        fh.write(line)
    return True
