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

    /// <summary>The vocabulary of <paramref name="documents"/>' passages, counted on every core and added up in order.</summary>
    public static PassageVocabulary Of(IEnumerable<CleanDocument> documents) => Empty.With([], documents);

    /// <summary>This vocabulary with the passages of <paramref name="removed"/> taken out and those of <paramref name="added"/> counted in.</summary>
    public PassageVocabulary With(IEnumerable<Passage> removed, IEnumerable<CleanDocument> added)
    {
        var next = new PassageVocabulary(new(_stemFrequency, StringComparer.Ordinal), new(_passageWords, StringComparer.Ordinal),
            new(_caseVotes, StringComparer.Ordinal), Passages);
        var passages = Passages;
        foreach (var passage in removed)
        {
            next.Apply(PassageCounts.Of(passage), -1);
            passages--;
        }
        // Reading a passage's words is the cost; adding them up is cheap and keeps their order.
        foreach (var counts in added.AsParallel().AsOrdered().Select(d => d.Passages.Select(PassageCounts.Of).ToList()))
            foreach (var passage in counts)
            {
                next.Apply(passage, +1);
                passages++;
            }
        return new PassageVocabulary(next._stemFrequency, next._passageWords, next._caseVotes, passages);
    }

    private sealed record PassageCounts(List<(string Word, bool Capitalized)> Votes, string[] Words, string[] Stems)
    {
        public static PassageCounts Of(Passage passage)
        {
            var text = passage.Text + "\n" + passage.Section;
            var tokens = TextFolding.Tokens(text);
            return new PassageCounts(TextFolding.CaseVotes(text).ToList(), tokens.Distinct().ToArray(),
                tokens.Where(t => !StopWords.English.Contains(t)).Select(Stemmer.English).Distinct().ToArray());
        }
    }

    private void Apply(PassageCounts counts, int sign)
    {
        foreach (var (word, capitalized) in counts.Votes)
            Count(_caseVotes, word, capitalized ? sign : -sign, keepNegative: true);
        foreach (var word in counts.Words)
            Count(_passageWords, word, sign, keepNegative: false);
        foreach (var stem in counts.Stems)
            Count(_stemFrequency, stem, sign, keepNegative: false);
    }

    private static void Count(Dictionary<string, int> counts, string key, int change, bool keepNegative)
    {
        var count = counts.GetValueOrDefault(key) + change;
        if (count > 0 || keepNegative && count < 0)
            counts[key] = count;
        else
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
