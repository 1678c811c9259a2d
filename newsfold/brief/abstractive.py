"""Optional abstractive lead through any OpenAI-compatible /chat/completions endpoint, citations kept.

The model sees numbered facts and must end each sentence with the numbers it used ("[1][3]"); a sentence
without a valid number is dropped, so every line still cites the source spans of the facts it rests on.
"""

from __future__ import annotations

import json
import logging
import os
import re
import urllib.error
import urllib.request

from newsfold.brief.config import BriefConfig
from newsfold.errors import ConfigError
from newsfold.model import Cite, Fact

log = logging.getLogger(__name__)

_MARK = re.compile(r"\[(\d+)\]")
_SENTENCE = re.compile(r"[^.!?]*?[.!?]?(?:\s*\[\d+\])+[.!?]?")
SYSTEM = (
    "You write the neutral lead of a news brief. Use only the numbered facts you are given; add nothing. "
    "Write 3 to 6 short sentences. End every sentence with the numbers of the facts it uses, "
    "in square brackets, like [1][3]."
)


def _request(facts: list[Fact], config: BriefConfig) -> str:
    """POST the numbered facts; return the model's message text."""
    numbered = "\n".join(f"[{i}] {f.text}" for i, f in enumerate(facts, 1))
    body = {
        "model": config.model,
        "temperature": 0,
        "messages": [{"role": "system", "content": SYSTEM}, {"role": "user", "content": numbered}],
    }
    headers = {"Content-Type": "application/json"}
    key = os.environ.get(config.api_key_env)
    if key:
        headers["Authorization"] = f"Bearer {key}"
    url = config.base_url.rstrip("/") + "/chat/completions"
    request = urllib.request.Request(url, data=json.dumps(body).encode(), headers=headers, method="POST")
    with urllib.request.urlopen(request, timeout=config.timeout_s) as response:
        payload = json.loads(response.read().decode("utf-8"))
    return str(payload["choices"][0]["message"]["content"])


def parse(content: str, facts: list[Fact]) -> list[Fact]:
    """Sentences that cite at least one valid fact number, with those facts' citations."""
    lines: list[Fact] = []
    for m in _SENTENCE.finditer(content):
        numbers = [int(n) for n in _MARK.findall(m.group(0)) if 1 <= int(n) <= len(facts)]
        text = " ".join(_MARK.sub("", m.group(0)).split()).replace(" .", ".")
        if not numbers or len(text) < 3:
            continue
        cites: list[Cite] = []
        for n in dict.fromkeys(numbers):
            cites.extend(c for c in facts[n - 1].cites if c not in cites)
        lines.append(Fact(text=text, support=max(facts[n - 1].support for n in numbers), cites=cites))
    return lines


def abstract(facts: list[Fact], config: BriefConfig) -> list[Fact]:
    """An abstractive lead over `facts`; raises ConfigError when the endpoint fails or cites nothing."""
    try:
        lines = parse(_request(facts, config), facts)
    except (urllib.error.URLError, OSError, KeyError, IndexError, ValueError) as exc:
        raise ConfigError(f"abstractive endpoint {config.base_url} failed: {exc}") from exc
    if not lines:
        raise ConfigError(f"abstractive endpoint {config.base_url} returned no cited sentence")
    log.debug("abstractive lead: %d sentences", len(lines))
    return lines
