"""Reading a PETRARCH2 CAMEO verb dictionary as Polybius trigger patterns.

A PETRARCH2 verb dictionary (e.g. CAMEO.2.0.txt) holds noun/word synsets (`&NAME` followed
by `+WORD` lines), then verb blocks: a `--- NAME [code] ---` header, the block's verbs (one per
line, optional `{forms}` and `[code]`; `+WORD_WORD` is a multi-word verb) and `- ... [code]`
patterns that apply to every verb of the block, `*` standing for the verb.

Only what our trigger syntax can say is converted: a verb alone, a verb with particles or
prepositions (`- * OUT`, `- * (AGAINST)`, `- * OFF (FOR)`), and either of those with one
object word or synset (`- * AID`, `- * (INTO &INQUIRY)`). Everything else is skipped and
counted by reason, so a user can see what the conversion lost. The dictionary is read at run
time and never copied into the repository.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

# words read as particles or prepositions attached to the verb, not as its object
PARTICLES = frozenset(
    (
        "about",
        "above",
        "across",
        "after",
        "against",
        "along",
        "among",
        "around",
        "as",
        "at",
        "away",
        "back",
        "before",
        "behind",
        "below",
        "beneath",
        "beside",
        "between",
        "beyond",
        "by",
        "down",
        "for",
        "forward",
        "from",
        "in",
        "inside",
        "into",
        "off",
        "on",
        "onto",
        "out",
        "over",
        "past",
        "through",
        "throughout",
        "to",
        "toward",
        "towards",
        "under",
        "until",
        "up",
        "upon",
        "with",
        "within",
        "without",
    )
)
_CODE = re.compile(r"\[([^\]]*)\]")
_HEADER = re.compile(r"^---\s+(\S+)\s+\[([^\]]*)\]\s+---")
_TOKEN = re.compile(r"\(|\)|\{|\}|[^\s(){}]+")
_TARGET_MARKERS = {"+", "$", "%", "^"}


@dataclass
class Conversion:
    """The converted rows (pattern TSV columns) and the skipped entries counted by reason."""

    rows: list[dict[str, str]] = field(default_factory=list)
    skipped: Counter[str] = field(default_factory=Counter)
    converted_entries: int = 0

    @property
    def skipped_entries(self) -> int:
        return sum(self.skipped.values())


@dataclass
class _Block:
    code: str
    verbs: list[tuple[str, tuple[str, ...], str, int]] = field(default_factory=list)
    patterns: list[tuple[str, str, int]] = field(default_factory=list)  # (body, code, line)


def _strip_comment(line: str) -> str:
    return line.split("#", 1)[0].rstrip()


def _singular(word: str) -> str:
    """A lemma for a dictionary noun (PETRARCH writes plurals out; our objects are lemmas)."""
    w = word.lower().strip("_")
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    if w.endswith(("sses", "xes", "ches", "shes")):
        return w[:-2]
    if w.endswith("s") and not w.endswith(("ss", "us", "is")) and len(w) > 3:
        return w[:-1]
    return w


def read_synsets(lines: list[str]) -> dict[str, list[str]]:
    """`&NAME` -> its one-word members as lemmas (phrases cannot be a single object lemma)."""
    synsets: dict[str, list[str]] = {}
    current: str | None = None
    for raw in lines:
        line = _strip_comment(raw).strip()
        if line.startswith("&"):
            current = line.split()[0].rstrip("_")
            synsets[current] = []
        elif line.startswith("+") and current is not None:
            member = line[1:].strip().rstrip("_")
            if member and " " not in member and "_" not in member:
                synsets[current].append(_singular(member))
        elif line.startswith("---") or line.startswith("####### VERB"):
            current = None
    return synsets


def _verb_entry(line: str, block_code: str, lineno: int) -> tuple[str, tuple[str, ...], str, int]:
    """(lemma, particles/other words, code) of a verb line such as `+CALL_OFF [160]`."""
    code_match = _CODE.search(line)
    code = code_match.group(1).strip() if code_match else block_code
    head = re.sub(r"\{[^}]*\}|\[[^\]]*\]", " ", line).split()[0].lstrip("+")
    words = [w.lower() for w in head.split("_") if w]
    return words[0], tuple(words[1:]), code, lineno


def read_blocks(lines: list[str]) -> list[_Block]:
    blocks: list[_Block] = []
    in_verbs = False
    for lineno, raw in enumerate(lines, start=1):
        if raw.startswith("####### VERB PATTERNS"):
            in_verbs = True
            continue
        if raw.startswith("######## TRANSFORMATIONS"):
            break
        line = _strip_comment(raw).strip()
        if not in_verbs or not line:
            continue
        header = _HEADER.match(line)
        if header:
            blocks.append(_Block(header.group(2).strip()))
        elif not blocks:
            continue
        elif line.startswith("-"):
            code = _CODE.search(line)
            body = line[1 : code.start()] if code else line[1:]
            code_text = code.group(1).strip() if code else ""
            blocks[-1].patterns.append((body.strip(), code_text, lineno))
        else:
            blocks[-1].verbs.append(_verb_entry(line, blocks[-1].code, lineno))
    return blocks


def _main_code(code: str) -> str | None:
    """The source-to-target code: `042:043` -> `042`; `:173` (target acts) or `---` -> None."""
    first = code.split(":", 1)[0].strip().rstrip("!")
    return first if first and first.isdigit() else None


def _known_code(code: str, known: dict[str, bool]) -> str | None:
    """The code, or its longest known parent, if that is a CAMEO code with a PLOVER type."""
    for n in range(len(code), 1, -1):
        if code[:n] in known:
            return code[:n] if known[code[:n]] else None
    return None


def _parse_body(body: str, synsets: dict[str, list[str]]) -> tuple[list[str], list[str], str]:
    """(particles, object lemmas, target slot) of a pattern body, or raise ValueError(reason)."""
    tokens = _TOKEN.findall(body)
    if "*" not in tokens:
        raise ValueError("no verb position")
    star = tokens.index("*")
    if any(t not in _TARGET_MARKERS for t in tokens[:star]):
        raise ValueError("words before the verb")
    if "+" in tokens[:star]:
        raise ValueError("target before the verb")
    rest = [t for t in tokens[star + 1 :] if t not in ("(", ")")]
    if "{" in rest:
        raise ValueError("multi-word phrase")
    target = "dobj"
    words: list[str] = []
    objects: list[str] = []
    for tok in rest:
        if tok in _TARGET_MARKERS:
            if tok == "+":
                target = f"prep:{words[-1]}" if words and not objects else "dobj"
            continue
        if objects:
            raise ValueError("more than one object word")
        if tok.startswith("&"):
            members = synsets.get(tok.rstrip("_"))
            if not members:
                raise ValueError("undefined or multi-word synset")
            objects = members
        elif tok.lower() in PARTICLES:
            words.append(tok.lower())
        elif re.fullmatch(r"[A-Za-z][A-Za-z'-]*", tok):
            objects = [_singular(tok)]
        else:
            raise ValueError("other pattern syntax")
    if len(words) > 2:
        raise ValueError("more than two particles")
    if not words and not objects:
        raise ValueError("no particle or object")
    if words and not objects and target == "dobj":
        target = f"prep:{words[-1]},dobj"
    return words, objects, target


def _row(code: str, lemma: str, words, objects, target: str, origin: str) -> dict[str, str]:
    trigger = " ".join([f"v:{lemma}", *words])
    if objects:
        trigger += " +" + "|".join(dict.fromkeys(objects))
    return {"cameo": code, "trigger": trigger, "target": target, "mode": "", "origin": origin}


def _convert_verbs(block: _Block, known: dict[str, bool], out: Conversion, name: str) -> None:
    for lemma, extra, raw_code, lineno in block.verbs:
        main = _main_code(raw_code)
        code = main and _known_code(main, known)
        if main is None:
            out.skipped["verb: no code of its own (pattern-only verb)"] += 1
        elif code is None:
            out.skipped["verb: code without a PLOVER type"] += 1
        elif any(w not in PARTICLES for w in extra) or len(extra) > 2:
            out.skipped["verb: multi-word verb with a non-particle word"] += 1
        else:
            out.rows.append(_row(code, lemma, extra, [], "dobj", f"{name}:{lineno}"))
            out.converted_entries += 1


def _convert_patterns(block: _Block, known: dict[str, bool], synsets, out, name: str) -> None:
    # a block's patterns apply to all its one-word verbs (PETRARCH2's synonym blocks);
    # a multi-word verb such as ASK_FOR already carries its particle
    lemmas = [lemma for lemma, extra, _, _ in block.verbs if not extra]
    for body, raw_code, lineno in block.patterns:
        main = _main_code(raw_code)
        code = main and _known_code(main, known)
        if main is None:
            out.skipped["pattern: null or target-only code"] += 1
            continue
        if code is None:
            out.skipped["pattern: code without a PLOVER type"] += 1
            continue
        try:
            words, objects, target = _parse_body(body, synsets)
        except ValueError as exc:
            out.skipped[f"pattern: {exc}"] += 1
            continue
        if not lemmas:
            out.skipped["pattern: only multi-word verbs in its block"] += 1
            continue
        for lemma in lemmas:
            out.rows.append(_row(code, lemma, words, objects, target, f"{name}:{lineno}"))
        out.converted_entries += 1


def convert_dictionary(path: str | Path) -> Conversion:
    """Convert a PETRARCH2 verb dictionary into pattern rows (see the module docstring)."""
    from polybius.events.ontology import load_ontology

    known = {c: v.plover_type is not None for c, v in load_ontology().cameo.items()}
    text = Path(path).read_text(encoding="utf-8", errors="replace")
    text = re.sub(r"<!--.*?-->", "", text, flags=re.S)
    lines = text.splitlines()
    synsets = read_synsets(lines)
    out = Conversion()
    name = Path(path).name
    for block in read_blocks(lines):
        _convert_verbs(block, known, out, name)
        _convert_patterns(block, known, synsets, out, name)
    # the same trigger may come from several blocks: keep the first (dictionary order)
    seen: set[str] = set()
    unique = []
    for row in out.rows:
        if row["trigger"] not in seen:
            seen.add(row["trigger"])
            unique.append(row)
    out.rows = unique
    return out


PATTERN_COLUMNS = ("cameo", "trigger", "target", "mode", "example")


def write_pattern_tsv(conversion: Conversion, out: str | Path, source: str) -> None:
    """Write converted rows in the pattern TSV format (loadable with `--patterns`)."""
    lines = [
        f"# Trigger patterns converted from the PETRARCH2 verb dictionary {source}.",
        "# Generated by `polybius patterns import-petrarch`; examples are left empty.",
        "\t".join(PATTERN_COLUMNS),
    ]
    for row in conversion.rows:
        lines.append("\t".join(row.get(c, "") for c in PATTERN_COLUMNS))
    Path(out).write_text("\n".join(lines) + "\n", encoding="utf-8")
