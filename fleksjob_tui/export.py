"""The documentation pack: a case as one printable HTML file or as Markdown for an e-mail.

The pack plays the role of seed 000's "Dokumentationsskema – leder/medarbejder": the case facts,
the written agreement (functions the employee finds difficult, agreed accommodations, signed
date), the measures tried with periods, results, documentation and notes, the meeting log, the
findings with their references grouped by who should act, the key dates, the subsidy estimate
(always "vejledende") and signature lines for manager, employee and union representative.

Textual-free. Public API:

* ``build_pack(case, assessment, lang=None) -> Pack`` — everything the pack says, as plain text
  (user text unescaped, CPR-like numbers removed); built in :mod:`fleksjob_tui.view.pack` as part
  of the case view (``build_view(...).pack``), which both renderers read, so the HTML and the
  Markdown always hold the same facts. This module only renders.
* ``render_html(case, assessment, lang=None) -> str`` — one self-contained HTML document from
  the Jinja2 template ``templates/pack.html`` (autoescaping on: every piece of user text is
  escaped) with the A4 print stylesheet ``templates/pack.css`` inlined; no scripts, no links, no
  external fonts or images.
* ``render_markdown(case, assessment, lang=None) -> str`` — the same for pasting into an e-mail
  or a case system; Markdown-significant characters in user text are escaped.
* ``assess_for_pack(case, as_of)`` — the assessment the pack uses: findings worded in the third
  person ("Medarbejderen …", not "Du …"), because manager, employee and union representative all
  read and sign it.
* ``export_case(case, as_of, fmt, out_path, case_path=None) -> Path`` — assess, render and write
  atomically with mode 600 (:func:`fleksjob_tui.storage.write_private_text`). Raises
  :class:`ExportError`; it never writes over a case: see :func:`check_target`.
* ``check_target(out_path, case_path=None, lang="da")`` — refuse a target that is the case file
  itself (after following links) or any ``.toml`` / ``.toml.bak`` file (a case or its backup).
* ``default_output(case_path, fmt, folder=None) -> Path`` — beside the case file, same stem.
* ``format_for(path) -> str`` — the format a file name asks for (``.md`` → ``md``, else ``html``).

Wording: never "berettiget"/"eligible" — the municipality decides. All words come from
``content/export.toml`` (plus the shared words of ``content/report.toml`` and ``content/ui.toml``).
"""

from __future__ import annotations

import datetime as dt
import os
import re
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from . import content
from .rules import assess
from .view import build_view
from .view.pack import Pack, PackFinding, PackMeasure, PackMeeting, build_pack, redact, w
from .view.words import word as report_word

if TYPE_CHECKING:
    from .model import Case
    from .rules.types import Assessment

__all__ = [
    "FORMATS",
    "ExportError",
    "Pack",
    "PackFinding",
    "PackMeasure",
    "PackMeeting",
    "build_pack",
    "render_html",
    "render_markdown",
    "assess_for_pack",
    "export_case",
    "check_target",
    "default_output",
    "format_for",
    "redact",
]

#: Output formats and their file suffixes (Word: fleksjob_tui/documents/docx_writer.py).
FORMATS: dict[str, str] = {"html": ".html", "md": ".md", "docx": ".docx"}

_STATUS_CLASS = {"ready": "ready", "waiting": "waiting", "missing": "missing",
                 "not_eligible": "notmet"}

# --------------------------------------------------------------------------------------------
# HTML


#: The pack's markup (Jinja2, autoescaped) and its print stylesheet: files in the package.
TEMPLATES = Path(__file__).with_name("templates")


def _css(lang: str) -> str:
    """The pack's print stylesheet (``templates/pack.css``); the documents add theirs to it."""
    css = (TEMPLATES / "pack.css").read_text(encoding="utf-8")
    # The page label goes into a CSS string: keep only letters and spaces.
    label = re.sub(r"[^\w ]", "", w("doc.page", lang))
    return css.replace("__PAGE__", label)


@cache
def _template():
    # Start-up: Jinja2 is loaded when the first pack is drawn, not when the wizard starts.
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,  # every text of the case is escaped; only css and the SVG are marked
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
    return env.get_template("pack.html")


def render_html(case: Case, assessment: Assessment, lang: str | None = None) -> str:
    """The pack as one self-contained HTML document (see the module docstring), from
    ``templates/pack.html``: it reads the case view."""
    from markupsafe import Markup  # comes with Jinja2: marks our own CSS and SVG as safe

    from .timeline import timeline_svg  # the timeline module, only when a pack is drawn

    v = build_view(case, assessment, lang)
    pk = v.pack
    svg = timeline_svg(v)
    return _template().render(
        v=v,
        pk=pk,
        lang=pk.lang,
        t=lambda key: w(key, pk.lang),
        status_class=_STATUS_CLASS.get(pk.status, "missing"),
        ref_label=report_word("heading.reference", pk.lang),
        css=Markup(_css(pk.lang)),  # noqa: S704 - our own stylesheet, from the package
        timeline=Markup(svg) if svg else "",  # built and escaped by timeline.py
    )


# --------------------------------------------------------------------------------------------
# Markdown

_MD_SPECIAL = re.compile(r"([\\`*_\[\]{}<>#|~&!])")
_MD_LINE_START = re.compile(r"^(\s*)([-+=>]|[0-9]+[.)])", re.MULTILINE)


def md_escape(text: str, *, inline: bool = True, start: bool = True) -> str:
    """Escape Markdown-significant characters in user text.

    Backslash, backtick, ``* _ [ ] { } < > # | ~ & !`` are escaped everywhere; with ``start``
    (the default) a list marker, a quote or a heading underline at the start of a line too. With
    ``inline`` (for table cells and list items) line breaks become spaces, so a cell or an item
    stays on one line.
    """
    text = _MD_SPECIAL.sub(r"\\\1", text)
    if start:
        # "- x" → "\\- x"; "1. x" → "1\\. x" (only punctuation can be escaped)
        text = _MD_LINE_START.sub(lambda m: m[1] + m[2][:-1] + "\\" + m[2][-1], text)
    if inline:
        text = re.sub(r"\s*\n\s*", " ", text.strip())
    return text


def _h(text: str) -> str:
    """One of our own texts in a heading: escaped, but "1." at its start stays a number."""
    return md_escape(text, start=False)


def _md_block(text: str, indent: str = "  ") -> str:
    """A multi-line user text inside a list item: escaped, lines kept as hard breaks."""
    lines = [md_escape(line) for line in text.strip().splitlines() if line.strip()]
    return ("  \n" + indent).join(lines) or "—"


def _md_table(header: list[str], rows: list[list[str]]) -> list[str]:
    out = ["| " + " | ".join(md_escape(h) for h in header) + " |",
           "|" + "|".join("---" for _ in header) + "|"]
    for row in rows:
        out.append("| " + " | ".join(md_escape(c) or " " for c in row) + " |")
    return out


def render_markdown(case: Case, assessment: Assessment, lang: str | None = None) -> str:
    """The pack as Markdown for an e-mail or a case system (see the module docstring)."""
    pk = build_view(case, assessment, lang).pack
    lang = pk.lang
    o: list[str] = [
        f"# {md_escape(pk.title)}",
        "",
        f"**{md_escape(pk.kicker)}: {md_escape(pk.case_title)}**  ",
        md_escape(pk.as_of),
        "",
        f"## {_h(w('section.status', lang))}: {md_escape(pk.status_word)}",
        "",
        f"**{md_escape(pk.status_sentence)}** {md_escape(pk.decides)}",
        "",
        f"*{md_escape(pk.law_line)}*",
        "",
        *([f"**{md_escape(pk.law_outdated)}**", ""] if pk.law_outdated else []),
        md_escape(pk.intro),
        "",
        f"## {_h(w('section.facts', lang))}",
        "",
    ]
    o += [f"- **{md_escape(k)}:** {md_escape(v)}" for k, v in pk.facts]
    o += ["", f"*{md_escape(pk.no_cpr)}*", "", f"## {_h(w('section.agreement', lang))}",
          ""]
    if pk.self_employed:
        o += [md_escape(w("agreement.self_employed", lang)), ""]
    else:
        o += [f"*{md_escape(w('agreement.reference', lang))}*", ""]
        o += [f"- **{md_escape(k)}:** {md_escape(v)}" for k, v in pk.agreement]
        for key, items in (("agreement.functions", pk.functions),
                           ("agreement.accommodations", pk.accommodations)):
            o += ["", f"### {md_escape(w(key, lang))}", ""]
            if items:
                o += [f"- {md_escape(x)}" for x in items]
            else:
                o.append(md_escape(w("agreement.none_listed", lang)))
        o.append("")
    o += [f"## {_h(w('section.measures', lang))}", "",
          md_escape(w("measures.intro", lang)), ""]
    if not pk.measures:
        o += [md_escape(w("measures.none", lang)), ""]
    else:
        o += _md_table(
            [w(k, lang) for k in ("measures.measure", "measures.period", "measures.result",
                                  "measures.documented")],
            [[m.title, m.period, m.result, m.documented] for m in pk.measures],
        )
        notes = [(m.title, m.note) for m in pk.measures if m.note]
        if notes:
            o += ["", f"### {md_escape(w('measures.notes', lang))}", ""]
            o += [f"- **{md_escape(t)}:** {_md_block(n)}" for t, n in notes]
        o.append("")
    o += [f"## {_h(w('section.meetings', lang))}", ""]
    if not pk.meetings:
        o += [md_escape(w("meetings.none", lang)), ""]
    for mt in pk.meetings:
        o += [
            f"### {md_escape(w('meetings.meeting', lang))} {md_escape(mt.date)}",
            "",
            f"- **{md_escape(w('meetings.participants', lang))}:** {md_escape(mt.participants)}",
            f"- **{md_escape(w('meetings.summary', lang))}:** {_md_block(mt.summary)}",
            f"- **{md_escape(w('meetings.agreed', lang))}:** {_md_block(mt.agreed)}",
            "",
        ]
    o += [f"## {_h(w('section.findings', lang))}", ""]
    if not pk.findings:
        o += [md_escape(w("findings.none", lang)), ""]
    ref_label = report_word("heading.reference", lang)
    for who, items in pk.findings:
        o += [f"### {md_escape(who)} ({len(items)})", ""]
        o += [f"- **{md_escape(f.severity_word)}"
              f"{' · ' + md_escape(f.due) if f.due else ''}:** {md_escape(f.message)} "
              f"*({md_escape(ref_label)}: {md_escape(f.reference)})*" for f in items]
        o.append("")
    o += [f"## {_h(w('section.dates', lang))}", ""]
    if pk.dates_note:
        o += [md_escape(pk.dates_note), ""]
    o += [f"- **{md_escape(k)}:** {md_escape(v)}" for k, v in pk.dates]
    o.append("")
    if pk.economy:
        *body, disclaimer = pk.economy
        o += [f"## {_h(w('section.economy', lang))}", ""]
        o += [md_escape(line) for line in body]
        o += ["", f"*{md_escape(disclaimer)}*", ""]
    o += [f"## {_h(w('section.signatures', lang))}", "",
          md_escape(w("signatures.intro", lang)), ""]
    blank = "_" * 28  # a run of underscores between spaces is plain text in Markdown
    for role in pk.signatures:
        o += [f"**{md_escape(w(f'signatures.{role}', lang))}**  ",
              *(f"{md_escape(w(f'signatures.{k}', lang))}: {blank}  "
                for k in ("name", "date", "signature")),
              ""]
    o += ["---", "", f"*{md_escape(pk.footer)}*", ""]
    return "\n".join(o)


# --------------------------------------------------------------------------------------------
# Writing


class ExportError(Exception):
    """The pack could not be written. ``message(lang)`` says where, what and what to do."""

    def __init__(self, path: Path, what_da: str, what_en: str, lang: str = "da", *,
                 hint_da: str | None = None, hint_en: str | None = None) -> None:
        self.path = path
        self.what = {"da": what_da, "en": what_en}
        #: What to do, when it is not the general "choose another place with -o FILE".
        self.hints = ({"da": hint_da, "en": hint_en or hint_da}
                      if hint_da is not None else None)
        self.lang = lang if lang in ("da", "en") else "da"
        super().__init__(self.message(self.lang))

    def short(self, lang: str | None = None) -> str:
        return self.what[lang if lang in ("da", "en") else self.lang]

    def hint(self, lang: str | None = None) -> str:
        lang = lang if lang in ("da", "en") else self.lang
        return self.hints[lang] if self.hints is not None else w("cli.hint", lang)

    def sentence(self, lang: str | None = None) -> str:
        """What went wrong and what to do, on one line (for the wizard's export window)."""
        lang = lang if lang in ("da", "en") else self.lang
        what = self.what[lang]
        return f"{what[:1].upper()}{what[1:]}. {self.hint(lang)}"

    def message(self, lang: str | None = None) -> str:
        lang = lang if lang in ("da", "en") else self.lang
        return w("cli.failed", lang, path=self.path, what=self.what[lang], hint=self.hint(lang))

    def __str__(self) -> str:
        return self.message(self.lang)


def assess_for_pack(case: Case, as_of: dt.date) -> Assessment:
    """The assessment for the pack: findings worded in the third person for all three readers."""
    if case.case.role == "employee" or case.case.role is None:
        neutral = case.model_copy(deep=True)
        neutral.case.role = "manager"  # any role but "employee" gives the neutral wording
        return assess(neutral, as_of)
    return assess(case, as_of)


def default_output(case_path: str | os.PathLike[str] | None, fmt: str = "html",
                   folder: str | os.PathLike[str] | None = None, *,
                   title: str | None = None, document: str = "pack") -> Path:
    """Where the pack goes by default: beside the case file, same stem (``sag.toml`` →
    ``sag.html``); for a case without a file, in ``folder`` named after ``title``. Another
    ``document`` adds its own ending to the stem (``sag-aftale.docx``, ``sag-kommune.html``)."""
    suffix = FORMATS.get(fmt, ".html")
    if document != "pack":
        suffix = content.text("documents", f"document.suffix_{document}", "da") + suffix
    if case_path is not None:
        case_path = Path(case_path)
        return case_path.with_name(case_path.stem + suffix)
    from .storage import new_case_path  # storage (files, OS errors) only to name a new file

    stem = new_case_path(folder, title or "dokumentation").stem
    return Path(folder if folder is not None else ".") / f"{stem}{suffix}"


def format_for(path: str | os.PathLike[str] | None) -> str:
    """The format a file name asks for: ``.md``/``.markdown`` → ``md``, ``.docx`` → ``docx``,
    anything else ``html``."""
    if path is None:
        return "html"
    suffix = Path(path).suffix.lower()
    if suffix == ".docx":
        return "docx"
    return "md" if suffix in (".md", ".markdown") else "html"


#: Names the pack must never be written to: a case file, its previous version (``SAG.toml.bak``)
#: and the copy kept when an old case file is upgraded (``SAG.toml.v1.bak``).
_BACKUP_RE = re.compile(r"\.toml(\.v[0-9]+)?\.bak$", re.IGNORECASE)


#: fleksjob's hidden companions of a case: its lock (``.SAG.toml.lock``, which keeps a second
#: window from writing) and the temporary file of a save (``.SAG.toml.<pid>-<hex>.tmp``).
_OWN_FILE_RE = re.compile(r"^\..*\.toml\.(lock|.*\.tmp)$", re.IGNORECASE)


def _case_suffix(name: str) -> str | None:
    """``.toml.bak`` (any case backup), ``.toml``, ``.lock`` (a lock or temporary file) or None."""
    if _OWN_FILE_RE.match(name):
        return ".lock"
    if m := _BACKUP_RE.search(name):
        return m[0]
    return ".toml" if name.lower().endswith(".toml") else None


def _suggestion(path: Path) -> str:
    """A safe name to offer instead of ``path``: its stem without ``.toml``/``.bak``, ``.html``."""
    name = path.name
    suffix = _case_suffix(name)
    stem = name[: -len(suffix)] if suffix else Path(name).stem
    return f"{stem or 'dokumentation'}.html"


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:  # one of them does not exist (yet): compare where the links lead
        return Path(os.path.realpath(a)) == Path(os.path.realpath(b))


def check_target(out_path: str | os.PathLike[str], case_path: str | os.PathLike[str] | None = None,
                 lang: str = "da") -> None:
    """Raise :class:`ExportError` when ``out_path`` must not receive the pack.

    Refused: the case file itself (``case_path``, after following symbolic links; also a hard
    link to it), and any file whose name — or, for a link, whose target's name — ends in
    ``.toml`` (a case file) or ``.toml.bak``/``.toml.v1.bak`` (a case's previous version, the
    copy kept by an upgrade). Writing HTML there
    would destroy the case. Nothing is written or changed.
    """
    path = Path(out_path).expanduser()

    def refuse(key: str, file: str, like: Path) -> ExportError:
        suggestion = _suggestion(like)
        if suggestion == file:  # a case file named like a pack: offer a plain name instead
            suggestion = "dokumentation.html"
        return ExportError(path, w(key, "da", file=file), w(key, "en", file=file), lang,
                           hint_da=w("error.choose_name", "da", file=suggestion),
                           hint_en=w("error.choose_name", "en", file=suggestion))

    if case_path is not None:
        case_file = Path(case_path).expanduser()
        if _same_file(path, case_file):
            raise refuse("error.case_file", case_file.name, case_file)
    names = [path.name]
    if path.is_symlink():  # the pack would be written to where the link leads
        names.append(Path(os.path.realpath(path)).name)
    for name in names:
        suffix = _case_suffix(name)
        if suffix == ".toml":
            raise refuse("error.toml_file", name, Path(name))
        if suffix == ".lock":
            raise refuse("error.own_file", name, Path(name.lstrip(".").split(".toml")[0]))
        if suffix is not None:
            raise refuse("error.backup_file", name, Path(name))


def render(case: Case, assessment: Assessment, fmt: str, lang: str | None = None,
           document: str = "pack") -> str | bytes:
    """``document`` (pack, agreement, municipality) as ``fmt`` (html, md: text; docx: bytes)."""
    if document != "pack" or fmt == "docx":
        # The documents read this module's helpers (md_escape, the CSS): imported when asked.
        from .documents import render_document

        return render_document(case, assessment, document, fmt, lang)
    if fmt == "html":
        return render_html(case, assessment, lang)
    if fmt == "md":
        return render_markdown(case, assessment, lang)
    raise ValueError(f"unknown format {fmt!r} (html or md)")


def export_case(case: Case, as_of: dt.date, fmt: str, out_path: str | os.PathLike[str],
                case_path: str | os.PathLike[str] | None = None, *,
                document: str = "pack") -> Path:
    """Assess ``case`` as of ``as_of``, render ``document`` (``pack``, ``agreement``,
    ``municipality``: :mod:`fleksjob_tui.documents`) as ``fmt`` (``html``/``md``/``docx``) and
    write it to ``out_path`` atomically with mode 600. Returns the path written; raises
    :class:`ExportError`.

    ``case_path`` is the case's own file, when it has one: the pack is never written over it,
    nor over any ``.toml``/``.toml.bak`` file (:func:`check_target`); the file stays untouched.
    """
    from .storage import CaseFileError, write_private_bytes  # storage only when writing

    lang = case.language
    text = render(case, assess_for_pack(case, as_of), fmt, lang, document)
    data = text.encode("utf-8") if isinstance(text, str) else text
    path = Path(out_path).expanduser()
    check_target(path, case_path, lang)
    if path.is_dir():
        name = default_output(None, fmt, path, title=case.case.title, document=document).name
        raise ExportError(path, w("error.is_folder", "da", file=name),
                          w("error.is_folder", "en", file=name), lang)
    if not path.parent.is_dir():
        raise ExportError(path, w("error.no_folder", "da", folder=path.parent),
                          w("error.no_folder", "en", folder=path.parent), lang)
    try:
        return write_private_bytes(path, data, lang=lang)
    except CaseFileError as err:
        raise ExportError(path, err.what.da, err.what.en, lang) from None
    except OSError as err:  # pragma: no cover - storage turns these into CaseFileError
        reason = err.strerror or type(err).__name__
        raise ExportError(path, w("error.system", "da", reason=reason),
                          w("error.system", "en", reason=reason), lang) from None
