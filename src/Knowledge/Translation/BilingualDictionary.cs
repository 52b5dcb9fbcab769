using IomAssistant.Knowledge.Text;
using System.Collections;
using System.IO.Compression;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Unicode;

namespace IomAssistant.Knowledge.Translation;

/// <summary>
/// Word tables from Spanish ("es") and Portuguese ("pt") to English: every inflected form
/// ("firmaron", "declaracoes"), folded to lower case without accents, maps to up to four
/// English lemmas, best first ("sign"; "declaration", "statement"); so do multiword forms
/// whose words alone say something else ("en el extranjero": abroad). The tables are derived
/// from Apertium and FreeDict data by tools/dictionary/derive.py and shipped as embedded
/// gzipped TSV files (one "form TAB lemma TAB lemma..." line per form).
/// </summary>
/// <remarks>
/// Kept compact: each table is one sorted UTF-8 key blob with offsets and one array of
/// shared (interned) English strings, searched by binary search. Immutable once built, so
/// safe to use from any number of threads.
/// </remarks>
public sealed class BilingualDictionary
{
    /// <summary>English lemmas kept per source form.</summary>
    public const int MaxLemmas = 4;

    private const int MaxWordBytes = 256;

    private static readonly (string Language, string Resource)[] Embedded =
    [
        ("es", "IomAssistant.Knowledge.Translation.Data.es-en.tsv.gz"),
        ("pt", "IomAssistant.Knowledge.Translation.Data.pt-en.tsv.gz"),
    ];

    private static readonly Lazy<BilingualDictionary> SharedInstance = new(LoadEmbedded, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly Dictionary<string, Table> _tables;

    private BilingualDictionary(Dictionary<string, Table> tables) => _tables = tables;

    /// <summary>The Spanish and Portuguese tables shipped with the assembly, loaded on first use.</summary>
    public static BilingualDictionary Shared => SharedInstance.Value;

    /// <summary>Languages this dictionary has a table for.</summary>
    public IReadOnlyCollection<string> Languages => _tables.Keys;

    /// <summary>Number of source forms known for a language.</summary>
    public int Count(string language) => _tables.TryGetValue(language, out var t) ? t.Count : 0;

    /// <summary>
    /// Reads one language's table from a gzipped TSV stream. Malformed lines (no tab, an empty
    /// or over-long form, no usable lemma, invalid UTF-8) are skipped; a repeated form keeps its
    /// first line.
    /// </summary>
    public static BilingualDictionary Load(string language, Stream gzippedTsv)
    {
        ArgumentNullException.ThrowIfNull(language);
        ArgumentNullException.ThrowIfNull(gzippedTsv);
        var intern = new Dictionary<string, string>(StringComparer.Ordinal);
        return new BilingualDictionary(new Dictionary<string, Table> { [language] = Table.Read(gzippedTsv, intern) });
    }

    private static BilingualDictionary LoadEmbedded()
    {
        var assembly = typeof(BilingualDictionary).Assembly;
        var intern = new Dictionary<string, string>(StringComparer.Ordinal);
        var tables = new Dictionary<string, Table>(StringComparer.Ordinal);
        foreach (var (language, resource) in Embedded)
        {
            using var stream = assembly.GetManifestResourceStream(resource)
                ?? throw new InvalidOperationException($"Embedded word table {resource} is missing.");
            tables[language] = Table.Read(stream, intern);
        }
        return new BilingualDictionary(tables);
    }

    /// <summary>
    /// English lemmas for a folded (lowercase, accent-free) Spanish ("es") or Portuguese ("pt")
    /// word, best first; empty when unknown.
    /// </summary>
    public IReadOnlyList<string> Translate(string language, string foldedWord)
    {
        if (foldedWord is null || !_tables.TryGetValue(language, out var table))
            return Array.Empty<string>();
        var i = table.Find(foldedWord);
        return i < 0 ? Array.Empty<string>() : table.Lemmas(i);
    }

    /// <summary>Whether the word is a known source form of the language.</summary>
    public bool Knows(string language, string foldedWord) =>
        foldedWord is not null && _tables.TryGetValue(language, out var table) && table.Find(foldedWord) >= 0;

    /// <summary>Every known single-word source form of the language, in ordinal order (for typo correction).</summary>
    public IEnumerable<string> Words(string language) =>
        _tables.TryGetValue(language, out var table) ? table.Keys().Where(k => !k.Contains(' ')) : [];

    /// <summary>
    /// The multiword forms of the language that begin at <paramref name="start"/> of the folded
    /// words, as bits: bit n set when the n words from there are one ("en el extranjero" sets
    /// bit 3). Read without building a string; 0 when none.
    /// </summary>
    public int PhrasesAt(string language, IReadOnlyList<string> foldedWords, int start, int maxWords) =>
        foldedWords is not null && _tables.TryGetValue(language, out var table) ? table.PhrasesAt(foldedWords, start, maxWords) : 0;

    private sealed class Table
    {
        private readonly byte[] _keyBytes;
        private readonly int[] _keyStarts;   // Count + 1 offsets into _keyBytes
        private readonly int[] _lemmaStarts; // Count + 1 offsets into _lemmas
        private readonly string[] _lemmas;

        private Table(byte[] keyBytes, int[] keyStarts, int[] lemmaStarts, string[] lemmas)
        {
            _keyBytes = keyBytes;
            _keyStarts = keyStarts;
            _lemmaStarts = lemmaStarts;
            _lemmas = lemmas;
        }

        public int Count => _keyStarts.Length - 1;

        private ReadOnlySpan<byte> Key(int i) => _keyBytes.AsSpan(_keyStarts[i], _keyStarts[i + 1] - _keyStarts[i]);

        public IReadOnlyList<string> Lemmas(int i) => new WordSlice(_lemmas, _lemmaStarts[i], _lemmaStarts[i + 1] - _lemmaStarts[i]);

        public IEnumerable<string> Keys()
        {
            for (var i = 0; i < Count; i++)
                yield return Encoding.UTF8.GetString(Key(i));
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public int Find(string word)
        {
            Span<byte> buffer = stackalloc byte[MaxWordBytes * 3];
            return Encode(word, buffer, out var needle) ? Find(needle) : -1;
        }

        // The first words of the multiword forms: most words of a question begin none, and
        // are told so without searching the table.
        private HashSet<string>? _phraseStarts;

        private HashSet<string> PhraseStarts => _phraseStarts ??= ReadPhraseStarts();

        private HashSet<string> ReadPhraseStarts()
        {
            var starts = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < Count; i++)
                if (Key(i).IndexOf((byte)' ') is > 0 and var space)
                    starts.Add(Encoding.UTF8.GetString(Key(i)[..space]));
            return starts;
        }

        public int PhrasesAt(IReadOnlyList<string> words, int start, int maxWords)
        {
            if (start >= words.Count || !PhraseStarts.Contains(words[start]))
                return 0;
            Span<byte> buffer = stackalloc byte[MaxWordBytes * 3];
            var length = 0;
            var found = 0;
            for (var n = 1; n <= maxWords && start + n <= words.Count; n++)
            {
                var word = words[start + n - 1];
                if (word.Length == 0 || Utf8.FromUtf16(word, buffer[length..], out _, out var written, replaceInvalidSequences: false) != System.Buffers.OperationStatus.Done)
                    break;
                length += written;
                if (n > 1 && Find(buffer[..length]) >= 0)
                    found |= 1 << n;
                // A longer form begins with these words and a space, or there is none.
                if (length + 1 >= buffer.Length)
                    break;
                buffer[length++] = (byte)' ';
                var i = LowerBound(buffer[..length]);
                if (i >= Count || !Key(i).StartsWith(buffer[..length]))
                    break;
            }
            return found;
        }

        private int Find(ReadOnlySpan<byte> needle)
        {
            var i = LowerBound(needle);
            return i < Count && Key(i).SequenceEqual(needle) ? i : -1;
        }

        private static bool Encode(string word, Span<byte> buffer, out Span<byte> encoded)
        {
            encoded = default;
            if (word.Length == 0 || word.Length > MaxWordBytes ||
                Utf8.FromUtf16(word, buffer, out _, out var written, replaceInvalidSequences: false) != System.Buffers.OperationStatus.Done)
                return false;
            encoded = buffer[..written];
            return true;
        }

        /// <summary>The first key not below <paramref name="needle"/> in ordinal order (Count if none).</summary>
        private int LowerBound(ReadOnlySpan<byte> needle)
        {
            int lo = 0, hi = Count;
            while (lo < hi)
            {
                var mid = lo + ((hi - lo) >> 1);
                if (Key(mid).SequenceCompareTo(needle) < 0)
                    lo = mid + 1;
                else
                    hi = mid;
            }
            return lo;
        }

        // Fully optimised from the first call: the loop runs once per process over ~400,000 lines.
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public static Table Read(Stream gzipped, Dictionary<string, string> intern)
        {
            byte[] data;
            int length;
            using (var gz = new GZipStream(gzipped, CompressionMode.Decompress, leaveOpen: true))
            using (var buffer = new MemoryStream(gzipped.CanSeek ? (int)Math.Min(int.MaxValue / 2, Math.Max(4096, gzipped.Length * 5)) : 1 << 16))
            {
                gz.CopyTo(buffer);
                data = buffer.GetBuffer();
                length = (int)buffer.Length;
            }

            var lookup = intern.GetAlternateLookup<ReadOnlySpan<char>>();
            var keyBytes = new byte[Math.Max(16, length / 3)];
            var keyLength = 0;
            var keyStarts = new List<int>(length / 16) { 0 };
            var lemmaStarts = new List<int>(length / 16) { 0 };
            var lemmas = new List<string>(length / 8);
            Span<char> chars = stackalloc char[MaxWordBytes];
            var sorted = true;
            var lines = data.AsSpan(0, length);

            while (!lines.IsEmpty)
            {
                var end = lines.IndexOf((byte)'\n');
                var line = end < 0 ? lines : lines[..end];
                lines = end < 0 ? [] : lines[(end + 1)..];
                if (!line.IsEmpty && line[^1] == (byte)'\r')
                    line = line[..^1];
                var tab = line.IndexOf((byte)'\t');
                if (tab <= 0 || tab > MaxWordBytes)
                    continue;
                var key = line[..tab];
                // Words of a multiword form are parted by single spaces.
                if (key.IndexOfAnyInRange((byte)0, (byte)(' ' - 1)) >= 0 || key[0] == ' ' || key[^1] == ' ' || key.IndexOf("  "u8) >= 0 || !Utf8.IsValid(key))
                    continue;

                var firstLemma = lemmas.Count;
                var rest = line[(tab + 1)..];
                while (!rest.IsEmpty && lemmas.Count - firstLemma < MaxLemmas)
                {
                    var next = rest.IndexOf((byte)'\t');
                    var field = (next < 0 ? rest : rest[..next]).Trim((byte)' ');
                    rest = next < 0 ? [] : rest[(next + 1)..];
                    if (field.IsEmpty || field.Length > MaxWordBytes
                        || Utf8.ToUtf16(field, chars, out _, out var count, replaceInvalidSequences: false) != System.Buffers.OperationStatus.Done)
                        continue;
                    var text = chars[..count];
                    if (!lookup.TryGetValue(text, out var lemma))
                    {
                        lemma = text.ToString();
                        lookup[text] = lemma;
                    }
                    lemmas.Add(lemma);
                }
                if (lemmas.Count == firstLemma)
                    continue;

                if (sorted && keyStarts.Count > 1)
                {
                    var previous = keyBytes.AsSpan(keyStarts[^2], keyStarts[^1] - keyStarts[^2]);
                    if (previous.SequenceCompareTo(key) >= 0)
                        sorted = false;
                }
                if (keyLength + key.Length > keyBytes.Length)
                    Array.Resize(ref keyBytes, Math.Max(keyBytes.Length * 2, keyLength + key.Length));
                key.CopyTo(keyBytes.AsSpan(keyLength));
                keyLength += key.Length;
                keyStarts.Add(keyLength);
                lemmaStarts.Add(lemmas.Count);
            }

            Array.Resize(ref keyBytes, keyLength);
            var table = new Table(keyBytes, keyStarts.ToArray(), lemmaStarts.ToArray(), lemmas.ToArray());
            return sorted ? table : table.SortedWithoutRepeats();
        }

        /// <summary>A copy in ordinal key order where a repeated form keeps its first entry.</summary>
        private Table SortedWithoutRepeats()
        {
            var order = Enumerable.Range(0, Count).ToArray();
            var keyBytes = _keyBytes;
            var keyStarts = _keyStarts;
            Array.Sort(order, (a, b) =>
            {
                var c = keyBytes.AsSpan(keyStarts[a], keyStarts[a + 1] - keyStarts[a])
                    .SequenceCompareTo(keyBytes.AsSpan(keyStarts[b], keyStarts[b + 1] - keyStarts[b]));
                return c != 0 ? c : a.CompareTo(b);
            });
            var newKeys = new byte[_keyBytes.Length];
            var newKeyStarts = new List<int>(Count + 1) { 0 };
            var newLemmaStarts = new List<int>(Count + 1) { 0 };
            var newLemmas = new List<string>(_lemmas.Length);
            var length = 0;
            for (var n = 0; n < order.Length; n++)
            {
                var i = order[n];
                if (n > 0 && Key(order[n - 1]).SequenceEqual(Key(i)))
                    continue;
                Key(i).CopyTo(newKeys.AsSpan(length));
                length += Key(i).Length;
                newKeyStarts.Add(length);
                newLemmas.AddRange(_lemmas.AsSpan(_lemmaStarts[i], _lemmaStarts[i + 1] - _lemmaStarts[i]));
                newLemmaStarts.Add(newLemmas.Count);
            }
            Array.Resize(ref newKeys, length);
            return new Table(newKeys, newKeyStarts.ToArray(), newLemmaStarts.ToArray(), newLemmas.ToArray());
        }
    }

}
