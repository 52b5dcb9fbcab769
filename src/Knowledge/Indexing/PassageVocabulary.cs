using System.Runtime.InteropServices;
using IomAssistant.Knowledge.Ingestion;
using IomAssistant.Knowledge.Text;

namespace IomAssistant.Knowledge.Indexing;

/// <summary>
/// What the indexed passages say, counted: how many passages hold each stem and each word, and
/// how often each word is written capitalized inside sentences. Counted while the index is
/// built, kept beside it and brought along with each update, so a reused index gives the
/// engine its vocabulary without reading a document. Immutable: an update makes a new one.
/// </summary>
public sealed class PassageVocabulary
{
    private const string Magic = "passage-vocabulary 1";

    // Each dictionary enumerates in first-seen order (passages in document order): typo
    // correction breaks ties by that order, so reading a saved vocabulary keeps its answers.
    private readonly Dictionary<string, int> _stemFrequency;
    private readonly Dictionary<string, int> _passageWords;
    private readonly Dictionary<string, int> _caseVotes;

    private PassageVocabulary(Dictionary<string, int> stemFrequency, Dictionary<string, int> passageWords, Dictionary<string, int> caseVotes, int passages)
    {
        _stemFrequency = stemFrequency;
        _passageWords = passageWords;
        _caseVotes = caseVotes;
        Passages = passages;
    }

    public static PassageVocabulary Empty { get; } = new(new(StringComparer.Ordinal), new(StringComparer.Ordinal), new(StringComparer.Ordinal), 0);

    /// <summary>How many passages are counted.</summary>
    public int Passages { get; }

    /// <summary>Passages holding each stem of a content word.</summary>
    public IReadOnlyDictionary<string, int> StemFrequency => _stemFrequency;

    /// <summary>Passages holding each folded word, in first-seen order.</summary>
    public IReadOnlyDictionary<string, int> PassageWords => _passageWords;

    /// <summary>Capitalized minus lower-case uses of each word inside sentences.</summary>
    public IReadOnlyDictionary<string, int> CaseVotes => _caseVotes;

    /// <summary>The vocabulary of <paramref name="documents"/>' passages, counted on every core.</summary>
    public static PassageVocabulary Of(IEnumerable<CleanDocument> documents) => Empty.With([], documents);

    /// <summary>This vocabulary with the passages of <paramref name="removed"/> taken out and those of <paramref name="added"/> counted in.</summary>
    public PassageVocabulary With(IEnumerable<Passage> removed, IEnumerable<CleanDocument> added)
    {
        var next = new PassageVocabulary(new(_stemFrequency, StringComparer.Ordinal), new(_passageWords, StringComparer.Ordinal),
            new(_caseVotes, StringComparer.Ordinal), Passages);
        var gone = new Tally();
        foreach (var passage in removed)
            gone.Add(passage);
        next.Apply(gone, -1);
        var counted = Tally.Of([.. added]);
        next.Apply(counted, +1);
        return new PassageVocabulary(next._stemFrequency, next._passageWords, next._caseVotes, Passages - gone.Passages + counted.Passages);
    }

    /// <summary>
    /// What some passages say, counted. Documents are counted in runs of neighbours, one run per
    /// task on every core; adding the runs' tallies up in order gives the words in the order a
    /// reading of every document in turn first sees them.
    /// </summary>
    private sealed class Tally
    {
        private readonly HashSet<string> _wordsSeen = new(StringComparer.Ordinal);
        private readonly HashSet<string> _stemsSeen = new(StringComparer.Ordinal);
        private readonly List<string> _tokens = [];
        private readonly List<(string, bool)> _votes = [];
        // The stem of each word read (null for a function word), and each word's folded form
        // by how it is written: texts say the same words again and again.
        private readonly Dictionary<string, string?> _stems = new(StringComparer.Ordinal);
        private readonly FoldedWords _folded = new();

        public Dictionary<string, int> Votes { get; } = new(StringComparer.Ordinal);
        public Dictionary<string, int> Words { get; } = new(StringComparer.Ordinal);
        public Dictionary<string, int> Stems { get; } = new(StringComparer.Ordinal);
        public int Passages { get; private set; }

        public static Tally Of(IReadOnlyList<CleanDocument> documents)
        {
            // A few runs per core even out documents of different lengths.
            var runs = Math.Clamp(documents.Count / 64, 1, 4 * Environment.ProcessorCount);
            var tallies = new Tally[runs];
            Parallel.For(0, runs, run =>
            {
                var tally = tallies[run] = new Tally();
                for (var i = run * documents.Count / runs; i < (run + 1) * documents.Count / runs; i++)
                    foreach (var passage in documents[i].Passages)
                        tally.Add(passage);
            });
            var total = tallies[0];
            foreach (var tally in tallies.Skip(1))
                total.AddUp(tally);
            return total;
        }

        private string? StemOf(string word)
        {
            ref var stem = ref CollectionsMarshal.GetValueRefOrAddDefault(_stems, word, out var known);
            if (!known)
                stem = StopWords.English.Contains(word) ? null : Stemmer.EnglishComputed(word);
            return stem;
        }

        /// <summary>A passage with its section's heading: each word and stem once, each written use a vote.</summary>
        public void Add(Passage passage)
        {
            Passages++;
            _wordsSeen.Clear();
            _stemsSeen.Clear();
            foreach (var text in new[] { passage.Text, passage.Section })
            {
                _tokens.Clear();
                _votes.Clear();
                TextFolding.WordsAndVotes(text, _tokens, _votes, _folded);
                foreach (var (word, capitalized) in _votes)
                    CollectionsMarshal.GetValueRefOrAddDefault(Votes, word, out _) += capitalized ? 1 : -1;
                foreach (var word in _tokens)
                {
                    // A word seen before in this passage has its word and stem counted already.
                    if (!_wordsSeen.Add(word))
                        continue;
                    CollectionsMarshal.GetValueRefOrAddDefault(Words, word, out _)++;
                    if (StemOf(word) is { } stem && _stemsSeen.Add(stem))
                        CollectionsMarshal.GetValueRefOrAddDefault(Stems, stem, out _)++;
                }
            }
        }

        private void AddUp(Tally other)
        {
            Passages += other.Passages;
            foreach (var (word, votes) in other.Votes)
                CollectionsMarshal.GetValueRefOrAddDefault(Votes, word, out _) += votes;
            foreach (var (stem, passages) in other.Stems)
                CollectionsMarshal.GetValueRefOrAddDefault(Stems, stem, out _) += passages;
            foreach (var (word, passages) in other.Words)
                CollectionsMarshal.GetValueRefOrAddDefault(Words, word, out _) += passages;
        }
    }

    private void Apply(Tally tally, int sign)
    {
        foreach (var (word, votes) in tally.Votes)
            Count(_caseVotes, word, sign * votes, keepNegative: true);
        foreach (var (word, passages) in tally.Words)
            Count(_passageWords, word, sign * passages, keepNegative: false);
        foreach (var (stem, passages) in tally.Stems)
            Count(_stemFrequency, stem, sign * passages, keepNegative: false);
    }

    private static void Count(Dictionary<string, int> counts, string key, int change, bool keepNegative)
    {
        ref var count = ref CollectionsMarshal.GetValueRefOrAddDefault(counts, key, out _);
        count += change;
        if (count == 0 || !keepNegative && count < 0)
            counts.Remove(key);
    }

    /// <summary>Saves this vocabulary under <paramref name="tag"/>, what the index it belongs to holds.</summary>
    public void Write(string path, string tag)
    {
        var temporary = path + ".tmp";
        using (var writer = new BinaryWriter(File.Create(temporary)))
        {
            writer.Write(Magic);
            writer.Write(tag);
            writer.Write(Passages);
            foreach (var counts in new[] { _stemFrequency, _passageWords, _caseVotes })
            {
                writer.Write(counts.Count);
                foreach (var (key, count) in counts)
                {
                    writer.Write(key);
                    writer.Write(count);
                }
            }
        }
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>The vocabulary saved at <paramref name="path"/>, or null when there is none or it was saved for another <paramref name="tag"/>.</summary>
    public static PassageVocabulary? Read(string path, string tag)
    {
        if (!File.Exists(path))
            return null;
        using var reader = new BinaryReader(File.OpenRead(path));
        if (reader.ReadString() != Magic || reader.ReadString() != tag)
            return null;
        var passages = reader.ReadInt32();
        var dictionaries = new Dictionary<string, int>[3];
        for (var i = 0; i < dictionaries.Length; i++)
        {
            var count = reader.ReadInt32();
            var counts = dictionaries[i] = new Dictionary<string, int>(count, StringComparer.Ordinal);
            for (var k = 0; k < count; k++)
                counts[reader.ReadString()] = reader.ReadInt32();
        }
        return new PassageVocabulary(dictionaries[0], dictionaries[1], dictionaries[2], passages);
    }
}
