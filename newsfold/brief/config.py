"""Settings of the brief stage, in one frozen place."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class BriefConfig:
    """Every knob of brief; each comment says why it sits where it does."""

    # The lead is 3-6 sentences: fewer cannot say what happened and who disputes it; more is no longer
    # a lead (the range). Past the minimum, only facts two sources share are added.
    summary_min: int = 3
    summary_max: int = 6
    # The lead's sentences are ranked by the scorer fitted on NeuS train (lead.py, lead_model.py);
    # False ranks them by fact order alone (support, then centrality), as before the scorer.
    learned_lead: bool = True
    # Past summary_min, a sentence joins the learned lead only with a standardised score at least this
    # (and support 2+). NeuS references are 2-3 sentences and ROUGE's F-measure pays for each extra line:
    # on train no finite threshold tried (0.5, 1.0) beat exactly summary_min lines, so none is added.
    lead_extra_score: float = float("inf")
    # A candidate this close (cosine) to a sentence already in the lead says the same thing again. 0.85
    # was best for the learned lead on NeuS train (0.6-0.9 tried, out of fold; 0.8: ROUGE-2 -0.04): lower
    # thresholds skip more second-source wordings of a chosen fact, and ROUGE-2 on train fell with them.
    redundancy: float = 0.85
    # Lead sentences between these lengths (words): shorter ones are fragments, longer ones run-ons.
    sentence_min_words: int = 8
    sentence_max_words: int = 60
    # The brief lists at most this many facts (best-supported first) and quotes, so it stays a brief.
    facts_max: int = 20
    quotes_max: int = 30
    # What each source adds: at most this many of its unique facts.
    adds_max: int = 3
    # Abstractive lead through an OpenAI-compatible /chat/completions endpoint: off unless asked for,
    # because an extractive lead cannot invent anything.
    abstractive: bool = False
    base_url: str = "http://127.0.0.1:8080/v1"  # llama.cpp, vLLM and Ollama all serve this shape
    model: str = "local"
    api_key_env: str = "NEWSFOLD_LLM_API_KEY"  # the key is read from this variable, never stored
    timeout_s: float = 60.0
