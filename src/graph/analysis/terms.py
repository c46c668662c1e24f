"""Terms: the words and two- and three-word phrases of titles, abstracts and keywords.

An article's text is cut into phrases at punctuation, line ends and stop words (English
stop words, structured-abstract labels and generic paper words), so "support for peer
workers. Wards" gives ``peer workers`` but never ``workers wards``. Plurals fold to their
singular (by ``inflection``, the Rails inflector) when the singular also occurs in the
corpus, and case folds.
scikit-learn's vectorisers then count the terms of every phrase, one to three words long.

>>> docs = article_terms(["Peer support workers on wards.", "A peer support worker."])
>>> vectorizer = term_vectorizer(min_df=2)
>>> sorted(vectorizer.fit(docs).get_feature_names_out())
['peer', 'peer support', 'peer support worker', 'support', 'support worker', 'worker']
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from functools import lru_cache

import inflection
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, CountVectorizer

from graph.settings import SEP

# Words that say what kind of text this is, not what it is about: structured-abstract
# labels, the verbs and adjectives of academic prose, and publishers' names.
GENERIC_WORDS = frozenset(
    """
    purpose paper findings finding originality value approach design methodology method
    study research article aim aimed discuss discussed issue provide provided implication
    limitation result conclusion author use used using based including also new one two
    three however within well may can present presented practical social viewpoint explore
    explored examine examined outline vs important
    different high current recent recently need help require required demonstrate
    demonstrated allow improve improved potential future various variety key main
    significant significantly particular propose proposed show shown showed highlight great
    greater large larger like general following previous regarding addition effective
    enable enabled chapter book wiley elsevier springer et al ltd inc papers studies
    methods articles results findings authors implications limitations conclusions aims
    issues
    """.split()  # noqa: SIM905
)
STOP_WORDS = frozenset(ENGLISH_STOP_WORDS | GENERIC_WORDS)
# Words of two or more letters, hyphens inside allowed: "one-to-one", not "2015".
TOKEN_PATTERN = r"(?u)\b[^\W\d_][\w\-]*[^\W_]\b"
MAX_WORDS = 3

_WORD = re.compile(TOKEN_PATTERN)
# Phrases end at sentence and clause punctuation, brackets, quotes, slashes and dashes.
_BREAK = re.compile(r"[\n.,;:!?()\[\]{}\"“”‘’/|–—]+|\s-\s|'s\b")
# Publishers' notices at the end of abstracts: "© 2023 Elsevier B.V. All rights reserved."
_COPYRIGHT = re.compile(
    r"(©|\(c\)\s*(19|20)\d\d|copyright\b|all rights reserved|published by\b).*\Z",
    re.IGNORECASE | re.DOTALL,
)

Phrase = list[str]


def article_text(data: dict[str, object], reading_order: bool = False) -> str:
    """The words of one article node: title, abstract without section labels, keywords
    (MeSH-style inverted headings in reading order with ``reading_order``, for noun
    phrases: :func:`uninverted`).

    >>> article_text({"title": "T", "abstract": "Purpose – Why.", "sections": "Purpose"})
    'T\\n– Why.\\n'
    >>> article_text({"abstract": "Wards. © 2023 Elsevier B.V. All rights reserved."})
    '\\nWards.\\n'
    """
    abstract = _COPYRIGHT.sub("", str(data.get("abstract", "")))
    for label in str(data.get("sections", "")).split(SEP):
        if label:
            abstract = abstract.replace(label, " ")
    headings = str(data.get("keywords", "")).split(SEP)
    keywords = ". ".join(uninverted(k) if reading_order else k for k in headings)
    return "\n".join([str(data.get("title", "")), abstract.strip(), keywords])


_INVERTED = re.compile(r"^([^,]+), ((?:\S+ ?){1,3})$")


def uninverted(heading: str) -> str:
    """A MeSH-style inverted heading in reading order: "Models, Theoretical" is
    "Theoretical Models"; anything else as it is.

    >>> uninverted("Technology Assessment, Biomedical"), uninverted("peer support")
    ('Biomedical Technology Assessment', 'peer support')
    """
    found = _INVERTED.match(heading.strip())
    return f"{found[2].strip()} {found[1]}" if found else heading


def words(text: str) -> list[list[str]]:
    """The case-folded words of each stretch of text between punctuation.

    >>> words("Peer support for ward-based WORKERS; 2015 results.")
    [['peer', 'support', 'for', 'ward-based', 'workers'], ['results']]
    """
    chunks = (_WORD.findall(chunk) for chunk in _BREAK.split(text.casefold()))
    return [chunk for chunk in chunks if chunk]


def phrases(chunks: list[list[str]], folds: dict[str, str] | None = None) -> list[Phrase]:
    """Runs of words between stop words, plurals folded by ``folds`` first.

    >>> phrases(words("Peer support for ward-based WORKERS; 2015 results."))
    [['peer', 'support'], ['ward-based', 'workers']]
    """
    folds = folds or {}
    out: list[Phrase] = []
    for chunk in chunks:
        run: Phrase = []
        for word in chunk:
            word = folds.get(word, word)
            if word in STOP_WORDS or (word[-1] == "s" and word[:-1] in GENERIC_WORDS):
                if run:
                    out.append(run)
                run = []
            else:
                run.append(word)
        if run:
            out.append(run)
    return out


LATIN_PLURALS = {"data": "data", "criteria": "criterion", "phenomena": "phenomenon",
                 "media": "media", "schemata": "schema", "appendices": "appendix"}  # fmt: skip
"""Plurals the inflector gets wrong ("criteria" → "criterium"); "data" stays "data"."""


@lru_cache(maxsize=200_000)
def singular(word: str) -> str | None:
    """The singular of ``word`` by the Rails inflector, or None if it is one already.

    >>> singular("analyses"), singular("worker"), singular("criteria"), singular("data")
    ('analysis', None, 'criterion', None)
    """
    if word in LATIN_PLURALS:
        return LATIN_PLURALS[word] if LATIN_PLURALS[word] != word else None
    found = inflection.singularize(word)
    return found if found != word else None


def plural_folds(words: Iterable[str]) -> dict[str, str]:
    """Plural → singular for each plural whose singular is among ``words`` too.

    Checking the corpus guards against the rules' guesses on words that only look plural
    ("diagnosis" is not the plural of "diagnosi").

    >>> plural_folds(["workers", "worker", "studies", "study", "diagnosis", "analyses"])
    {'studies': 'study', 'workers': 'worker'}
    """
    vocabulary = set(words)
    folds = {}
    for word in sorted(vocabulary):
        if word in ENGLISH_STOP_WORDS:  # "has" is not the plural of "ha"
            continue
        if word.endswith("s") or word in ("children", "women", "men", "people"):
            one = singular(word)
            if one and one in vocabulary:
                folds[word] = one
    return folds


def article_terms(texts: Sequence[str]) -> list[list[Phrase]]:
    """Each text as its phrases, plurals folded across the whole corpus.

    >>> article_terms(["Hospital grounds", "The hospitals"])
    [[['hospital', 'grounds']], [['hospital']]]
    """
    chunked = [words(text) for text in texts]
    folds = plural_folds(w for doc in chunked for chunk in doc for w in chunk)
    return [phrases(doc, folds) for doc in chunked]


def ngrams(document: list[Phrase], max_words: int = MAX_WORDS) -> list[str]:
    """The one- to ``max_words``-word terms of one document's phrases.

    >>> ngrams([["peer", "support", "worker"], ["ward"]])
    ['peer', 'support', 'worker', 'peer support', 'support worker', 'peer support worker', 'ward']
    """
    out: list[str] = []
    for run in document:
        for n in range(1, min(max_words, len(run)) + 1):
            out.extend(" ".join(run[i : i + n]) for i in range(len(run) - n + 1))
    return out


def similarity_ngrams(document: list[Phrase]) -> list[str]:
    """Terms of one and two words, for similarity: a three-word phrase two articles share
    already counts through its words and word pairs, and counting it a sixth time would
    let one shared phrase outweigh everything else.

    >>> similarity_ngrams([["peer", "support", "worker"]])
    ['peer', 'support', 'worker', 'peer support', 'support worker']
    """
    return ngrams(document, 2)


def min_occurrences(n_docs: int) -> int:
    """Least number of articles a term must occur in: 1 below ten articles, then a third
    of the square root of the article count, at least 2 (5 at 244 articles, 33 at 10,000).

    >>> min_occurrences(5), min_occurrences(244), min_occurrences(10_000)
    (1, 5, 33)
    """
    if n_docs < 10:
        return 1
    return max(2, round(math.sqrt(n_docs) / 3))


def term_vectorizer(min_df: int = 1, max_df: float = 1.0, binary: bool = True) -> CountVectorizer:
    """A scikit-learn counter over documents made by :func:`article_terms`."""
    return CountVectorizer(analyzer=ngrams, min_df=min_df, max_df=max_df, binary=binary)
