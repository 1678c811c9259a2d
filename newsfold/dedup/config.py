"""Every threshold of the dedup stage, in one frozen config per layer; `DedupConfig` holds them all."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(slots=True, frozen=True)
class ShingleConfig:
    """How text becomes order-insensitive shingles and sentence hashes."""

    # 5 tokens: long enough that two unrelated news texts rarely share a window by chance,
    # short enough that one spelling change spoils only 5 windows.
    k: int = 5
    # Sentences shorter than this ("He said.") recur across unrelated articles, so they are not evidence.
    min_sentence_tokens: int = 5
    # Texts are fingerprinted in batches of about this many bytes: big enough to amortise numpy calls,
    # small enough that the per-token work arrays stay in the L2 cache (measured on 30k articles:
    # 0.5 MB batches ~8% faster than 2 MB, 0.1 MB slower again).
    batch_bytes: int = 500_000


@dataclass(slots=True, frozen=True)
class MinHashConfig:
    """MinHash + LSH over the order-insensitive shingles (layer 2)."""

    num_perm: int = 128
    seed: int = 42
    # 16 bands x 8 rows: P(candidate) = 1 - (1 - J^8)^16, whose S-curve midpoint is
    # (1/16)^(1/8) = 0.71; J = 0.8 -> 0.96, J = 0.9 -> 1.00, J = 0.5 -> 0.06, J = 0.3 -> 0.001.
    # Copies below that (trimmed, wrapped, excerpted) are the containment layer's job.
    bands: int = 16
    rows: int = 8
    # Estimated Jaccard at or above which an LSH candidate is a near copy (the S-curve's steep part).
    near_jaccard: float = 0.75
    # An LSH bucket holding more texts than this links each to the bucket's first text only, so a wire
    # story reprinted hundreds of times costs a linear number of verifications, not a quadratic one.
    bucket_all_pairs: int = 32


@dataclass(slots=True, frozen=True)
class ContainmentConfig:
    """Sentence-hash containment (layer 3) and partial reuse."""

    # A sentence shared by more articles than this is boilerplate or a stock phrase, not a copy signal;
    # it is left out of the inverted index so one common line cannot create a quadratic number of pairs.
    max_sentence_df: int = 64
    # Pairs must share at least this many distinct sentences to be looked at.
    min_shared: int = 2
    # A pair is a copy when this share of the smaller article's sentences appear in the larger one:
    # truncated reprints and excerpts reach ~1.0, edited copies 0.7-0.9, same-event articles
    # that quote the same wire lines stay near 0.1-0.3.
    min_containment: float = 0.6
    # Below min_containment but with at least this many shared sentences the pair is partial reuse.
    reuse_min_shared: int = 2
    # Size ratio (smaller/larger distinct sentences) under which a contained copy is called `contained`.
    contained_ratio: float = 0.85


@dataclass(slots=True, frozen=True)
class MeaningConfig:
    """Embedding candidates and sentence alignment for paraphrases and translations (layer 4)."""

    enabled: bool = True
    # Neighbours asked of the ANN index per article; copies of one story are few per article here.
    neighbours: int = 8
    # Cosine of mean sentence embeddings below which two articles are not worth aligning: same-event
    # articles sit around 0.7-0.85, so this only prunes, it never decides.
    candidate_cosine: float = 0.6
    # Two sentences align when their cosine reaches this: paraphrases of one sentence score 0.8+,
    # different sentences about the same event mostly 0.5-0.75.
    sentence_cosine: float = 0.78
    # Sentences at or above this cosine are the same sentence (verbatim or trivially edited): reuse.
    reuse_cosine: float = 0.93
    # Reused sentences must be this long: short lines ("Officials declined to comment.") recur by chance.
    # Sentences with quotation marks are reported speech, which independent reporters share; they are
    # never counted as reuse.
    reuse_min_words: int = 8
    # A pair is a paraphrase copy when this share of the shorter article's sentences align one-to-one
    # with the other's, in any order; articles that merely reuse a few wire lines stay well below.
    min_aligned: float = 0.5
    # Paragraphs align (for evidence) when this share of the shorter paragraph's sentences align.
    paragraph_aligned: float = 0.5
    batch_size: int = 64  # sentences per encode call on a CPU
    # On a GPU: 512 length-sorted sentences (at most 256 tokens each) fill an fp16 forward pass well,
    # and 8 tokenizer threads keep ahead of it.
    gpu_batch_size: int = 512
    tokenizer_threads: int = 8


@dataclass(slots=True, frozen=True)
class DedupConfig:
    """All layers; `version` names the behaviour so stored results can say what produced them."""

    version: str = "dedup.v2"  # v2: one reuse record per family pair, links a spanning forest (same hashes)
    shingles: ShingleConfig = field(default_factory=ShingleConfig)
    minhash: MinHashConfig = field(default_factory=MinHashConfig)
    containment: ContainmentConfig = field(default_factory=ContainmentConfig)
    meaning: MeaningConfig = field(default_factory=MeaningConfig)
    # Evidence (aligned passages with spans) for every family member; off only in throughput runs
    # that measure candidate search and verification alone.
    evidence: bool = True
