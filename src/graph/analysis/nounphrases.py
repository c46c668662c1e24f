"""Noun phrases for the term map, as VOSviewer finds them, and a little better.

Each article's title, abstract and keywords are tagged by TextBlob's ``PatternTagger``
(the Pattern library's Brill-style tagger: its lexicon, morphology and context rules ship
in TextBlob's wheel, so it runs offline; about 1,500 abstracts a second here). A noun
phrase is a maximal run of adjectives and nouns that ends in a noun; only the whole run
counts, so "coronary artery bypass" never also counts as "artery bypass" or "artery".

A phrase becomes a term key: case folded, hyphens as spaces ("decision-making" and
"decision making" are one term), its head noun singular where the tagger says it is plural
(NNS), and acronyms (all capitals: GIS, AIDS) kept as they are, never singularised. An
acronym the text defines, "analytic hierarchy process (AHP)" (Schwartz–Hearst, by the
``abbreviations`` package), merges with its expansion. Stop words and generic paper words
break a phrase; structured-abstract labels and MeSH check tags ("Female", "Aged") are
never terms.

>>> found = extract_terms(["The analytic hierarchy process (AHP) for GIS layers.",
...                        "AHP and decision-making.", "Decision making in GIS. Female."])
>>> found.documents
[['analytic hierarchy process', 'gis layer'], ['analytic hierarchy process', 'decision making'], ['decision making', 'gis']]
>>> found.labels["decision making"], found.labels["gis"], found.labels["analytic hierarchy process"]
('decision making', 'GIS', 'analytic hierarchy process')
"""  # noqa: E501

from __future__ import annotations

import multiprocessing
import os
import re
import sys
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import cache
from typing import Any

from graph.analysis.terms import STOP_WORDS, singular

MAX_PHRASE_WORDS = 4
"""A longer run keeps its last four words: its head and what qualifies it most closely."""
NOT_TERMS = frozenset(
    """
    background objective objectives aim aims purpose purposes method methods methodology
    design setting settings participant participants intervention interventions
    measurement measurements result results finding findings conclusion conclusions
    limitation limitations implication implications originality value introduction
    discussion context importance significance summary abstract
    human humans animal animals female male pregnancy infant newborn child preschool
    adolescent adult aged
    """.split()  # noqa: SIM905
) | frozenset(("young adult", "middle aged", "infant newborn", "child preschool", "aged 80"))
"""Structured-abstract labels and MeSH check tags: never a term on their own."""
GENERIC_NOUNS = frozenset(
    """
    ability advantage aspect basis benefit case challenge change characteristic
    comparison component concept condition consequence contribution day degree
    development difference direction effect efficiency element evaluation evidence example
    extent factor feature field form framework function goal group growth idea impact
    implementation improvement increase information insight interaction issue item kind
    knowledge lack level literature manner mechanism need number observation opportunity
    order outcome overview part pattern period person perspective place point possibility
    practice presence problem process progress property proportion quality quantity
    question range rate ratio reason reduction relation relationship report requirement
    response review rise role scale scope set situation size solution source stage
    standard state step strategy structure subject success support task term time tool
    total trend type understanding use variety view way work year month week patient
    treatment age analysis study data individual people participant man woman definition
    """.split()  # noqa: SIM905
)
"""Nouns of research prose that name no subject on their own: dropped as one-word terms
(never inside a phrase: "quality" goes, "water quality" stays), as a reader drops them.
VOSviewer leaves them to the user's thesaurus; every map needs them gone."""
CONTENT_WORDS = frozenset(
    ("system", "systems", "computer", "fire", "bill", "interest", "amount", "mill", "detail",
     "side", "part", "name", "front", "bottom", "top")
)  # fmt: skip
"""Words of scikit-learn's English stop list that are nouns in research text."""
PHRASE_BREAKS = STOP_WORDS - CONTENT_WORDS
_WORD = re.compile(r"^[^\W\d_][\w\-]*[^\W_]$|^[^\W\d_]$")
_ACRONYM = re.compile(r"^[A-Z][A-Z0-9]*[A-Z][A-Z0-9]*s?$")
_NOUN, _ADJECTIVE = ("NN", "NNS", "NNP", "NNPS"), ("JJ", "JJR", "JJS")


@cache
def _tagger() -> Any:
    from textblob.en.taggers import PatternTagger  # its lexicon loads once, on first use

    return PatternTagger()


@cache
def _lexicon() -> Any:
    import textblob.en

    return textblob.en.parser.lexicon


def _plural_in_lexicon(word: str) -> bool:
    """Whether the tagger's lexicon knows ``word`` as a plural noun: a capitalised
    "Reflections" opening a title is tagged NNP, but is the plural all the same."""
    return bool(_lexicon().get(word) == "NNS")


def tagged(text: str) -> list[tuple[str, str]]:
    """``text`` as (word, Penn Treebank tag) pairs, by TextBlob's PatternTagger, with two
    repairs for the noun compounds of research text (:func:`compound_repairs`).

    >>> tagged("Coronary artery bypass grafting.")
    [('Coronary', 'JJ'), ('artery', 'NN'), ('bypass', 'NN'), ('grafting', 'NN'), ('.', '.')]
    """
    return compound_repairs([(str(w), str(t)) for w, t in _tagger().tag(text)])


_MODIFIER = (*_NOUN, *_ADJECTIVE)
NOMINAL_ING = frozenset(
    """
    making solving planning learning training modelling modeling processing mapping
    screening testing monitoring imaging sampling building funding housing nursing
    marketing manufacturing engineering computing programming reasoning understanding
    wellbeing setting reporting scheduling forecasting clustering mining grafting bleeding
    counselling counseling coaching mentoring prescribing staffing sequencing profiling
    networking sharing recycling farming fishing logging pricing routing tracking sensing
    scanning printing
    """.split()  # noqa: SIM905
)
"""-ing words that close a noun compound as its head: "decision making", "data mining"."""
_OBJECTS = frozenset(("DT", "PRP", "PRP$", "WDT", "WP", "CD"))
_CLOSERS = frozenset(("IN", "CC", ".", ",", ":", "(", ")", "TO", "VBZ", "VBD", "VBP", "MD"))


def compound_repairs(tags: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Retag as nouns the words a lexicon tagger reads as verbs inside noun compounds:

    - a base-form verb (VB, VBP) after a singular noun or adjective, not taking an object
      (no determiner, pronoun or number next): "artery *bypass* graft", "peer *support*
      worker" (after a singular noun a finite verb would be VBZ, so this is a noun);
    - an -ing noun (:data:`NOMINAL_ING`) after a noun or adjective, taking no object:
      "decision *making* in GIS", "remote *sensing* data", not "patients *undergoing*
      surgery" or "peer support *working* in wards";
    - a hyphenated -ing or -ed form: "decision-making", "GIS-based".

    >>> compound_repairs([("decision", "NN"), ("making", "VBG"), ("in", "IN")])
    [('decision', 'NN'), ('making', 'NN'), ('in', 'IN')]
    >>> compound_repairs([("patients", "NNS"), ("undergoing", "VBG"), ("surgery", "NN")])
    [('patients', 'NNS'), ('undergoing', 'VBG'), ('surgery', 'NN')]
    """
    out = list(tags)
    for i, (word, tag) in enumerate(out):
        before = out[i - 1][1] if i else ""
        after = out[i + 1][1] if i + 1 < len(out) else "."
        base = tag in ("VB", "VBP") and before in ("NN", "NNP", "JJ") and after not in _OBJECTS
        ending = (tag == "VBG" and word.casefold() in NOMINAL_ING
                  and before in (*_NOUN, "JJ") and after not in _OBJECTS)  # fmt: skip
        if "-" in word and tag in ("VBG", "VBN"):
            out[i] = (word, "NN" if tag == "VBG" else "JJ")
        elif base or ending:
            out[i] = (word, "NN")
    return out


def is_acronym(word: str) -> bool:
    """Whether ``word`` is written as an acronym (two or more capitals, a plural s).

    >>> is_acronym("GIS"), is_acronym("AHPs"), is_acronym("Peer"), is_acronym("A")
    (True, True, False, False)
    """
    return bool(_ACRONYM.match(word))


def _key_word(word: str, tag: str, head: bool) -> str:
    if is_acronym(word):  # never singularised: GIS, AIDS; "AHPs" is the plural of AHP
        return _acronym_form(word).casefold()
    folded = word.casefold().replace("-", " ")
    proper = tag in ("NNP", "NNPS")  # Title Case: a MeSH heading, a title, a name
    if head and (tag == "NNS" or (proper and _plural_in_lexicon(folded))):
        return singular(folded) or folded
    return folded


def _phrase(run: list[tuple[str, str]]) -> tuple[str, str] | None:
    """(key, surface form) of a run of adjectives and nouns, cut after its last noun."""
    while run and run[-1][1] not in _NOUN:
        run = run[:-1]
    run = run[-MAX_PHRASE_WORDS:]
    if not run:
        return None
    last = len(run) - 1
    words = [_key_word(w, t, i == last) for i, (w, t) in enumerate(run)]
    written = " ".join(w.casefold() for w, _ in run)
    if any(written.endswith(p) for p in PROPER_PLURALS):  # "United States" is no plural
        words[last] = run[last][0].casefold()
    key = " ".join(words)
    if key in NOT_TERMS or (len(run) == 1 and (key in GENERIC_NOUNS or (
            len(key) < 3 and not is_acronym(run[0][0])))):  # fmt: skip
        return None  # a label, a check tag, a generic noun, or a unit ("ml", "ng")
    shown = " ".join(
        _acronym_form(w) if is_acronym(w) else k for (w, _), k in zip(run, words, strict=True)
    )
    return key, shown


def _acronym_form(word: str) -> str:
    return word[:-1] if word.endswith("s") and word[:-1].isupper() else word


_SEGMENT = re.compile(r"[^.;:\n]+")
_LONG_WORD = re.compile(r"[^\W\d_]{3,}")
_SHOUT = re.compile(r"\b[A-Z]{3,}\b")


def _shouted(segment: re.Match[str]) -> str:
    words = _LONG_WORD.findall(segment.group())
    upper = words and all(w.isupper() for w in words) and (len(words) > 1 or len(words[0]) > 5)
    return segment.group().lower() if upper else segment.group()


LABEL_WORDS = frozenset(
    """
    background purpose aim aims objective objectives method methods methodology materials
    material and design setting settings participants patients interventions measurements
    main outcome outcomes measures measure results result conclusion conclusions findings
    limitations implications originality value introduction context importance evidence
    acquisition synthesis observations discussion relevance summary question questions
    study selection extraction data sources review approach research
    """.split()  # noqa: SIM905
)
"""The words of structured-abstract labels ("Methods and Materials:", "Data sources:")."""
_LABEL = re.compile(r"(^|[.\n])(\s*)([A-Za-z]+(?: [A-Za-z]+){0,4}):")


def _unlabelled(found: re.Match[str]) -> str:
    words = found.group(3).casefold().split()
    return f"{found.group(1)} . " if all(w in LABEL_WORDS for w in words) else found.group()


def without_labels(text: str) -> str:
    """``text`` without the structured-abstract labels that open its sentences.

    >>> without_labels("Methods and Materials: From 1999. Peer support: a review.")
    ' .  From 1999. Peer support: a review.'
    """
    return _LABEL.sub(_unlabelled, text)


def uncapitalised(text: str) -> str:
    """``text`` with each stretch written in capitals only (WoS Keywords Plus, a shouted
    title) in lower case, so its words are not taken for acronyms; a lone short word in
    capitals (a keyword "GIS") stays.

    >>> uncapitalised("CARDIOPULMONARY BYPASS. CANCER. GIS. Risk of AIDS")
    'cardiopulmonary bypass. cancer. GIS. Risk of AIDS'
    """
    if not _SHOUT.search(text):
        return text
    return _SEGMENT.sub(_shouted, text)


def noun_phrases(text: str) -> list[tuple[str, str]]:
    """(key, surface form) of every maximal noun phrase of ``text``, in order.

    >>> [k for k, _ in noun_phrases("Coronary artery bypass grafts in 20 older patients.")]
    ['coronary artery bypass graft', 'older patient']
    """
    out: list[tuple[str, str]] = []
    run: list[tuple[str, str]] = []
    for word, tag in tagged(uncapitalised(without_labels(text))):
        usable = _WORD.match(word) and word.casefold() not in PHRASE_BREAKS
        if usable and (tag in _NOUN or tag in _ADJECTIVE):
            run.append((word, tag))
            continue
        if run and (found := _phrase(run)):
            out.append(found)
        run = []
    if run and (found := _phrase(run)):
        out.append(found)
    return out


PROPER_PLURALS = ("united states", "united nations", "netherlands", "philippines",
                  "emirates", "bahamas", "maldives", "seychelles", "islands")  # fmt: skip
"""Names that end in a plural and must keep it."""
_PLAIN_WORD = re.compile(r"[^\W_]+")


def term_key(text: str) -> str:
    """The key of a term written ``text`` (a thesaurus label): its noun phrase's key where
    the whole text is one, else its words, case folded.

    >>> term_key("Decision-Making"), term_key("AHPs"), term_key("Watson, E.")
    ('decision making', 'ahp', 'watson e')
    """
    words = _PLAIN_WORD.findall(text.casefold().replace("-", " "))
    found = noun_phrases(text)
    if len(found) == 1 and len(found[0][0].split()) == len(words):
        return found[0][0]
    return " ".join(words)


def acronym_expansions(text: str) -> dict[str, str]:
    """Acronym → the words it stands for, where ``text`` defines it ("long form (LF)").

    >>> acronym_expansions("Multi-criteria decision analysis (MCDA) helps.")
    {'MCDA': 'Multi-criteria decision analysis'}
    """
    if "(" not in text:
        return {}
    from abbreviations import schwartz_hearst

    found = schwartz_hearst.extract_abbreviation_definition_pairs(doc_text=text)
    return {str(k): str(v) for k, v in found.items() if is_acronym(str(k))}


@dataclass(frozen=True)
class Terms:
    """Each article's distinct term keys (in order of first use) and, per key, its label:
    the commonest surface form (an acronym's expansion once merged)."""

    documents: list[list[str]]
    labels: dict[str, str]

    def replaced(self, rules: dict[str, str], labels: dict[str, str]) -> Terms:
        """These terms with ``rules`` (key → key, "" to drop) applied, replacements
        labelled by ``labels`` (a thesaurus: :mod:`graph.thesaurus`).

        >>> Terms([["ahp", "study"]], {"ahp": "AHP"}).replaced(
        ...     {"ahp": "analytic hierarchy process", "study": ""}, {}).documents
        [['analytic hierarchy process']]
        """
        documents = [list(dict.fromkeys(rules.get(k, k) for k in d if rules.get(k, k)))
                     for d in self.documents]  # fmt: skip
        merged = {**self.labels, **{k: labels.get(k, k) for k in set(rules.values()) if k}}
        return Terms(documents, merged)


SAME_CONCEPT = 0.85
"""Two long forms of one acronym at least this alike (difflib's ratio) are one concept:
"geographic information system" and "geographical information system" (GIS)."""


Reading = tuple[list[tuple[str, str]], list[tuple[str, str]]]
PARALLEL_FROM = 2000
"""From this many texts on, two processes tag them (where the system forks: Linux)."""


def read_text(text: str) -> Reading:
    """The noun phrases of ``text`` and the (acronym key, long-form key) pairs it defines.

    >>> read_text("Multi-criteria decision analysis (MCDA) of wards.")[1]
    [('mcda', 'multi criteria decision analysis')]
    """
    pairs = []
    for acronym, long_form in acronym_expansions(text).items():
        phrases = noun_phrases(long_form)
        if phrases:
            pairs.append((acronym.casefold(), phrases[-1][0]))
    return noun_phrases(text), pairs


def _parallel(texts: Sequence[str]) -> bool:
    """Whether tagging ``texts`` is worth worker processes here (a fork, on two cores)."""
    cores = os.cpu_count() or 1
    return len(texts) >= PARALLEL_FROM and cores >= 2 and sys.platform == "linux"


def _pool(workers: int) -> ProcessPoolExecutor:
    _tagger(), _lexicon()  # loaded once, before the fork, so each worker inherits them
    return ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"))


def read_texts(texts: Sequence[str]) -> list[Reading]:
    """:func:`read_text` of every text, in order; on two cores for a large corpus (the
    tagger is pure Python, so threads would not help).

    >>> read_texts(["Heart surgery.", "Renal failure in older patients."])[1][0]
    [('renal failure', 'renal failure'), ('older patient', 'older patient')]
    """
    if not _parallel(texts):
        return [read_text(t) for t in texts]
    with _pool(2) as pool:
        return list(pool.map(read_text, texts, chunksize=250))


@contextmanager
def reading_ahead(texts: Sequence[str]) -> Iterator[Callable[[], list[Reading]]]:
    """:func:`read_texts` of ``texts``, begun now in one worker process where a large
    corpus makes it worth it, so the caller's other stages run on the second core while
    the tagger works; the callable yielded waits for the readings. Leaving the block
    early cancels the tagging not yet begun.

    >>> with reading_ahead(["Renal failure."]) as readings:
    ...     readings()[0][0]
    [('renal failure', 'renal failure')]
    """
    if not _parallel(texts):
        yield cache(lambda: read_texts(texts))
        return
    pool = _pool(1)
    try:
        chunks = pool.map(read_text, texts, chunksize=250)
        yield cache(lambda: list(chunks))
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _expansion_keys(readings: Sequence[Reading]) -> dict[str, str]:
    """Term key → the key it merges into: each defined acronym into its commonest long
    form (where that is a noun phrase), and each other long form of the same acronym that
    is spelled almost alike (:data:`SAME_CONCEPT`) into the commonest one too."""
    seen: dict[str, Counter[str]] = {}
    for _, pairs in readings:
        for acronym, long_key in pairs:
            seen.setdefault(acronym, Counter())[long_key] += 1
    merged: dict[str, str] = {}
    for acronym, forms in sorted(seen.items()):
        ranked = sorted(forms, key=lambda k: (-forms[k], k))
        merged[acronym] = ranked[0]
        for other in ranked[1:]:
            if SequenceMatcher(None, other, ranked[0]).ratio() >= SAME_CONCEPT:
                merged.setdefault(other, ranked[0])
    return {k: v for k, v in merged.items() if k != v}


def extract_terms(texts: Sequence[str]) -> Terms:
    """The noun-phrase terms of each text, acronyms merged with their expansions.

    >>> extract_terms(["Multi-criteria decision analysis (MCDA).", "MCDA of wards."]).documents
    [['multi criteria decision analysis'], ['multi criteria decision analysis', 'ward']]
    """
    return terms_of(read_texts(texts))


def terms_of(readings: Sequence[Reading]) -> Terms:
    """The terms of texts read by :func:`read_texts`, acronyms merged with their
    expansions (see :func:`extract_terms`)."""
    expansions = _expansion_keys(readings)
    forms: dict[str, Counter[str]] = {}
    documents = []
    for phrases, _ in readings:
        keys: dict[str, None] = {}
        for key, surface in phrases:
            if key in expansions:  # an acronym or a variant counts for its long form
                key, surface = expansions[key], ""
            keys[key] = None
            counts = forms.get(key)
            if counts is None:
                counts = forms[key] = Counter()
            counts[surface] += 1
        documents.append(list(keys))
    labels = {}
    for key, counts in forms.items():
        written = [s for s in counts if s] or [key]
        labels[key] = min(written, key=lambda s: (-counts[s], s))
    return Terms(documents, labels)
