"""JSON API routes under /api: ingest, stories, articles, families and comparisons.

Routes are thin: parse, call `queries` (reads) or the backend (ingest), and wrap models in `schemas`.
"""

from __future__ import annotations

import logging
from contextlib import AbstractContextManager
from datetime import date
from itertools import islice
from pathlib import PurePath
from typing import Annotated

from fastapi import APIRouter, File, HTTPException, Query, Request, UploadFile

from newsfold import export
from newsfold.brief import brief_to_json
from newsfold.model import Origin, RawRecord, ReadError, RunReport
from newsfold.serve import queries
from newsfold.serve.schemas import (
    ArticleDetail,
    ArticleIn,
    ArticlePage,
    Comparison,
    ErrorOut,
    FamilyDetail,
    IngestRequest,
    IngestResult,
    RejectionOut,
    StoryDetail,
    StoryItem,
    StoryPage,
    StoryRef,
    summary,
)
from newsfold.store import Store

log = logging.getLogger(__name__)

_ERRORS = {
    404: {"model": ErrorOut, "description": "unknown id"},
    413: {"model": ErrorOut, "description": "request body too large"},
    422: {"model": ErrorOut, "description": "invalid request"},
}
router = APIRouter(prefix="/api", tags=["api"], responses=_ERRORS)

Limit = Annotated[int, Query(ge=1, le=1000, description="page size (capped by the server's max_page_size)")]
Offset = Annotated[int, Query(ge=0, le=1_000_000)]
Text = Annotated[str, Query(max_length=200)]


def _reading(request: Request) -> AbstractContextManager[Store]:
    """This thread's store, inside one read snapshot for the whole answer."""
    return request.app.state.backend.snapshot()


def _cap(request: Request, limit: int) -> int:
    return min(limit, request.app.state.config.max_page_size)


@router.get("/health")
def health(request: Request) -> dict[str, int | str]:
    """Liveness, and how many articles the store holds."""
    with _reading(request) as store:
        return {"status": "ok", "articles": store.count_articles()}


@router.post("/articles", response_model=IngestResult)
async def ingest_json(request: Request, body: IngestRequest) -> IngestResult:
    """Ingest articles given as JSON; the pipeline runs (clean, dedup, stories, briefs) before the reply."""
    records = [_record(item, index) for index, item in enumerate(body.articles)]
    return _result(await request.app.state.backend.ingest(records))


@router.post("/articles/upload", response_model=IngestResult)
async def ingest_files(request: Request, files: Annotated[list[UploadFile], File()]) -> IngestResult:
    """Ingest uploaded files in any form `newsfold run` reads (text, HTML, JSONL, CSV, feeds, WARC, .gz)."""
    from newsfold.read import read_bytes

    if len(files) > request.app.state.config.max_upload_files:
        raise HTTPException(413, f"at most {request.app.state.config.max_upload_files} files per request")
    records: list[RawRecord | ReadError] = []
    for upload in files:
        name = PurePath(upload.filename or "upload").name or "upload"
        records.extend(read_bytes(await upload.read(), name))
    return _result(await request.app.state.backend.ingest(records))


def _record(item: ArticleIn, index: int) -> RawRecord:
    """A JSON article as the record a reader would have produced."""
    origin = Origin(item.name or "api", f"item {index}")
    return RawRecord(
        origin=origin,
        content=item.text,
        form=item.form,
        title=item.title,
        published=item.published,
        url=item.url,
        source=item.source,
        author=item.author,
        language=item.language,
    )


def _result(report: RunReport) -> IngestResult:
    return IngestResult(
        read=report.read,
        stored=report.stored,
        skipped=report.skipped,
        rejected=[RejectionOut(origin=r.origin, error=r.error) for r in report.rejected],
        articles=[a.id for a in report.articles],
        families=[f.id for f in report.families],
        stories=[StoryRef(id=s.id, label=s.label, articles=len(s.articles)) for s in report.stories],
    )


@router.get("/stories", response_model=StoryPage)
def list_stories(
    request: Request,
    q: Text = "",
    since: date | None = None,
    until: date | None = None,
    source: Text = "",
    limit: Limit = 20,
    offset: Offset = 0,
) -> StoryPage:
    """Stories newest first; `q` searches their articles' titles and text, `source` their outlets."""
    limit = _cap(request, limit)
    with _reading(request) as store:
        rows, total = queries.story_rows(store, q, _iso(since), _iso(until), source or None, limit, offset)
    items = [StoryItem(story=r.story, articles=r.article_count, independent_sources=r.source_count,
                       outlets=r.outlets) for r in rows]  # fmt: skip
    return StoryPage(items=items, total=total, limit=limit, offset=offset)


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


@router.get("/stories/{story_id}", response_model=StoryDetail)
def get_story(request: Request, story_id: str) -> StoryDetail:
    """A story with its brief (null until written), articles and copy families."""
    with _reading(request) as store:
        view = queries.story_view(store, story_id)
    if view is None:
        raise HTTPException(404, f"no story {story_id!r}")
    return StoryDetail(
        story=view.story,
        brief=brief_to_json(view.brief) if view.brief else None,
        articles=[summary(a) for a in view.articles],
        families=[export.family_to_json(f) for f in view.families],
        independent_sources=view.source_count,
    )


@router.get("/articles", response_model=ArticlePage)
def list_articles(request: Request, q: Text = "", limit: Limit = 20, offset: Offset = 0) -> ArticlePage:
    """Articles matching `q` (best first), or every article in the order added."""
    limit = _cap(request, limit)
    with _reading(request) as store:
        if q.strip():
            found = store.search_articles(q, limit=offset + limit)[offset:]
        else:
            found = list(islice(store.iter_articles(), offset, offset + limit))
    return ArticlePage(items=[summary(a) for a in found], limit=limit, offset=offset)


@router.get("/articles/{article_id}", response_model=ArticleDetail)
def get_article(request: Request, article_id: str) -> ArticleDetail:
    """An article with its clean text, raw original, and every removed span with its reason."""
    with _reading(request) as store:
        article = store.get_article(article_id)
        if article is None:
            raise HTTPException(404, f"no article {article_id!r}")
        family = queries.family_of_article(store, article_id)
        stories = [s.id for s in queries.stories_of_article(store, article_id)]
    families = [family.id] if family else []
    return ArticleDetail(
        article=export.article_to_json(article, full=True), stories=stories, families=families
    )


@router.get("/families/{family_id}", response_model=FamilyDetail)
def get_family(request: Request, family_id: str) -> FamilyDetail:
    """A copy family: members with their relation and score, and aligned-passage evidence."""
    with _reading(request) as store:
        family = queries.get_family(store, family_id)
        if family is None:
            raise HTTPException(404, f"no family {family_id!r}")
        articles = [summary(a) for a in store.get_articles(family.article_ids)]
    return FamilyDetail(family=export.family_to_json(family), articles=articles)


@router.get("/compare", response_model=Comparison)
def compare(
    request: Request, a: Annotated[str, Query(max_length=200)], b: Annotated[str, Query(max_length=200)]
) -> Comparison:
    """Two articles: the kind of copy between them and their aligned passages."""
    with _reading(request) as store:
        left, right = store.get_article(a), store.get_article(b)
        missing = [i for i, art in ((a, left), (b, right)) if art is None]
        if missing or left is None or right is None:
            raise HTTPException(404, f"no article {missing[0]!r}")
        pair = queries.pairing(store, left, right)
    return Comparison(
        a=summary(left),
        b=summary(right),
        kind=pair.kind,
        same_family=pair.same_family,
        score=pair.score,
        relation=pair.relation,
        passages=[export.passage_to_json(p) for p in pair.passages],
    )
