#!/usr/bin/env python3
"""Derive the Spanish->English and Portuguese->English word tables from Debian packages.

Output: one gzipped TSV per source language, one line per source word form, or multiword
form of two to four words ("en el extranjero"):
    form<TAB>lemma1[<TAB>lemma2 ...]
The form is lower case and accent-folded (NFD, combining marks dropped: n for ñ, c for ç);
up to --max English lemmas (lower case, letters and single spaces only), best first.

How a form gets its English lemmas (see README.md for the packages):
  * Apertium: every (surface form, analysis) path of a source-language morphological
    analyser (.automorf.bin) is enumerated from `lt-print` output; each analysis is then
    run through one bilingual dictionary (.autobil.bin) or a chain of two (a pivot
    language) with `lt-proc -b`, which lists every translation, Apertium's default first.
  * FreeDict (dictd format): lemma-level translations, applied to every inflected form
    the analysers lemmatise to that headword; the reverse English->X dictionary adds
    lower-ranked candidates.
Each source adds weight / ((1 + analysis rank) * (1 + translation rank)) to a candidate;
candidates are sorted by that score.

usage: derive.py [--out DIR] [--lang es,pt] [--es SOURCES] [--pt SOURCES] [--max N]
  SOURCES is a comma list of source names (see SOURCES below), default the recommended set.
Python 3 standard library only; needs `lt-print` and `lt-proc` (lttoolbox, lttoolbox-dev).
"""
import argparse
import collections
import gzip
import os
import re
import subprocess
import sys
import tempfile
import unicodedata

APERTIUM = "/usr/share/apertium"
DICTD = "/usr/share/dictd"

# name -> (kind, source-language analyser, [bilingual dictionaries in chain order], weight)
SOURCES = {
    "es": {
        "apertium-spa-eng": ("apertium", "apertium-eng-spa/spa-eng.automorf.bin",
                             ["apertium-eng-spa/spa-eng.autobil.bin"], 1.0),
        "apertium-spa-cat-eng": ("apertium", "apertium-spa-cat/spa-cat.automorf.bin",
                                 ["apertium-spa-cat/spa-cat.autobil.bin", "apertium-eng-cat/cat-eng.autobil.bin"], 0.6),
        "apertium-spa-glg-eng": ("apertium", "apertium-es-gl/es-gl.automorf.bin",
                                 ["apertium-es-gl/es-gl.autobil.bin", "apertium-en-gl/gl-en.autobil.bin"], 0.5),
        "freedict-spa-eng": ("freedict", "freedict-spa-eng", None, 0.5),
        "freedict-eng-spa": ("freedict-reverse", "freedict-eng-spa", None, 0.3),
    },
    "pt": {
        "apertium-por-spa-eng": ("apertium", "apertium-es-pt/pt-es.automorf.bin",
                                 ["apertium-es-pt/pt-es.autobil.bin", "apertium-eng-spa/spa-eng.autobil.bin"], 1.0),
        "apertium-por-glg-eng": ("apertium", "apertium-pt-gl/pt-gl.automorf.bin",
                                 ["apertium-pt-gl/pt-gl.autobil.bin", "apertium-en-gl/gl-en.autobil.bin"], 0.6),
        "apertium-por-cat-eng": ("apertium", "apertium-por-cat/por-cat.automorf.bin",
                                 ["apertium-por-cat/por-cat.autobil.bin", "apertium-eng-cat/cat-eng.autobil.bin"], 0.6),
        "freedict-por-eng": ("freedict", "freedict-por-eng", None, 0.8),
        "freedict-eng-por": ("freedict-reverse", "freedict-eng-por", None, 0.3),
    },
}
# The shipped tables use only GPL-2-compatible sources: the Catalan pivots come from
# GPL-3+ data (apertium-eng-cat, apertium-por-cat), which cannot be combined with the
# GPL-2-only apertium-eng-spa and apertium-es-pt data. See README.md.
DEFAULT = {
    "es": "apertium-spa-eng,apertium-spa-glg-eng,freedict-spa-eng,freedict-eng-spa",
    "pt": "apertium-por-spa-eng,apertium-por-glg-eng,freedict-por-eng,freedict-eng-por",
}

# Closed-class parts of speech: a form that has one of these readings ("sobre", "para",
# "como", "entre", "fue") is taken as that function word and its open-class readings
# ("envelope", "stop", "eat", "enter", "go") are dropped: questions use them as function words.
CLOSED = {"pr", "det", "prn", "cnjcoo", "cnjsub", "cnjadv", "rel", "predet", "vbser", "vbhaver", "preadv", "itg"}
POS_ORDER = {"n": 0, "adj": 1, "vblex": 2, "vbmod": 3, "adv": 4}
WORD = re.compile(r"^[^\W\d_]+$")
ENGLISH = re.compile(r"^[a-z]+(?: [a-z]+){0,2}$")
LEMMA = re.compile(r"^[^\W\d_]+(?:[ '-][^\W\d_]+)*$")
# A source phrase: two to four plain words ("en el extranjero"), folded to ASCII.
MAX_PHRASE_WORDS = 4
PHRASE = re.compile(r"^[a-z]+(?: [a-z]+){1,%d}$" % (MAX_PHRASE_WORDS - 1))


def fold(text):
    return "".join(c for c in unicodedata.normalize("NFD", text.lower()) if not unicodedata.combining(c))


# ---------------------------------------------------------------- Apertium transducers

def att_sections(path):
    """The sections of a compiled lttoolbox transducer, as printed by lt-print (AT&T text)."""
    out = subprocess.run(["lt-print", path], capture_output=True, text=True, check=True).stdout
    return [s for s in out.split("\n--\n")]


def paths(section, max_paths=20_000_000, max_spaces=0):
    """Every (input, output) path of one acyclic section; None for a cyclic one (regexes).
    Paths through more than max_spaces spaces (multiword forms) or a second '+' (two
    enclitics) are cut early."""
    arcs, finals = collections.defaultdict(list), set()
    for line in section.split("\n"):
        p = line.split("\t")
        if len(p) >= 4:
            a, b = p[2], p[3]
            arcs[int(p[0])].append((int(p[1]), "" if a == "ε" else a, "" if b == "ε" else b))
        elif p[0].strip():
            finals.add(int(p[0]))
    # cycle check (iterative, three colours)
    colour, stack = {0: 1}, [(0, iter(arcs.get(0, ())))]
    while stack:
        s, it = stack[-1]
        nxt = next(it, None)
        if nxt is None:
            colour[s] = 2
            stack.pop()
            continue
        t = nxt[0]
        c = colour.get(t, 0)
        if c == 1:
            return None
        if c == 0:
            colour[t] = 1
            stack.append((t, iter(arcs.get(t, ()))))
    result = []
    stack = [(0, "", "", 0)]
    while stack:
        s, i, o, spaces = stack.pop()
        if s in finals:
            result.append((i, o))
            if len(result) > max_paths:
                raise RuntimeError("too many paths")
        for t, a, b in reversed(arcs.get(s, ())):
            if (a == " " and spaces == max_spaces) or (b == "+" and "+" in o):
                continue
            stack.append((t, i + a, o + b, spaces + (a == " ")))
    return result


def analyses(automorf):
    """(surface form -> [analysis, ...], surface phrase -> [analysis, ...]) of an analyser, from
    one walk of its paths: the single-word forms, and the multiword forms of two to four words
    with one open-class reading each ("en el extranjero" -> "en el extranjero<adv>")."""
    forms, phrases = collections.defaultdict(list), collections.defaultdict(list)
    for section in att_sections(automorf):
        for surface, analysis in paths(section, max_spaces=MAX_PHRASE_WORDS - 1) or ():
            if " " in surface:
                words = surface.split(" ")
                if not all(WORD.match(w) for w in words) or words[0].lower() in ("siglo", "siglos"):
                    continue
                if "#" in analysis or "+" in analysis or "<np>" in analysis or "<num>" in analysis:
                    continue
                phrases[surface].append(analysis)
                continue
            if not WORD.match(surface) or "#" in analysis:
                continue
            parts = analysis.split("+")
            if len(parts) > 2:        # at most one enclitic ("registrarse", "firmarlo")
                continue
            head = parts[0]
            lemma = head.split("<", 1)[0]
            if "<" not in head or not LEMMA.match(lemma) or "<np>" in head or "<num>" in head:
                continue
            forms[surface].append(head)
    return forms, phrases


def split_stream(text):
    """Split lt-proc's '^src/t1/t2$' units into lists, honouring backslash escapes."""
    units, cur, field, esc, inside = [], [], [], False, False
    for ch in text:
        if esc:
            field.append(ch)
            esc = False
        elif ch == "\\":
            esc = True
        elif ch == "^" and not inside:
            inside, cur, field = True, [], []
        elif ch == "$" and inside:
            cur.append("".join(field))
            units.append(cur)
            inside = False
        elif ch == "/" and inside:
            cur.append("".join(field))
            field = []
        elif inside:
            field.append(ch)
    return units


def escape(s):
    return re.sub(r"([\^$/@\\{}\[\]])", r"\\\1", s)


def bilingual(autobil, inputs):
    """analysis -> [translation analysis, ...] through one bilingual dictionary."""
    inputs = sorted(set(inputs))
    with tempfile.TemporaryFile("w+", encoding="utf-8") as f:
        f.write("".join(f"^{escape(a)}$\n" for a in inputs))
        f.seek(0)
        out = subprocess.run(["lt-proc", "-b", autobil], stdin=f, capture_output=True, text=True, check=True).stdout
    units = split_stream(out)
    if len(units) != len(inputs):
        raise RuntimeError(f"{autobil}: {len(units)} answers for {len(inputs)} inputs")
    return {a: [t for t in u[1:] if t and not t.startswith("@")] for a, u in zip(inputs, units)}


def english_lemma(analysis):
    """'sign<vblex><past>' -> 'sign'; 'take<vblex># off' -> 'take off'; None if not plain words."""
    head, _, rest = analysis.partition("#")
    lemma = head.split("<", 1)[0] + (" " + rest.split("<", 1)[0].strip() if rest else "")
    lemma = re.sub(r"\s+", " ", lemma.lower().replace("_", " ")).strip()
    return lemma if ENGLISH.match(lemma) else None


def rank_analyses(surface, heads):
    """Order the readings of one form: function-word readings win, else the form's own lemma, nouns first."""
    tags = [set(re.findall(r"<([^>]+)>", h)) for h in heads]
    closed = [h for h, t in zip(heads, tags) if t & CLOSED]
    keep = closed or heads
    folded = fold(surface)

    def key(h):
        pos = re.match(r"[^<]*<([^>]+)>", h).group(1)
        return (fold(h.split("<", 1)[0]) != folded, POS_ORDER.get(pos, 9))
    return sorted(dict.fromkeys(keep), key=key)


def is_closed(head):
    return bool(set(re.findall(r"<([^>]+)>", head)) & CLOSED)


def apertium_source(automorf, chain, forms_out, closed_out):
    forms, phrases = analyses(os.path.join(APERTIUM, automorf))
    for surface, heads in forms.items():
        forms_out[surface].update(h.split("<", 1)[0].lower() for h in heads)
        if any(map(is_closed, heads)):
            closed_out.add(surface.lower())
    # Multiword forms say what their words do not ("en el extranjero": abroad); they only
    # add lines of their own and never feed FreeDict's lemma mapping.
    for surface, heads in phrases.items():
        forms.setdefault(surface, heads)
    # translate every distinct analysis through the chain, keeping order
    current = {h: [h] for hs in forms.values() for h in hs}
    for autobil in chain:
        step = bilingual(os.path.join(APERTIUM, autobil), {x for xs in current.values() for x in xs})
        current = {h: list(dict.fromkeys(t for x in xs for t in step.get(x, ()))) for h, xs in current.items()}
    table = {}
    for surface, heads in forms.items():
        # readings of one lemma and part of speech ("sedar" p1, p3, imperative) count once
        groups = collections.OrderedDict()
        for h in rank_analyses(surface, heads):
            key = re.match(r"[^<]*<[^>]+>", h).group(0)
            groups.setdefault(key, []).extend(l for l in map(english_lemma, current.get(h, ())) if l)
        ranked = [list(dict.fromkeys(ls)) for ls in groups.values() if ls]
        if ranked:
            table[surface] = ranked
    return table


# ---------------------------------------------------------------- FreeDict (dictd)

B64 = {c: i for i, c in enumerate("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")}


def b64(s):
    n = 0
    for c in s:
        n = n * 64 + B64[c]
    return n


def dictd_entries(name):
    """headword -> [[translation, ...] per sense] of a FreeDict dictd dictionary."""
    data = gzip.open(os.path.join(DICTD, name + ".dict.dz")).read()
    entries = collections.defaultdict(list)
    for line in open(os.path.join(DICTD, name + ".index"), encoding="utf-8"):
        parts = line.rstrip("\n").split("\t")
        if len(parts) < 3 or parts[0].startswith("00-database") or parts[0].startswith("00database"):
            continue
        body = data[b64(parts[1]): b64(parts[1]) + b64(parts[2])].decode("utf-8", "replace")
        for sense in body.split("\n")[1:]:
            sense = re.sub(r"^\s*\d+\.\s*", "", sense)
            sense = re.sub(r"\([^)]*\)|\[[^\]]*\]|\{[^}]*\}", "", sense)
            words = [w.strip().lower() for w in re.split(r"[,;]", sense)]
            words = [re.sub(r"^(to|a|an|the) ", "", w) for w in words if w]
            if words:
                entries[parts[0].strip().lower()].append(words)
    return entries


def freedict_source(name, forms, reverse):
    """Lemma-level translations applied to every form whose lemma is a headword."""
    by_lemma = collections.defaultdict(list)
    if reverse:
        for english, senses in dictd_entries(name).items():
            if ENGLISH.match(english):
                for rank, words in enumerate(w for s in senses for w in s):
                    if WORD.match(words):
                        by_lemma[words].append(english)
    else:
        for head, senses in dictd_entries(name).items():
            if WORD.match(head):
                flat = [w for s in senses for w in s]
                by_lemma[head] = list(dict.fromkeys(w for w in flat if ENGLISH.match(w)))
    table = {}
    lemma_forms = dict(forms)
    for head in by_lemma:
        lemma_forms.setdefault(head, {head})
    for surface, lemmas in lemma_forms.items():
        own = surface if surface in by_lemma else None
        ranked = [by_lemma[l] for l in ([own] if own else []) + sorted(l for l in lemmas if l != own and l in by_lemma)]
        ranked = [r for r in ranked if r]
        if ranked:
            table[surface] = ranked
    return table


# ---------------------------------------------------------------- combining

def derive(lang, names, cap):
    forms = collections.defaultdict(set)       # surface -> lemmas (from every analyser)
    closed = set()                             # forms an analyser reads as a function word
    tables = []
    for name in names:
        kind, what, chain, weight = SOURCES[lang][name]
        if kind == "apertium":
            tables.append((weight, apertium_source(what, chain, forms, closed)))
        print(f"{lang}: {name} done", file=sys.stderr)
    # FreeDict has run-together glosses ("commitaggression"): its English words must be known
    # to Apertium's English side or be a headword of an English->X FreeDict dictionary
    english = {w for _, t in tables for ranked in t.values() for ls in ranked for l in ls for w in l.split()}
    for name in ("freedict-eng-spa", "freedict-eng-por"):
        index = os.path.join(DICTD, name + ".index")
        if os.path.exists(index):
            english.update(w for line in open(index, encoding="utf-8") for w in line.split("\t", 1)[0].lower().split())
    for name in names:
        kind, what, chain, weight = SOURCES[lang][name]
        if kind.startswith("freedict"):
            table = freedict_source(what, forms, kind == "freedict-reverse")
            for surface in [f for f in table if f.lower() in closed]:
                del table[surface]             # FreeDict has no parts of speech: "sobre" is not "envelope"
            for surface, ranked in table.items():
                kept = [[l for l in ls if all(w in english for w in l.split())] for ls in ranked]
                table[surface] = [ls for ls in kept if ls]
            tables.append((weight, table))
    scores = collections.defaultdict(lambda: collections.defaultdict(float))
    for weight, table in tables:
        # forms that fold alike ("sede", "sedé") share a line: within one source the best
        # of them counts, and "bajo" typed plain is "bajo" (under) before "bajó" (went down)
        best = collections.defaultdict(dict)
        for surface, ranked in table.items():
            folded = fold(surface)
            w = weight * (1.0 if surface.lower() == folded else 0.8)
            b = best[folded]
            for a, lemmas in enumerate(ranked[:6]):
                for k, lemma in enumerate(lemmas[:6]):
                    b[lemma] = max(b.get(lemma, 0.0), w / ((1 + a) * (1 + k)))
        for folded, b in best.items():
            for lemma, v in b.items():
                scores[folded][lemma] += v
    out = {}
    for form, s in scores.items():
        if (WORD.match(form) or PHRASE.match(form)) and form.isascii():
            out[form] = [l for l, _ in sorted(s.items(), key=lambda x: (-x[1], x[0]))][:cap]
    return out


def write(path, table):
    os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
    text = "".join(f"{form}\t" + "\t".join(lemmas) + "\n" for form, lemmas in sorted(table.items()))
    with open(path, "wb") as f:
        with gzip.GzipFile(filename="", mode="wb", fileobj=f, compresslevel=9, mtime=0) as gz:
            gz.write(text.encode("utf-8"))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    ap.add_argument("--out", default=os.path.join(root, "src", "Knowledge", "Translation", "Data"))
    ap.add_argument("--lang", default="es,pt")
    ap.add_argument("--es", default=DEFAULT["es"])
    ap.add_argument("--pt", default=DEFAULT["pt"])
    ap.add_argument("--max", type=int, default=4)
    args = ap.parse_args()
    for lang in args.lang.split(","):
        names = [n for n in getattr(args, lang).split(",") if n]
        table = derive(lang, names, args.max)
        path = os.path.join(args.out, f"{lang}-en.tsv.gz")
        write(path, table)
        print(f"{lang}: {len(table)} forms -> {path} ({os.path.getsize(path)} bytes)", file=sys.stderr)


if __name__ == "__main__":
    main()
