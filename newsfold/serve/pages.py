"""Web UI routes: server-rendered pages over the same queries as the API (templates autoescape)."""

from __future__ import annotations

import logging
from collections import Counter
from contextlib import AbstractContextManager
from datetime import date
from pathlib import Path
from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader

from newsfold.model import Article, CopyFamily, UniqueFact
from newsfold.serve import queries, views
from newsfold.store import Store

log = logging.getLogger(__name__)

# autoescape on for every template: article text is untrusted and must reach the page as text.
_env = Environment(loader=FileSystemLoader(Path(__file__).parent / "templates"), autoescape=True)
templates = Jinja2Templates(env=_env)
router = APIRouter(include_in_schema=False)
Text = Annotated[str, Query(max_length=200)]
_HEADINGS = {404: "Not found", 413: "Too large", 422: "Invalid request"}


def _reading(request: Request) -> AbstractContextManager[Store]:
    """This thread's store, inside one read snapshot for the whole page."""
    return request.app.state.backend.snapshot()


def _page(request: Request, template: str, context: dict, status: int = 200) -> HTMLResponse:
    return templates.TemplateResponse(request, template, context, status_code=status)


def error_page(request: Request, status: int, detail: str) -> HTMLResponse:
    """A readable error page for browsers."""
    context = {"status": status, "heading": _HEADINGS.get(status, "Error"), "detail": detail}
    return _page(request, "error.html", context, status)


@router.get("/", response_class=HTMLResponse)
def story_list(
    request: Request,
    q: Text = "",
    since: Text = "",
    until: Text = "",
    source: Text = "",
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
) -> HTMLResponse:
    """Stories newest first, with a search box and filters."""
    size = request.app.state.config.page_size
    lo, hi = _day(since), _day(until)
    with _reading(request) as store:
        rows, total = queries.story_rows(store, q, lo, hi, source or None, size, (page - 1) * size)
    params = {"q": q, "since": since, "until": until, "source": source}
    context = {
        "rows": rows,
        "total": total,
        **params,
        "prev_href": _href(params, page - 1) if page > 1 else None,
        "next_href": _href(params, page + 1) if page * size < total else None,
    }
    return _page(request, "stories.html", context)


def _day(text: str) -> str | None:
    """An ISO date from a form field ('' means no bound); anything else is a 422."""
    if not text:
        return None
    try:
        return date.fromisoformat(text).isoformat()
    except ValueError:
        raise HTTPException(422, f"{text!r} is not a date (YYYY-MM-DD)") from None


def _href(params: dict[str, str], page: int) -> str:
    return "/?" + urlencode({**{k: v for k, v in params.items() if v}, "page": page})


@router.get("/stories/{story_id}", response_class=HTMLResponse)
def story_page(request: Request, story_id: str) -> HTMLResponse:
    """A story: its brief with citations, conflicts, quotes, unique facts, timeline and copy families."""
    with _reading(request) as store:
        view = queries.story_view(store, story_id)
    if view is None:
        raise HTTPException(404, f"There is no story {story_id!r} in this store.")
    outlets = views.outlet_names(view.articles, view.brief)
    labels = _family_labels(view.families, outlets)
    context = {
        "story": view.story,
        "brief": view.brief,
        "articles": view.articles,
        "families": view.families,
        "source_count": view.source_count,
        "outlets": outlets,
        "family_labels": labels,
        "links": lambda cites: views.cite_links(cites, outlets),
        "unique_groups": _unique_groups(view.brief.unique if view.brief else [], labels),
        "timeline": views.timeline(view.brief, view.articles),
    }
    return _page(request, "story.html", context)


def _family_labels(families: list[CopyFamily], outlets: dict[str, str]) -> dict[str, str]:
    """A family named by its members' outlets, canonical first."""
    labels = {}
    for family in families:
        names = [outlets.get(family.canonical, family.canonical[:8])]
        names += [
            outlets.get(m.article, m.article[:8]) for m in family.members if m.article != family.canonical
        ]
        labels[family.id] = " + ".join(dict.fromkeys(names))
    return labels


def _unique_groups(unique: list[UniqueFact], labels: dict[str, str]) -> list[tuple[str, list[UniqueFact]]]:
    groups: dict[str, list[UniqueFact]] = {}
    for fact in unique:
        groups.setdefault(labels.get(fact.family, fact.family[:8]), []).append(fact)
    return list(groups.items())


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article_page(
    request: Request,
    article_id: str,
    start: Annotated[int | None, Query(ge=0)] = None,
    end: Annotated[int | None, Query(ge=0)] = None,
) -> HTMLResponse:
    """An article's clean text (a cited span highlighted) and its original with removals greyed."""
    with _reading(request) as store:
        article = store.get_article(article_id)
        stories = queries.stories_of_article(store, article_id)
    if article is None:
        raise HTTPException(404, f"There is no article {article_id!r} in this store.")
    cited = views.cite_span(article, start, end)
    marks = [cited] if cited else []
    context = {
        "article": article,
        "outlet": views.outlet_names([article])[article.id],
        "stories": stories,
        "cited": cited,
        "blocks": views.blocks(article, marks, {cited: "cite"} if cited else None),
        "raw": views.raw_pieces(article.raw, article.removed),
        "reasons": sorted(Counter(r.reason for r in article.removed).items()),
        "url_ok": _safe_url(article.url),
    }
    return _page(request, "article.html", context)


def _safe_url(url: str | None) -> bool:
    """Only web links become clickable; `javascript:` and friends stay text."""
    return bool(url) and url.strip().lower().startswith(("http://", "https://"))


@router.get("/compare", response_class=HTMLResponse)
def compare_page(request: Request, a: Text, b: Text) -> HTMLResponse:
    """Two articles side by side, aligned passages in matching colours, the kind of copy named."""
    with _reading(request) as store:
        left, right = store.get_article(a), store.get_article(b)
        if left is None or right is None:
            raise HTTPException(404, f"There is no article {(a if left is None else b)!r} in this store.")
        pair = queries.pairing(store, left, right)
    outlets = views.outlet_names([left, right])
    context = {
        "a": left,
        "b": right,
        "kind": pair.kind,
        "kind_label": _KIND_LABELS.get(pair.kind, pair.kind),
        "verdict": _verdict(pair, outlets[left.id], outlets[right.id]),
        "passages": pair.passages,
        "sides": [_side(left, pair, 0, outlets), _side(right, pair, 1, outlets)],
    }
    return _page(request, "compare.html", context)


_KIND_LABELS = {
    "exact": "Exact copy",
    "near": "Near-exact copy",
    "reordered": "Reordered copy",
    "contained": "Contained copy",
    "paraphrase": "Paraphrased copy",
    "partial-reuse": "Partial reuse",
    "unrelated": "Not copies",
}


def _verdict(pair: queries.Pairing, a: str, b: str) -> str:
    if pair.same_family:
        return f"{a} and {b} are one copy family (score {pair.score:.2f}): they count as one source."
    if pair.kind == "partial-reuse":
        return f"{a} and {b} share {len(pair.passages)} passage(s) but are independent accounts."
    return f"No shared passages were found between {a} and {b}."


def _side(article: Article, pair: queries.Pairing, index: int, outlets: dict[str, str]) -> dict:
    marks = []
    for n, passage in enumerate(pair.passages):
        cite = passage.a if index == 0 else passage.b
        marks.append(views.Mark(cite.start, cite.end, "pair", key=str(n), note=f"passage {n + 1}"))
    anchors = {m: f"{'ab'[index]}{m.key}" for m in marks}
    relation = pair.relation.relation if pair.relation and pair.relation.article == article.id else ""
    return {
        "article": article,
        "outlet": outlets[article.id],
        "relation": relation,
        "blocks": views.blocks(article, marks, anchors),
    }


@router.get("/families/{family_id}", response_class=HTMLResponse)
def family_page(request: Request, family_id: str) -> HTMLResponse:
    """A copy family: its members, their relation, and the aligned passages that prove it."""
    with _reading(request) as store:
        family = queries.get_family(store, family_id)
        if family is None:
            raise HTTPException(404, f"There is no copy family {family_id!r} in this store.")
        articles = {a.id: a for a in store.get_articles(family.article_ids)}
    outlets = views.outlet_names(list(articles.values()))
    evidence = [
        {"a": p.a, "b": p.b, "score": p.score, "a_text": _text(articles, p.a), "b_text": _text(articles, p.b)}
        for p in family.evidence
    ]
    label = _family_labels([family], outlets)[family.id]
    return _page(
        request, "family.html", {"family": family, "outlets": outlets, "evidence": evidence, "label": label}
    )


def _text(articles: dict[str, Article], cite) -> str:
    article = articles.get(cite.article)
    return article.text[cite.start : cite.end] if article else ""
