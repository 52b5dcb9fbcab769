#!/usr/bin/env python3
"""Build the English word-relations table from the WordNet 3.0 database.

Reads the files of the Debian package wordnet-base (/usr/share/wordnet) and writes
src/Knowledge/Text/Data/english-words.tsv.gz, read by IomAssistant.Knowledge.Text.EnglishWords.
One line per entry, tab-separated, lower case ASCII words (a multiword lemma keeps single spaces):

    F  form  lemma            irregular form from verb.exc, noun.exc, adj.exc, adv.exc
    S  word  syn1 syn2 ...    synonyms from the word's first two senses (nouns, verbs, adjectives)
    D  word  rel1 rel2 ...    derivationally related forms ("+" pointers) of those senses, what
                              an adjective pertains to ("\\": "urban" city), and an attribute's
                              adjectives ("=" pointers: "strength" strong, weak)

The output is deterministic: sorted lines, gzip without name or timestamp.
"""

import argparse
import gzip
import os
import re

WORDNET = "/usr/share/wordnet"
OUT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..",
                   "src", "Knowledge", "Text", "Data", "english-words.tsv.gz"))

# Parts of speech in the order used to rank senses of equal number: (index/data suffix, letter).
POS = [("noun", "n"), ("verb", "v"), ("adj", "a")]
# Exception files, verbs first: a form listed under several parts of speech keeps this order.
EXC = ["verb", "noun", "adj", "adv"]
SENSES = 2
MAX_SYNONYMS = 6
MAX_RELATED = 4
# Verbs so frequent and vague that a synonym through them joins unrelated questions.
LIGHT_VERBS = {"be", "have", "do", "get", "make", "take", "go", "give", "come", "put", "set"}
WORD = re.compile(r"^[a-z]+(?: [a-z]+)*$")
# Syntactic markers on adjectives in data.adj: "(a)", "(p)", "(ip)".
MARKER = re.compile(r"\((?:a|p|ip)\)$")


def clean(lemma):
    """WordNet lemma ("Set_up", "galore(ip)") to a folded phrase, or None if not plain words."""
    word = MARKER.sub("", lemma).replace("_", " ").lower()
    return word if WORD.match(word) else None


def read_exceptions(wordnet):
    """(form, lemma) pairs, verbs first, in file order within a part of speech, without repeats."""
    pairs, seen = [], set()
    for name in EXC:
        with open(os.path.join(wordnet, name + ".exc"), encoding="ascii", errors="replace") as f:
            for line in f:
                fields = line.split()
                if len(fields) < 2:
                    continue
                form = clean(fields[0])
                for lemma in map(clean, fields[1:]):
                    if form and lemma and form != lemma and (form, lemma) not in seen:
                        seen.add((form, lemma))
                        pairs.append((form, lemma))
    return pairs


def read_synsets(wordnet, pos):
    """offset -> (words, pointers) of data.<pos>; pointers are (symbol, offset, pos, source, target)."""
    synsets = {}
    with open(os.path.join(wordnet, "data." + pos), encoding="ascii", errors="replace") as f:
        for line in f:
            if line.startswith("  "):
                continue  # licence header
            fields = line.split(" | ", 1)[0].split()
            count = int(fields[3], 16)
            words = [fields[4 + 2 * i] for i in range(count)]
            at = 4 + 2 * count
            pointers = []
            for _ in range(int(fields[at])):
                symbol, offset, ptr_pos, source_target = fields[at + 1:at + 5]
                pointers.append((symbol, offset, "a" if ptr_pos == "s" else ptr_pos,
                                 int(source_target[:2], 16), int(source_target[2:], 16)))
                at += 4
            synsets[fields[0]] = (words, pointers)
    return synsets


def read_index(wordnet, pos):
    """lemma -> synset offsets in WordNet sense order."""
    index = {}
    with open(os.path.join(wordnet, "index." + pos), encoding="ascii", errors="replace") as f:
        for line in f:
            if line.startswith("  "):
                continue
            fields = line.split()
            pointer_count = int(fields[3])
            sense_count = int(fields[2])
            index[fields[0]] = fields[6 + pointer_count:6 + pointer_count + sense_count]
    return index


def first_senses(indexes, word):
    """(pos letter, offset) of the word's first senses: sense 1 of every part of speech, then sense 2."""
    senses = []
    for rank, (_, letter) in enumerate(POS):
        for number, offset in enumerate(indexes[letter].get(word, [])[:SENSES]):
            senses.append((number, rank, letter, offset))
    return [(letter, offset) for _, _, letter, offset in sorted(senses)]


def relations(wordnet):
    data = {letter: read_synsets(wordnet, name) for name, letter in POS}
    indexes = {letter: read_index(wordnet, name) for name, letter in POS}
    keys = sorted({w for index in indexes.values() for w in index})
    synonyms, related = {}, {}
    for key in keys:
        word = clean(key)
        if not word:
            continue
        syns, rels = [], []
        for letter, offset in first_senses(indexes, key):
            words, pointers = data[letter][offset]
            for lemma in words:
                syn = clean(lemma)
                if syn and syn != word and syn.count(" ") <= 1 and syn not in LIGHT_VERBS and syn not in syns:
                    syns.append(syn)
            own = [i + 1 for i, lemma in enumerate(words) if clean(lemma) == word]
            for symbol, target, target_pos, source, number in pointers:
                if target_pos not in data:
                    continue
                if symbol in ("+", "\\") and source in own:
                    rel = clean(data[target_pos][target][0][number - 1])
                # An attribute and the adjectives that hold its values ("strength": strong,
                # weak; "length": long, short): a synset-to-synset pointer, to the head word.
                elif symbol == "=" and source == 0:
                    rel = clean(data[target_pos][target][0][0])
                else:
                    continue
                if rel and rel != word and rel not in rels:
                    rels.append(rel)
        if syns and word not in LIGHT_VERBS:
            synonyms[word] = syns[:MAX_SYNONYMS]
        if rels:
            related[word] = rels[:MAX_RELATED]
    return synonyms, related


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--wordnet", default=WORDNET, help="WordNet dict directory (default %(default)s)")
    ap.add_argument("--out", default=OUT, help="output .tsv.gz")
    args = ap.parse_args()

    lines = [f"F\t{form}\t{lemma}" for form, lemma in read_exceptions(args.wordnet)]
    synonyms, related = relations(args.wordnet)
    lines += ["S\t" + "\t".join([w] + s) for w, s in synonyms.items()]
    lines += ["D\t" + "\t".join([w] + r) for w, r in related.items()]
    # Stable sort on type and key only, so a form's lemmas keep the exception-file order.
    lines.sort(key=lambda line: tuple(line.split("\t", 2)[:2]))
    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    with open(args.out, "wb") as f:
        with gzip.GzipFile(filename="", mode="wb", fileobj=f, compresslevel=9, mtime=0) as gz:
            gz.write(("\n".join(lines) + "\n").encode("ascii"))
    counts = {t: sum(1 for line in lines if line[0] == t) for t in "FSD"}
    print(f"{args.out}: {os.path.getsize(args.out)} bytes, " + ", ".join(f"{t} {n}" for t, n in counts.items()))


if __name__ == "__main__":
    main()
