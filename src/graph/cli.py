"""The ``citegraph`` command: parses options, calls the library, echoes the results."""

from __future__ import annotations

import csv
import io
import json
import os
from collections import Counter
from collections.abc import Callable, Collection, Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table
from rich.text import Text

from graph import __version__
from graph.errors import GraphError
from graph.files import check_writable, write_text_atomic
from graph.networks import NETWORK_NAMES
from graph.profile import StageClock, peak_memory_mb
from graph.reports import (
    capped_evidence,
    cluster_rows,
    corpus_lines,
    evidence_rows,
    list_json,
    network_rows,
    sort_rows,
    stability,
    to_json,
)
from graph.settings import (
    COUNTINGS,
    EXPORT_FORMATS,
    FORMATS,
    INDICATOR_KEYS,
    MAX_FIELD,
    MAX_INPUT_MB,
    MAX_NODES,
    METHODS,
    NODE_METRICS,
    NORMALIZATIONS,
    QUALITIES,
    Settings,
)
from graph.store import Store, open_store, store_dir

if TYPE_CHECKING:
    from graph.models import Problem
    from graph.pipeline import Analysis, Corpus, Stage

# The library's heavy modules (scikit-learn, igraph, pyvis) are imported inside the
# commands that need them: a question answered from a stored build should not pay for them.
INDICATORS = INDICATOR_KEYS
SORT_KEYS = ("label", *INDICATORS, *NODE_METRICS)
TABLE_COLUMNS = (
    "label", "kind", "articles", "fractional_articles", "year", "citations_in_corpus",
    "degree", "betweenness", "closeness", "pagerank", "community",
)  # fmt: skip
COLOR_BY = ("community", "kind", "avg_year", "year", "degree", "pagerank",
            "citations_in_corpus")  # fmt: skip
SIZE_BY = ("degree", "pagerank", "citations_in_corpus", "articles", "betweenness",
           "weighted_degree")  # fmt: skip
WRAPPED_COLUMNS = frozenset(
    ["terms", "top_authors", "central_articles", "details", "shared_terms", "variants", "evidence"]
)
_err = Console(stderr=True)


def _check_encoding(_: click.Context, __: click.Parameter, value: str | None) -> str | None:
    """The encoding named, if Python knows it."""
    if value is not None:
        import codecs

        try:
            codecs.lookup(value)
        except LookupError as err:
            raise click.BadParameter(f"{value!r} is not a text encoding Python knows") from err
    return value


def _layout(opts: dict[str, Any]) -> Any:
    """The CSV layout that ``--columns`` names, or None."""
    if not opts["columns"]:
        return None
    from graph.readers.csvtable import from_columns

    try:
        return from_columns(opts["columns"], opts["author_separator"])
    except ValueError as err:
        raise click.BadParameter(str(err), param_hint="--columns") from err


def _inputs(func: Callable[..., Any]) -> Callable[..., Any]:
    """The options every command that reads records shares."""
    options = [
        click.argument("inputs", nargs=-1, required=True, type=click.Path()),
        click.option(
            "--format",
            "fmt",
            type=click.Choice(sorted(FORMATS)),
            help="Skip detection: read every input as this format.",
        ),
        click.option("--journal", help="The journal the records come from, when they do not say."),
        click.option(
            "--encoding",
            callback=_check_encoding,
            help="Read the files in this text encoding (gb18030, cp1252, …), not the detected one.",
        ),
        click.option(
            "--columns",
            metavar="FIELD=COLUMN,…",
            help="Read the files as a CSV of these columns, e.g. title=Paper,authors=Authors,"
            "year=Year,doi=DOI,journal=Source.",
        ),
        click.option(
            "--author-separator",
            default=";",
            show_default=True,
            help="What separates the names in the --columns authors cell.",
        ),
        click.option(
            "--authors-map",
            type=click.Path(),
            help="CSV of name,canonical: rename author variants first.",
        ),
        click.option(
            "--thesaurus",
            type=click.Path(),
            help="VOSviewer thesaurus file (label<TAB>replace by): merge and drop terms, "
            "rename authors.",
        ),
        click.option(
            "--topic-threshold",
            type=click.FloatRange(0, 1),
            default=Settings.topic_threshold,
            show_default=True,
            help="Least TF-IDF cosine for a topic link.",
        ),
        click.option(
            "--topic-top-k",
            type=click.IntRange(1),
            default=Settings.topic_top_k,
            show_default=True,
            help="Topic links kept per article.",
        ),
        click.option(
            "--seed",
            type=int,
            default=Settings.seed,
            show_default=True,
            help="Seed for communities and layout.",
        ),
        click.option(
            "--min-weight",
            type=click.IntRange(1),
            default=Settings.min_weight,
            show_default=True,
            help="Least shared references (coupling) or citing articles (co-citation).",
        ),
        click.option(
            "--similarity-top-k",
            type=click.IntRange(1),
            default=Settings.similarity_top_k,
            show_default=True,
            help="Coupling and co-citation links kept per node.",
        ),
        click.option(
            "--normalization",
            type=click.Choice(NORMALIZATIONS),
            default=Settings.normalization,
            show_default=True,
            help="Weights of coupling and co-citation links.",
        ),
        click.option(
            "--counting",
            type=click.Choice(COUNTINGS),
            default=Settings.counting,
            show_default=True,
            help="Full or fractional counting of shared items.",
        ),
        click.option(
            "--resolution",
            type=click.FloatRange(0, min_open=True),
            default=Settings.resolution,
            show_default=True,
            help="Community resolution: higher gives more, smaller communities.",
        ),
        click.option(
            "--communities",
            "communities",
            type=click.Choice(METHODS),
            default=Settings.communities,
            show_default=True,
            help="Community method: leiden (its communities are always connected) or louvain.",
        ),
        click.option(
            "--quality",
            type=click.Choice(QUALITIES),
            default=Settings.quality,
            show_default=True,
            help="What Leiden optimises: modularity, or cpm (the constant Potts model; "
            "--resolution is then the least link density inside a community, e.g. 0.05).",
        ),
        click.option(
            "--community-runs",
            type=click.IntRange(1),
            default=Settings.community_runs,
            help="Seeded runs per network; the best is kept, their agreement reported "
            "[default: 10; past 200,000 links, 2 million / links, at least 3].",
        ),
        click.option(
            "--max-terms",
            type=click.IntRange(1),
            default=Settings.max_terms,
            show_default=True,
            help="Most terms in the term map.",
        ),
        click.option(
            "--term-relevance",
            type=click.FloatRange(0, 1, min_open=True),
            default=Settings.term_relevance,
            show_default=True,
            help="Share of candidate terms the term map keeps, the most relevant first.",
        ),
        click.option(
            "--min-term-articles",
            type=click.IntRange(1),
            help="Least articles a term-map term occurs in [default: scaled to the corpus].",
        ),
        click.option(
            "--max-team",
            type=click.IntRange(2),
            default=Settings.max_team,
            show_default=True,
            help="Articles with more authors add no co-author links.",
        ),
        click.option(
            "--max-field",
            type=click.IntRange(1000),
            default=MAX_FIELD,
            show_default=True,
            help="Characters kept of any one field; longer ones are cut, with a note.",
        ),
        click.option(
            "--max-input-mb",
            type=click.IntRange(1),
            default=MAX_INPUT_MB,
            show_default=True,
            help="Largest input file, after decompression; larger ones stop the run.",
        ),
        click.option("--strict", is_flag=True, help="Exit 1 if any record could not be read."),
        click.option("-v", "--verbose", is_flag=True, help="List every problem record."),
        click.option(
            "--problems",
            "problems_csv",
            type=click.Path(),
            help="Write every problem (file, line, reason, excerpt) to this CSV file.",
        ),
        click.option("-q", "--quiet", is_flag=True, help="No progress display."),
        click.option(
            "--profile", is_flag=True, help="Print each stage's time and peak memory at the end."
        ),
        click.option(
            "--profile-json",
            type=click.Path(dir_okay=False),
            help="Write each stage's time and peak memory to this JSON file (for benchmarks).",
        ),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def _stdout() -> Console:
    """The terminal, or 200 columns (``COLUMNS`` if set) when output goes to a file."""
    out = Console()
    if out.is_terminal:
        return out
    return Console(width=int(os.environ.get("COLUMNS", "200")))


_CLOCK: dict[str, StageClock] = {}
_PROFILE_JSON: dict[str, str] = {}


class _Stages:
    """A stage callback that names each stage as it starts, and can learn of more stages
    once it knows the work (the views a build draws depend on what was read); ``detail``
    says how far a long stage has got (files read, networks measured) without counting a
    stage."""

    def __init__(self, update: Stage, clock: StageClock | None) -> None:
        self.update, self.clock = update, clock
        self.grow: Callable[[int], None] = lambda _: None
        self.detail: Stage = lambda _: None

    def __call__(self, text: str) -> None:
        self.update(text)
        if self.clock is not None:
            self.clock(text)

    def beside(self, rows: list[dict[str, object]]) -> None:
        """Stage timings from a second process, for ``--profile``."""
        if self.clock is not None:
            self.clock.beside(rows)


@contextmanager
def _progress(opts: dict[str, Any], total: int) -> Iterator[_Stages]:
    """One progress bar over ``total`` stages naming the current one, on a terminal only and
    not with ``--quiet``; with ``--profile`` (or ``--profile-json``) every stage is timed
    too, and the timings are printed (or written) when the command ends."""
    profile = opts["profile"] or opts["profile_json"]
    clock = _CLOCK.setdefault("run", StageClock()) if profile else None
    if opts["profile_json"]:
        _PROFILE_JSON["path"] = opts["profile_json"]
    if opts["quiet"] or not _err.is_terminal:
        yield _Stages(lambda _: None, clock)
        return
    columns = (SpinnerColumn(), TextColumn("{task.description:<38}"), BarColumn(),
               MofNCompleteColumn(), TimeElapsedColumn())  # fmt: skip
    with Progress(*columns, console=_err, transient=True) as bar:
        task = bar.add_task("starting", total=total)
        started = [False]

        def update(text: str) -> None:
            if started[0]:
                bar.advance(task)
            started[0] = True
            bar.update(task, description=text)
            bar.refresh()  # show each stage as it starts, however short

        stages = _Stages(update, clock)
        planned = [total]

        def grow(more: int) -> None:
            planned[0] += more
            bar.update(task, total=planned[0])

        def detail(text: str) -> None:
            bar.update(task, description=text)
            bar.refresh()

        stages.grow, stages.detail = grow, detail
        yield stages
        bar.update(task, completed=planned[0])


def _print_profile() -> None:
    clock = _CLOCK.pop("run", None)
    json_path = _PROFILE_JSON.pop("path", None)
    if clock is None:
        return
    rows = clock.finish()
    rows.append({"stage": "total", "seconds": clock.total(), "peak_mb": peak_memory_mb()})
    if json_path:
        try:
            write_text_atomic(Path(json_path), json.dumps({"stages": rows}, indent=2) + "\n")
        except OSError as err:
            raise click.ClickException(f"{json_path}: cannot write the profile: {err}") from err
    else:
        Console(stderr=True, width=120).print(_table(rows, ["stage", "seconds", "peak_mb"]))


def _read(opts: dict[str, Any], stage: _Stages) -> tuple[Any, dict[str, str] | None]:
    from graph.identity import read_authors_map
    from graph.pipeline import load
    from graph.readers import Limits

    stage("reading records")
    authors_map = read_authors_map(opts["authors_map"]) if opts["authors_map"] else None
    thesaurus = _thesaurus(opts)
    if thesaurus is not None:  # --authors-map, the more specific, wins over the thesaurus
        authors_map = {**thesaurus.author_renames(), **(authors_map or {})}
    limits = Limits(max_field=opts["max_field"], max_input_mb=opts["max_input_mb"])

    def progress(number: int, total: int, _: str) -> None:
        stage.detail(f"reading records: file {number}/{total}")

    loaded = load(opts["inputs"], fmt=opts["fmt"], journal=opts["journal"], limits=limits,
                  progress=progress, encoding=opts["encoding"], layout=_layout(opts))  # fmt: skip
    return loaded, authors_map


def _thesaurus(opts: dict[str, Any]) -> Any:
    from graph.thesaurus import read_thesaurus

    return read_thesaurus(opts["thesaurus"]) if opts.get("thesaurus") else None


def _quality(opts: dict[str, Any]) -> str:
    if opts["quality"] == "cpm" and opts["communities"] != "leiden":
        raise click.UsageError("--quality cpm needs --communities leiden")
    return str(opts["quality"])


def _settings(opts: dict[str, Any]) -> Settings:
    return Settings(
        topic_threshold=opts["topic_threshold"],
        topic_top_k=opts["topic_top_k"],
        seed=opts["seed"],
        min_weight=opts["min_weight"],
        similarity_top_k=opts["similarity_top_k"],
        normalization=opts["normalization"],
        counting=opts["counting"],
        resolution=opts["resolution"],
        community_runs=opts["community_runs"],
        communities=opts["communities"],
        quality=_quality(opts),
        max_team=opts["max_team"],
        max_terms=opts["max_terms"],
        term_relevance=opts["term_relevance"],
        min_term_articles=opts["min_term_articles"],
    )


def _read_options(opts: dict[str, Any]) -> dict[str, object]:
    """The reading options a build depends on, for its manifest and the cache key."""
    from graph.store import file_digest

    authors_map, thesaurus = opts["authors_map"], opts.get("thesaurus")
    return {
        "format": opts["fmt"],
        "journal": opts["journal"],
        "encoding": opts["encoding"],
        "columns": opts["columns"],
        "author_separator": opts["author_separator"] if opts["columns"] else None,
        "authors_map": file_digest(authors_map) if authors_map and os.path.isfile(authors_map)
        else authors_map,
        "thesaurus": file_digest(thesaurus) if thesaurus and os.path.isfile(thesaurus)
        else thesaurus,
        "max_field": opts["max_field"],
        "max_input_mb": opts["max_input_mb"],
    }  # fmt: skip


def _run(
    opts: dict[str, Any],
    then: Callable[[Analysis, _Stages], None] | None = None,
    then_stages: Callable[[Analysis], int] = lambda _: 0,
) -> Analysis:
    """Read and analyse: the whole job but the writing, which ``then`` does on the same
    progress bar (``then_stages`` says how many stages it reports). Problems are reported,
    and ``--strict`` stops the run, before ``then`` writes anything."""
    from graph.pipeline import ANALYSIS_STAGES, analyse

    try:
        with _progress(opts, 1 + len(ANALYSIS_STAGES)) as stage:
            loaded, authors_map = _read(opts, stage)
            result = analyse(loaded, _settings(opts), stage, authors_map, stage.detail,
                             _thesaurus(opts))  # fmt: skip
            _report_problems(result.loaded.problems, result.loaded.notes, opts)
            if then is not None:
                stage.grow(then_stages(result))
                then(result, stage)
    except GraphError as err:
        raise click.ClickException(str(err)) from err
    return result


def _count(opts: dict[str, Any]) -> Corpus:
    """Read, merge and build the typed graph: enough for counts."""
    from graph.pipeline import ASSEMBLY_STAGES, assemble

    try:
        with _progress(opts, 1 + len(ASSEMBLY_STAGES)) as stage:
            loaded, authors_map = _read(opts, stage)
            corpus = assemble(loaded, stage, authors_map)
    except GraphError as err:
        raise click.ClickException(str(err)) from err
    _report_problems(corpus.loaded.problems, corpus.loaded.notes, opts)
    return corpus


def _say(opts: dict[str, Any], text: str) -> None:
    """A line about where an answer comes from: on a terminal, or with -v; never with -q."""
    if not opts.get("quiet") and (opts.get("verbose") or _err.is_terminal):
        click.echo(text, err=True)


def _build_folder(inputs: tuple[str, ...]) -> Store | None:
    """The store of the build folder among ``inputs``, if one is a build folder."""
    builds = [p for p in inputs if store_dir(p) is not None]
    if not builds:
        return None
    if len(inputs) > 1:
        raise click.ClickException(
            f"{builds[0]}: is a citegraph build (give it alone, or give only record files)"
        )
    try:
        return open_store(builds[0])
    except GraphError as err:
        raise click.ClickException(str(err)) from err


def _answer(opts: dict[str, Any], full: bool = True) -> Store | None:
    """The store that answers for INPUTS: a build folder given as the input, else the
    cached build of the record files when it is current, else (``full``) a new build into
    the cache; None when not ``full`` and there is no current build."""
    from dataclasses import asdict

    from graph.cache import cache_entry, cached_store

    store = _build_folder(opts["inputs"])
    if store is None:
        read = _read_options(opts)
        try:
            store, why = cached_store(list(opts["inputs"]), asdict(_settings(opts)), read)
        except GraphError as err:
            raise click.ClickException(str(err)) from err
        if store is None:
            if not full:
                return None
            _say(opts, f"{why}: building it into the cache")
            return _cache_build(opts, cache_entry(list(opts["inputs"])), read)
        _say(opts, why)
    # The build reported its problems when it ran; a stored answer repeats them only when
    # asked to (-v, --problems) or when they matter (--strict).
    if opts["verbose"] or opts["strict"] or opts["problems_csv"]:
        from graph.answers import stored_problems

        _report_problems(*stored_problems(store), opts)
    return store


def _cache_build(opts: dict[str, Any], entry: Path, read: dict[str, object]) -> Store:
    from graph.results import STORE_STAGE, save_store

    def save(result: Analysis, stage: Stage) -> None:
        stage(STORE_STAGE)
        save_store(result, entry, read)

    _run(opts, save, lambda _: 1)
    return open_store(entry)


def _report_problems(problems: list[Problem], notes: list[Problem], opts: dict[str, Any]) -> None:
    verbose, strict, problems_csv = opts["verbose"], opts["strict"], opts["problems_csv"]
    if problems_csv:
        from graph.export import write_rows_csv

        rows = [p.model_dump() for p in (*problems, *notes)]
        try:
            write_rows_csv(rows, problems_csv, ["file", "line", "message", "excerpt", "skipped"])
        except GraphError as err:
            raise click.ClickException(str(err)) from err
        click.echo(f"wrote {len(rows)} problems and notes to {problems_csv}", err=True)
    if verbose:
        for note in notes:
            click.echo(f"note: {note}", err=True)
    elif notes:
        click.echo(f"{len(notes)} notes; first: {notes[0]} (-v lists all)", err=True)
    if not problems:
        return
    if verbose:
        for problem in problems:
            click.echo(f"problem: {problem}", err=True)
    else:
        click.echo(
            f"{len(problems)} records skipped; first: {problems[0]} (-v lists all)", err=True
        )
    if strict:
        raise click.ClickException(f"{len(problems)} records could not be read (--strict)")


class _Commands(click.Group):
    """The command group: an error that is no user error is a bug, and says so."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (click.ClickException, click.exceptions.Exit, click.Abort, BrokenPipeError):
            raise  # a user error, a normal exit, Ctrl-C or a closed pipe: no bug
        except Exception:
            click.echo(
                f"citegraph {__version__} hit an internal error: this is a bug, not a problem "
                "with your records. Please report it with the command you ran and the "
                "traceback below.",
                err=True,
            )
            raise


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="citegraph")
def cli() -> None:
    """citegraph: map a research field from exported records.

    Records become a typed graph of authors, articles and journal issues, analysed
    for co-authorship and topic overlap, drawn as offline HTML views and exported
    as GraphML.

    Example: citegraph build data/ --out output/
    """
    _CLOCK.clear()


@cli.result_callback()
def _after_command(*_: Any, **__: Any) -> None:
    """Print the --profile table once the command has done its work."""
    _print_profile()


@cli.command()
@_inputs
@click.option(
    "-o",
    "--out",
    default="output",
    show_default=True,
    type=click.Path(),
    help="Folder for the views and files.",
)
@click.option(
    "--max-nodes",
    type=click.IntRange(1),
    default=MAX_NODES,
    show_default=True,
    help="Most nodes drawn in one view: the top ones by the size metric.",
)
@click.option("--color-by", type=click.Choice(COLOR_BY), help="Colour every view by this.")
@click.option("--size-by", type=click.Choice(SIZE_BY), help="Size every view's nodes by this.")
def build(out: str, max_nodes: int, color_by: str | None, size_by: str | None, **opts: Any) -> None:
    """Write HTML views, GraphML, metrics.json, summary.json and the store (Parquet tables
    every query command answers from) for INPUTS.

    Example: citegraph build data/ --out output/
    """
    from graph.pipeline import left_out, summary
    from graph.results import build_stages, write_build

    _check_folder(out)
    written: list[Path] = []

    def write(result: Analysis, stage: _Stages) -> None:
        result.settings = replace(
            result.settings, max_nodes=max_nodes, color_by=color_by, size_by=size_by
        )
        written.extend(write_build(result, out, stage, _read_options(opts),
                                   detail=stage.detail, timings=stage.beside))  # fmt: skip

    result = _run(opts, write, lambda result: len(build_stages(result)))
    counts = summary(result)
    click.echo(
        f"{counts['records_read']} records: {counts['articles']} articles, "
        f"{counts['authors']} authors, {counts['issues']} issues"
    )
    for path in written:
        click.echo(f"wrote {path}")
    for file, why in left_out(result):
        click.echo(f"left out {file}: {why}")


def _check_folder(out: str) -> None:
    """Fail at once, before any work, when ``out`` cannot be a folder we write into."""
    try:
        check_writable(out, folder=True)
    except GraphError as err:
        raise click.ClickException(str(err)) from err


def _check_file(path: str) -> None:
    try:
        check_writable(path)
    except GraphError as err:
        raise click.ClickException(str(err)) from err


@cli.command()
@_inputs
@click.option("--focus", required=True, help="The node (id or label) at the centre.")
@click.option("--depth", type=click.IntRange(1), default=2, show_default=True,
              help="Links out from the focus.")  # fmt: skip
@click.option(
    "--network",
    "view",
    type=click.Choice(NETWORK_NAMES),
    default="all",
    show_default=True,
    help="Which network to draw: the whole typed graph or one projection.",
)
@click.option("-o", "--output", required=True, type=click.Path(), help="HTML file to write.")
@click.option(
    "--max-nodes",
    type=click.IntRange(1),
    default=MAX_NODES,
    show_default=True,
    help="Most nodes drawn: the top ones by degree.",
)
def view(focus: str, depth: int, view: str, output: str, max_nodes: int, **opts: Any) -> None:
    """Draw the neighbourhood of one author, article, issue or term as one HTML view.
    INPUTS are a build folder or record files (built once into the cache).

    Example: citegraph view output/ --focus "Emma Watson" --depth 2 -o watson.html
    """
    from graph.neighbourhoods import stored_ego
    from graph.view.network import focus_spec, network_html

    _check_file(output)
    store = _require(_answer(opts))
    _network(store, view)  # the network was built
    try:
        found = stored_ego(store, view, focus, depth)
        labels = store.columns("all_nodes", ("id", "label"))
        names = dict(zip(*(labels.column(c).to_pylist() for c in ("id", "label")), strict=True))
        seed = int(store.manifest["settings"]["seed"])
        ego = found.graph
        spec = focus_spec(found.label, depth, view, ego.number_of_nodes(), found.total, names,
                          seed, max_nodes)  # fmt: skip
        write_text_atomic(output, network_html(ego, spec))
    except LookupError as err:
        raise click.ClickException(f"{err} (citegraph metrics lists ids and labels)") from err
    except GraphError as err:
        raise click.ClickException(str(err)) from err
    click.echo(f"wrote {output}: {ego.number_of_nodes()} nodes, {ego.number_of_edges()} edges")


def _require(store: Store | None) -> Store:
    if store is None:  # only _answer(full=False) gives None
        raise AssertionError("no store")
    return store


def _network(store: Store, name: str) -> Any:
    try:
        return store.network(name)
    except KeyError as err:
        raise click.ClickException(
            f"{store.path}: has no {name} network: the records have no cited references "
            "(export records with their references)"
        ) from err


@cli.command()
@_inputs
@click.option("--json", "as_json", is_flag=True, help="Print summary.json's content.")
def info(as_json: bool, **opts: Any) -> None:
    """Count records, articles, authors, issues and problems in INPUTS (record files, or a
    build folder).

    Example: citegraph info data/ --json
    """
    from graph.answers import stored_summary

    store = _answer(opts, full=False)
    if store is not None:
        counts = stored_summary(store)
    else:
        from graph.pipeline import summary

        counts = summary(_count(opts))
    if as_json:
        click.echo(to_json(counts), nl=False)
        return
    for key in (
        "records_read",
        "articles",
        "authors",
        "issues",
        "journals",
        "duplicates_merged",
        "problems",
    ):
        click.echo(f"{key.replace('_', ' ')}: {counts[key]}")
    for entry in counts["files"]:
        click.echo(
            f"  {entry['path']} ({entry['format']}): {entry['records_read']} records, "
            f"{entry['articles']} articles, {entry['duplicates_merged']} duplicates, "
            f"{entry['problems']} problems"
        )


@cli.command()
@_inputs
@click.option("--json", "as_json", is_flag=True, help="JSON instead of a table.")
def authors(as_json: bool, **opts: Any) -> None:
    """List every author: id, name, articles, the name variants taken as them, and why.

    Example: citegraph authors exports/ --json
    """
    from graph.answers import stored_author_rows

    store = _answer(opts, full=False)
    if store is not None:
        rows = stored_author_rows(store)
    else:
        from graph.pipeline import author_rows

        rows = author_rows(_count(opts))
    if as_json:
        click.echo(list_json(rows))
        return
    columns = ["label", "id", "articles", "variants", "reason"]
    _stdout().print(_table(rows, columns, wrapped={*WRAPPED_COLUMNS, "reason"}))


def _listing(columns: tuple[str, ...], default_sort: str | None) -> Callable[..., Any]:
    """The --json, --csv, --top and --sort options of a command that prints rows."""

    def decorate(func: Callable[..., Any]) -> Callable[..., Any]:
        options = [
            click.option("--json", "as_json", is_flag=True, help="JSON instead of a table."),
            click.option("--csv", "as_csv", is_flag=True, help="CSV rows instead of a table."),
            click.option("--top", type=click.IntRange(1), help="Only the first N rows."),
            click.option(
                "--sort",
                "sort_by",
                type=click.Choice(columns),
                default=default_sort,
                show_default=default_sort is not None,
                help="Sort rows by this column, largest first.",
            ),
        ]
        for option in reversed(options):
            func = option(func)
        return func

    return decorate


def _emit(
    rows: list[dict[str, object]],
    columns: list[str],
    shape: dict[str, Any],
    document: object = None,
) -> None:
    """Print ``rows`` as a table, CSV or JSON (``document`` instead, when given)."""
    if shape["as_json"] and shape["as_csv"]:
        raise click.UsageError("choose one of --json and --csv")
    if shape["sort_by"]:
        rows = sort_rows(rows, shape["sort_by"], shape["top"])
    elif shape["top"]:
        rows = rows[: shape["top"]]
    if shape["as_json"]:
        click.echo(to_json(rows if document is None else document), nl=False)
    elif shape["as_csv"]:
        buffer = io.StringIO()
        writer = csv.DictWriter(
            buffer, fieldnames=columns, extrasaction="ignore", lineterminator="\n"
        )
        writer.writeheader()
        writer.writerows(rows)
        click.echo(buffer.getvalue(), nl=False)
    else:
        _stdout().print(_table(rows, columns))


def _shape(kwargs: dict[str, Any]) -> dict[str, Any]:
    return {k: kwargs.pop(k) for k in ("as_json", "as_csv", "top", "sort_by")}


CLUSTER_COLUMNS = ("cluster", "name", "size", "years", "terms", "top_authors", "central_articles")
TERM_CLUSTER_COLUMNS = ("cluster", "name", "size", "terms", "avg_year")


@cli.command()
@_inputs
@click.option("--term-map", is_flag=True, help="Clusters of the term map instead.")
@_listing((*CLUSTER_COLUMNS, "avg_year"), None)
def topics(term_map: bool, **opts: Any) -> None:
    """Topic clusters: communities of the topic graph, labelled by their distinctive terms,
    with size, years, top authors and most central articles (--term-map: term clusters).

    Example: citegraph topics data/ --top 3
    """
    shape = _shape(opts)
    results = _require(_answer(opts)).document("results")
    if term_map:
        clusters = results["term_clusters"]
        columns = list(TERM_CLUSTER_COLUMNS)
    else:
        clusters = results["topic_clusters"]
        columns = list(CLUSTER_COLUMNS)
    rows = cluster_rows(clusters)
    _emit(rows, columns, shape, None if shape["top"] or shape["sort_by"] else clusters)
    network = "terms" if term_map else "topic"
    for name, ari, runs, warning in stability(results["networks"]):
        if name == network:
            text = (
                f"warning: {warning}"
                if warning
                else (f"the {name} clusters agree across seeds: ARI {ari:.2f} over {runs} runs")
            )
            click.echo(text, err=True)


@cli.command()
@click.argument("first")
@click.argument("second")
@_inputs
@click.option("--all", "every", is_flag=True,
              help="Every piece of evidence in the table, not the first 10 of each kind "
                   "(--json and --csv always list every one).")  # fmt: skip
@_listing(("value",), None)
def why(first: str, second: str, every: bool, **opts: Any) -> None:
    """Why FIRST and SECOND (ids or labels) are linked: direct links, joint articles, topic
    links and profile similarity with the shared terms, shared references, shortest path.

    Example: citegraph why "Watson 2016, 20(3)" "Watson 2015, 19(2)" data/
    """
    from graph.neighbourhoods import stored_why

    shape = _shape(opts)
    try:
        found, labels = stored_why(_require(_answer(opts)), first, second)
    except LookupError as err:
        raise click.ClickException(f"{err} (citegraph metrics lists ids and labels)") from err
    a, b = found["nodes"]
    if not (shape["as_json"] or shape["as_csv"]):
        click.echo(f"{a['label']} ({a['kind']}) and {b['label']} ({b['kind']})")
    rows = evidence_rows(found, labels)
    if not (every or shape["as_json"] or shape["as_csv"] or shape["top"] or shape["sort_by"]):
        rows = capped_evidence(rows)
    _emit(rows, ["evidence", "value", "details"], shape, found)


@cli.command()
@_inputs
@click.option("--author", required=True, help="The author (id or name) to find peers for.")
@_listing(("similarity", "articles"), "similarity")
def suggest(author: str, **opts: Any) -> None:
    """Authors who write on the same themes as AUTHOR and have never written with them.

    Example: citegraph suggest data/ --author "Emma Watson" --top 5
    """
    from graph.neighbourhoods import stored_suggest

    shape = _shape(opts)
    try:
        label, found = stored_suggest(_require(_answer(opts)), author, top=shape["top"] or 10)
    except LookupError as err:
        raise click.ClickException(f"{err} (citegraph authors lists them)") from err
    if not (shape["as_json"] or shape["as_csv"]):
        click.echo(f"Authors writing like {label}, never with them:")
    _emit(found, ["label", "similarity", "shared_terms", "articles", "id"], shape)


@cli.command()
@_inputs
@_listing(("nodes", "edges", "density", "components", "modularity"), None)
def stats(**opts: Any) -> None:
    """Graph-level metrics of each network (co-authorship, topic, issues, terms, citation),
    community stability, and corpus indicators (articles per year, Lotka's law, journals).

    Example: citegraph stats data/ --json
    """
    shape = _shape(opts)
    results = _require(_answer(opts)).document("results")
    networks, corpus = results["networks"], results["corpus"]
    rows = network_rows(networks)
    columns = list(dict.fromkeys(k for row in rows for k in row))
    if shape["as_json"]:
        shape["sort_by"] = shape["top"] = None
        _emit(rows, columns, shape, {"networks": networks, "corpus": corpus})
        return
    if shape["as_csv"]:
        _emit(rows, columns, shape)
        return
    if shape["sort_by"]:
        rows = sort_rows(rows, shape["sort_by"], shape["top"])
    names = [str(row["network"]) for row in rows[: shape["top"]]]
    flipped = [{"metric": c, **{n: r.get(c) for n, r in zip(names, rows, strict=False)}}
               for c in columns[1:]]  # fmt: skip
    _stdout().print(_table(flipped, ["metric", *names], wrapped=()))  # columns are networks
    for line in corpus_lines(corpus):
        click.echo(line)


@cli.command(name="dedup-report")
@_inputs
@click.option("--json", "as_json", is_flag=True, help="JSON instead of text.")
def dedup_report(as_json: bool, **opts: Any) -> None:
    """List every group of records merged into one article, and why.

    Example: citegraph dedup-report exports/ --json
    """
    from graph.answers import stored_merges

    store = _answer(opts, full=False)
    merges = stored_merges(store) if store is not None else _count(opts).merges
    if as_json:
        click.echo(json.dumps([g.model_dump() for g in merges], indent=2, ensure_ascii=False))
        return
    reasons = Counter(g.reason for g in merges)
    merged = sum(len(g.merged) for g in merges)
    click.echo(f"{len(merges)} merged groups, {merged} records merged")
    for reason, count in sorted(reasons.items()):
        click.echo(f"  {count} by {reason}")
    for group in merges:
        click.echo(f"{group.kept} <- {', '.join(group.merged)} ({group.reason}): {group.label}")


def _table(
    rows: list[dict[str, object]], columns: list[str], wrapped: Collection[str] = WRAPPED_COLUMNS
) -> Table:
    table = Table(show_edge=False, header_style="bold")
    for column in columns:
        if column == "label":
            table.add_column(column, no_wrap=True, max_width=48, overflow="ellipsis")
        elif column in wrapped:
            table.add_column(column, overflow="fold", ratio=1)
        else:  # a column of numbers lines up on the right, one of text reads from the left
            cells = [row[column] for row in rows if row.get(column) not in (None, "")]
            numbers = sum(isinstance(cell, int | float) for cell in cells)
            right = 2 * numbers >= len(cells)
            table.add_column(column, justify="right" if right else "left", no_wrap=True)
    for row in rows:
        # Text cells: record text is never read as rich markup or :emoji: codes.
        table.add_row(*(Text(_cell(row.get(c))) for c in columns))
    return table


def _cell(value: object) -> str:
    """A table cell's text: a list (an author's variants) as its items joined by "; "."""
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return "; ".join(map(str, value))
    return str(value)


@cli.command()
@_inputs
@click.option(
    "--kind",
    type=click.Choice(["author", "article", "issue", "journal", "term"]),
    help="Only nodes of this kind.",
)
@click.option(
    "--sort",
    "sort_by",
    type=click.Choice(SORT_KEYS),
    default="degree",
    show_default=True,
    help="Largest first.",
)
@click.option("--top", type=click.IntRange(1), help="Only the first N rows.")
@click.option("--json", "as_json", is_flag=True, help="JSON rows instead of a table.")
@click.option("--csv", "as_csv", is_flag=True, help="CSV rows instead of a table.")
def metrics(
    kind: str | None, sort_by: str, top: int | None, as_json: bool, as_csv: bool, **opts: Any
) -> None:
    """Node metrics: degree, betweenness, closeness, PageRank, community, article counts.

    Authors are measured on the co-authorship graph, articles on the topic graph, and
    issues on the graph of issues that share authors.

    Example: citegraph metrics data/ --kind author --sort articles --top 5
    """
    shape = {"as_json": as_json, "as_csv": as_csv, "top": None, "sort_by": None}
    if as_json and as_csv:
        raise click.UsageError("choose one of --json and --csv")
    from graph.answers import stored_node_rows

    rows = stored_node_rows(_require(_answer(opts)), kind, sort_by, top)
    columns = ["label", "kind", *INDICATORS, *NODE_METRICS]
    columns = [c for c in columns if any(c in row for row in rows)]
    # The table shows the commonest columns (and the sort key); JSON and CSV have them all.
    shown = [c for c in columns if c in TABLE_COLUMNS or c == sort_by]
    _emit(rows, ["id", *columns] if as_csv else shown, shape)


@cli.command()
@_inputs
@click.option("--to", "to", type=click.Choice(EXPORT_FORMATS), required=True, help="Output format.")
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(),
    help="File to write (a folder for --to csv: nodes.csv and edges.csv).",
)
@click.option(
    "--view",
    type=click.Choice(NETWORK_NAMES),
    default="all",
    show_default=True,
    help="Which network: the whole typed graph, or one projection.",
)
def export(to: str, output: str, view: str, **opts: Any) -> None:
    """Export the typed graph, or one of its networks, for Gephi (graphml, gexf with years),
    Cytoscape and igraph (graphml), VOSviewer Online (vosviewer), programs (json) or
    spreadsheets and pandas (csv).

    Example: citegraph export data/ --to gexf --view coauthors -o output/coauthors.gexf
    """
    from graph.export import write_stored_export

    if to == "csv":
        _check_folder(output)
    else:
        _check_file(output)
    store = _require(_answer(opts))
    network = _network(store, view)
    try:
        write_stored_export(store, network, to, output)
    except GraphError as err:
        raise click.ClickException(str(err)) from err
    click.echo(f"wrote {output}: {network.nodes.num_rows} nodes, {network.edges.num_rows} edges")
    if network.nodes.num_rows == 0:
        click.echo(f"note: the {view} network is empty, so the file holds no node (VOSviewer "
                   "Online says 'No data found' of such a map)", err=True)  # fmt: skip


def _sql_epilog() -> str:
    from graph.store import table_guide

    lines = ["\b", "Tables (one Parquet file each, in BUILD/store/):"]
    lines += [f"  {name}: {columns}" for name, columns in table_guide()]
    return "\n".join(lines)


@cli.command(epilog=_sql_epilog())
@click.argument("build_folder", metavar="BUILD", type=click.Path())
@click.argument("query")
@click.option("--json", "as_json", is_flag=True, help="JSON rows instead of a table.")
@click.option("--csv", "as_csv", is_flag=True, help="CSV rows instead of a table.")
def sql(build_folder: str, query: str, as_json: bool, as_csv: bool) -> None:
    """Run a DuckDB SQL QUERY over the tables of the build in folder BUILD.

    Example: citegraph sql output/ "SELECT label, articles FROM people ORDER BY articles
    DESC LIMIT 5"
    """
    import duckdb

    try:
        table = open_store(build_folder).sql(query)
    except GraphError as err:
        raise click.ClickException(str(err)) from err
    except duckdb.Error as err:
        first = str(err).strip().splitlines()[0]
        raise click.ClickException(
            f"{build_folder}: the query failed: {first} (citegraph sql --help lists the tables)"
        ) from err
    shape = {"as_json": as_json, "as_csv": as_csv, "top": None, "sort_by": None}
    _emit(table.to_pylist(), table.column_names, shape)
