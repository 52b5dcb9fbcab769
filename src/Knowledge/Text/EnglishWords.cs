using System.Collections;
using System.IO.Compression;
using System.Runtime.CompilerServices;

namespace IomAssistant.Knowledge.Text;

/// <summary>
/// English word relations from WordNet 3.0: irregular forms and their lemmas ("sent" → "send",
/// "children" → "child"), synonyms of a word's first senses ("establish" → "set up", "found") and
/// derivationally related words ("creation" → "create"). Derived by tools/wordnet/derive.py and
/// shipped as an embedded gzipped TSV file with "F form lemma", "S word synonym..." and
/// "D word related..." lines; see Text/Data/WORDNET-LICENSE.md.
/// </summary>
/// <remarks>
/// Words are folded: lower case ASCII letters, a phrase with single spaces ("set up"). The tables
/// are loaded on first use into sorted arrays of shared (interned) strings, searched by binary
/// search; immutable, so safe from any number of threads.
/// </remarks>
public static class EnglishWords
{
    /// <summary>Lemmas kept per irregular form.</summary>
    public const int MaxLemmas = 4;

    /// <summary>Synonyms kept per word.</summary>
    public const int MaxSynonyms = 6;

    /// <summary>Derivationally related words kept per word.</summary>
    public const int MaxRelated = 4;

    private const int MaxForms = 16;
    private const int MaxWordLength = 64;
    private const string Resource = "IomAssistant.Knowledge.Text.Data.english-words.tsv.gz";

    private static readonly Lazy<Lexicon> Shared = new(LoadEmbedded, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Lemma of an irregular form ("sent" → "send"), or null.</summary>
    public static string? Lemma(string folded) => Shared.Value.Lemma(folded);

    /// <summary>Irregular forms of a lemma ("send" → ["sent"]), empty if none.</summary>
    public static IReadOnlyList<string> Forms(string lemma) => Shared.Value.Forms(lemma);

    /// <summary>Synonyms from the word's first senses, best first; empty if none.</summary>
    public static IReadOnlyList<string> Synonyms(string folded) => Shared.Value.Synonyms(folded);

    /// <summary>Derivationally related words ("creation" → ["create"]), empty if none.</summary>
    public static IReadOnlyList<string> Related(string folded) => Shared.Value.Related(folded);

    /// <summary>
    /// Reads a gzipped TSV stream in the shipped format. Malformed lines (unknown type, no key,
    /// characters other than lower case letters and single spaces, no usable word) are skipped;
    /// lines repeating a key add their words after the earlier ones.
    /// </summary>
    internal static Lexicon Load(Stream gzippedTsv)
    {
        ArgumentNullException.ThrowIfNull(gzippedTsv);
        return Lexicon.Read(gzippedTsv);
    }

    private static Lexicon LoadEmbedded()
    {
        using var stream = typeof(EnglishWords).Assembly.GetManifestResourceStream(Resource)
            ?? throw new InvalidOperationException($"Embedded word table {Resource} is missing.");
        return Lexicon.Read(stream);
    }

    /// <summary>The four relation tables of one data file.</summary>
    internal sealed class Lexicon
    {
        private readonly Table _lemmas;
        private readonly Table _forms;
        private readonly Table _synonyms;
        private readonly Table _related;

        private Lexicon(Table lemmas, Table forms, Table synonyms, Table related)
        {
            _lemmas = lemmas;
            _forms = forms;
            _synonyms = synonyms;
            _related = related;
        }

        public string? Lemma(string folded)
        {
            var lemmas = _lemmas.Find(folded);
            return lemmas.Count > 0 ? lemmas[0] : null;
        }

        public IReadOnlyList<string> Forms(string lemma) => _forms.Find(lemma);

        public IReadOnlyList<string> Synonyms(string folded) => _synonyms.Find(folded);

        public IReadOnlyList<string> Related(string folded) => _related.Find(folded);

        // Fully optimised from the first call: the loop runs once per process over ~130,000 lines.
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public static Lexicon Read(Stream gzipped)
        {
            byte[] data;
            int length;
            using (var gz = new GZipStream(gzipped, CompressionMode.Decompress, leaveOpen: true))
            using (var buffer = new MemoryStream(1 << 22))
            {
                gz.CopyTo(buffer);
                data = buffer.GetBuffer();
                length = (int)buffer.Length;
            }

            // About one distinct word per 40 bytes of text.
            var lookup = new Dictionary<string, string>(length / 40, StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
            var lemmas = new List<Entry>(8192);
            var synonyms = new List<Entry>(1 << 17);
            var related = new List<Entry>(1 << 15);
            var words = new List<string>(MaxForms);
            Span<char> chars = stackalloc char[MaxWordLength];
            var lines = data.AsSpan(0, length);

            while (!lines.IsEmpty)
            {
                var end = lines.IndexOf((byte)'\n');
                var line = end < 0 ? lines : lines[..end];
                lines = end < 0 ? [] : lines[(end + 1)..];
                if (!line.IsEmpty && line[^1] == (byte)'\r')
                    line = line[..^1];
                if (line.Length < 4 || line[1] != (byte)'\t')
                    continue;
                var (target, max) = line[0] switch
                {
                    (byte)'F' => (lemmas, MaxLemmas),
                    (byte)'S' => (synonyms, MaxSynonyms),
                    (byte)'D' => (related, MaxRelated),
                    _ => (null, 0),
                };
                if (target is null)
                    continue;

                words.Clear();
                var rest = line[2..];
                string? key = null;
                while (!rest.IsEmpty && words.Count < max)
                {
                    var next = rest.IndexOf((byte)'\t');
                    var field = next < 0 ? rest : rest[..next];
                    rest = next < 0 ? [] : rest[(next + 1)..];
                    var word = Word(field, chars, lookup);
                    if (key is null)
                    {
                        if (word is null)
                            break;
                        key = word;
                    }
                    else if (word is not null && word != key && !words.Contains(word))
                        words.Add(word);
                }
                if (key is not null && words.Count > 0)
                    target.Add(new Entry(key, [.. words], target.Count));
            }

            var forms = new List<Entry>(lemmas.Count * 2);
            foreach (var entry in lemmas)
                foreach (var lemma in entry.Words)
                    forms.Add(new Entry(lemma, [entry.Key], forms.Count));
            return new Lexicon(Table.Build(lemmas, MaxLemmas), Table.Build(forms, MaxForms),
                Table.Build(synonyms, MaxSynonyms), Table.Build(related, MaxRelated));
        }

        /// <summary>The field as a shared string when it is lower case letters with single inner spaces.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static string? Word(ReadOnlySpan<byte> field, Span<char> chars,
            Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> lookup)
        {
            if (field.IsEmpty || field.Length > chars.Length || field[0] == (byte)' ' || field[^1] == (byte)' ')
                return null;
            for (var i = 0; i < field.Length; i++)
            {
                var b = field[i];
                if (!(b is >= (byte)'a' and <= (byte)'z' || b == (byte)' ' && field[i - 1] != (byte)' '))
                    return null;
                chars[i] = (char)b;
            }
            var text = chars[..field.Length];
            if (!lookup.TryGetValue(text, out var word))
            {
                word = text.ToString();
                lookup[text] = word;
            }
            return word;
        }
    }

    private readonly record struct Entry(string Key, string[] Words, int Order);

    /// <summary>Sorted keys with the words of key i at _words[_starts[i].._starts[i + 1]].</summary>
    private sealed class Table
    {
        private readonly string[] _keys;
        private readonly int[] _starts;
        private readonly string[] _words;

        private Table(string[] keys, int[] starts, string[] words)
        {
            _keys = keys;
            _starts = starts;
            _words = words;
        }

        public IReadOnlyList<string> Find(string word)
        {
            if (string.IsNullOrEmpty(word))
                return Array.Empty<string>();
            int lo = 0, hi = _keys.Length - 1;
            while (lo <= hi)
            {
                var mid = lo + ((hi - lo) >> 1);
                var c = string.CompareOrdinal(_keys[mid], word);
                if (c == 0)
                    return new WordSlice(_words, _starts[mid], _starts[mid + 1] - _starts[mid]);
                if (c < 0)
                    lo = mid + 1;
                else
                    hi = mid - 1;
            }
            return Array.Empty<string>();
        }

        /// <summary>Entries in key order; entries sharing a key are joined in reading order, up to max words.</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public static Table Build(List<Entry> entries, int max)
        {
            for (var i = 1; i < entries.Count; i++)
            {
                if (string.CompareOrdinal(entries[i - 1].Key, entries[i].Key) > 0)
                {
                    entries.Sort(static (a, b) =>
                    {
                        var c = string.CompareOrdinal(a.Key, b.Key);
                        return c != 0 ? c : a.Order.CompareTo(b.Order);
                    });
                    break;
                }
            }
            var keys = new List<string>(entries.Count);
            var starts = new List<int>(entries.Count + 1) { 0 };
            var words = new List<string>(entries.Count * 3);
            foreach (var entry in entries)
            {
                if (keys.Count == 0 || !ReferenceEquals(keys[^1], entry.Key))
                {
                    keys.Add(entry.Key);
                    starts.Add(words.Count);
                }
                var first = starts[^2];
                foreach (var word in entry.Words)
                    if (words.Count - first < max && words.IndexOf(word, first) < 0)
                        words.Add(word);
                starts[^1] = words.Count;
            }
            return new Table([.. keys], [.. starts], [.. words]);
        }
    }

}
