using IomAssistant.Knowledge.Caching;
using IomAssistant.Knowledge.Indexing;
using IomAssistant.Knowledge.Text;

namespace IomAssistant.Knowledge.Answers;

/// <summary>
/// The knowledge's vocabulary: every word the documents and catalog use, how many passages
/// hold each stem (for weighing evidence), and the glossary from users' words to the
/// documents' English words.
/// </summary>
public sealed class Lexicon
{
    private const int MaxRememberedCorrections = 10_000;
    // No word of the knowledge is longer than this in practice; a longer one is no typo of one.
    private const int MaxCorrectableLength = 20;
    private const int MinPrefixStem = 5;
    private const double MinPrefixShare = 0.6;

    /// <summary>Question words, by the English word the glossary maps users' words to.</summary>
    public static readonly IReadOnlySet<string> QuestionWords = new HashSet<string> { "what", "when", "where", "who", "which", "why", "how", "many" };

    // The documents' words come counted with the index; the catalog's are counted here.
    private readonly PassageVocabulary _passages;
    private readonly Dictionary<string, int> _catalogStemFrequency = new(StringComparer.Ordinal);
    private readonly HashSet<string> _catalogWords = new(StringComparer.Ordinal);
    private readonly HashSet<string> _keywordWords = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _glossary = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _glossaryStems = new(StringComparer.Ordinal);
    private readonly HashSet<string> _fillers = new(StringComparer.Ordinal);
    private readonly HashSet<string> _phraseStarts = new(StringComparer.Ordinal);
    // The knowledge's acronyms by their letters in order ("imo" for IOM); null where two share them.
    private readonly Dictionary<string, string?> _acronymsByLetters = new(StringComparer.Ordinal);
    private readonly int _units;
    private readonly string[] _correctionCandidates;
    private readonly string[] _shortCorrectionCandidates;
    private readonly string[] _wordsForShortTypos;
    // Users repeat their typos: each word is corrected once per vocabulary.
    private readonly BoundedCache<string, string?> _corrections = new(MaxRememberedCorrections, StringComparer.Ordinal);
    // Users ask with the same words again and again: each is read once per vocabulary (a word
    // longer than any the knowledge uses is read anew, so the memory stays small).
    private const int MaxRememberedWords = 20_000;
    private const int MaxRememberedWordLength = 40;
    private readonly BoundedCache<(string Folded, string Language, bool AllowCorrection, bool AsName), QuestionToken> _readWords = new(MaxRememberedWords);

    /// <summary>How <paramref name="read"/> reads a word of a question in this vocabulary, remembered.</summary>
    internal QuestionToken ReadWord((string Folded, string Language, bool AllowCorrection, bool AsName) word, Func<(string Folded, string Language, bool AllowCorrection, bool AsName), Lexicon, QuestionToken> read) =>
        word.Folded.Length <= MaxRememberedWordLength ? _readWords.GetOrAdd(word, read, this) : read(word, this);

    /// <summary>The vocabulary of <paramref name="knowledge"/>: its documents' words as <paramref name="passages"/> counts them, its catalog's and glossary's.</summary>
    public Lexicon(KnowledgeBase knowledge, PassageVocabulary passages)
    {
        _passages = passages;
        _units = passages.Passages;
        foreach (var entity in knowledge.CatalogEntities)
        {
            AddCatalogUnit(string.Join(" ", entity.Names.Values.Concat(entity.Aliases)) + " " + entity.Summary);
            foreach (var fact in entity.Facts)
                AddCatalogUnit(fact.Value + " " + fact.Quote);
            _units += 1 + entity.Facts.Count;
        }
        foreach (var name in knowledge.Entities.SelectMany(e => e.Names.Values.Concat(e.Aliases)))
            AddAcronym(name);
        foreach (var keyword in knowledge.Attributes.Values.SelectMany(a => a.Keywords))
            _keywordWords.UnionWith(TextFolding.Tokens(keyword));

        foreach (var (term, variants) in knowledge.Glossary.Terms)
        {
            var targets = TextFolding.Tokens(term).Where(t => !StopWords.English.Contains(t) || QuestionWords.Contains(t)).ToList();
            foreach (var variant in variants.Append(term))
            {
                var folded = string.Join(' ', TextFolding.Tokens(variant));
                if (folded.Length == 0)
                    continue;
                Add(_glossary, folded, targets);
                LongestPhrase = Math.Max(LongestPhrase, folded.Count(c => c == ' ') + 1);
                if (folded.IndexOf(' ') is > 0 and var space)
                    _phraseStarts.Add(folded[..space]);
                else
                {
                    Add(_glossaryStems, "es:" + Stemmer.Spanish(folded), targets);
                    Add(_glossaryStems, "pt:" + Stemmer.Portuguese(folded), targets);
                }
            }
        }
        // Fillers are single words: a phrase's words may each carry meaning elsewhere ("kind of").
        _fillers.UnionWith(RequestWords.All);
        foreach (var filler in knowledge.Glossary.Fillers.Select(TextFolding.Tokens).Where(t => t.Count == 1))
            _fillers.Add(filler[0]);

        _shortCorrectionCandidates = StopWords.English.Concat(StopWords.Spanish).Concat(StopWords.Portuguese).Concat(QuestionWords)
            .Where(w => w.Length is >= 3 and <= 5).Distinct().ToArray();
        (_correctionCandidates, _wordsForShortTypos) = CorrectionCandidates();
    }

    public int UnitCount => Math.Max(_units, 1);
    public double MaxIdf => Math.Log(1 + UnitCount);

    public bool IsKnown(string folded) =>
        _passages.PassageWords.ContainsKey(folded) || _catalogWords.Contains(folded) || _keywordWords.Contains(folded);

    public bool IsFiller(string folded) => _fillers.Contains(folded);

    /// <summary>English document words for a word a user wrote, by exact (folded) glossary entry.</summary>
    public IReadOnlyCollection<string>? Translate(string folded) => _glossary.TryGetValue(folded, out var t) ? t : null;

    /// <summary>Does some glossary entry of several words begin with this word ("forman" of "forman parte")?</summary>
    public bool StartsPhrase(string folded) => _phraseStarts.Contains(folded);

    /// <summary>The longest number of words a glossary entry has ("forman parte", "naciones unidas").</summary>
    public int LongestPhrase { get; private set; } = 1;

    /// <summary>English words for a Spanish or Portuguese inflection the glossary lists in another form.</summary>
    public IReadOnlyCollection<string>? TranslateByStem(string folded)
    {
        if (folded.Length < 4)
            return null;
        if (_glossaryStems.TryGetValue("es:" + Stemmer.Spanish(folded), out var es))
            return es;
        return _glossaryStems.TryGetValue("pt:" + Stemmer.Portuguese(folded), out var pt) ? pt : null;
    }

    /// <summary>Inverse document frequency of a stem; words the knowledge never uses weigh most.</summary>
    public double Idf(string stem)
    {
        var df = _passages.StemFrequency.GetValueOrDefault(stem) + _catalogStemFrequency.GetValueOrDefault(stem);
        return df > 0 ? Math.Log(1 + (double)UnitCount / df) : MaxIdf + 1;
    }

    public bool HasStem(string stem) => _passages.StemFrequency.ContainsKey(stem) || _catalogStemFrequency.ContainsKey(stem);

    /// <summary>The closest word the knowledge, glossary or fillers know, for a typo; null if none is close.</summary>
    /// <param name="crossLanguage">
    /// The word is Spanish or Portuguese and no dictionary knows it: it may be a name the
    /// documents spell the English way ("Lutero", "Venecia"), two edits away.
    /// </param>
    /// <param name="asName">
    /// Written capitalized: a name the documents use may be two edits away ("Ghandi" is Gandhi),
    /// and of equally close words a name wins ("Lutero" is Luther, not "later").
    /// </param>
    public string? Correct(string folded, bool crossLanguage = false, bool asName = false)
    {
        if (folded.Length is < 3 or > MaxCorrectableLength || char.IsDigit(folded[0]))
            return null;
        var key = (crossLanguage ? "\u0001" : "") + (asName ? "\u0002" : "") + folded;
        var edits = crossLanguage && folded.Length is >= 5 and <= 12 ? 2 : folded.Length >= 8 ? 2 : 1;
        return _corrections.GetOrAdd(key, static (_, state) => state.Lexicon.FindCorrection(state.Folded, state.Edits, state.AsName), (Lexicon: this, Folded: folded, Edits: edits, AsName: asName));
    }

    /// <summary>
    /// The knowledge's acronym written with the same letters in another order, or null: Spanish
    /// and Portuguese put the noun first, so their acronym of a name is often the English one
    /// reordered (OIM for IOM) and is seldom in the documents.
    /// </summary>
    public string? AcronymInOtherOrder(string folded) =>
        folded.Length is >= MinAcronymLength and <= MaxAcronymLength && _acronymsByLetters.GetValueOrDefault(Letters(folded)) is { } acronym && acronym != folded ? acronym : null;

    private const int MinAcronymLength = 3;
    private const int MaxAcronymLength = 6;

    private void AddAcronym(string name)
    {
        if (name.Length is < MinAcronymLength or > MaxAcronymLength || !name.All(char.IsAsciiLetterUpper))
            return;
        var folded = name.ToLowerInvariant();
        var letters = Letters(folded);
        _acronymsByLetters[letters] = _acronymsByLetters.TryGetValue(letters, out var known) && known != folded ? null : folded;
    }

    private static string Letters(string word)
    {
        Span<char> letters = stackalloc char[word.Length];
        word.AsSpan().CopyTo(letters);
        letters.Sort();
        return new string(letters);
    }

    /// <summary>
    /// The longest stem the knowledge uses that begins <paramref name="stem"/> and keeps most of
    /// it: "creat" for "creation", "compar" for "comparison", where stemming stops short of
    /// joining a noun to its verb.
    /// </summary>
    public string? KnownPrefixStem(string stem)
    {
        if (stem.Length > MaxCorrectableLength)
            return null;
        for (var length = stem.Length - 1; length >= Math.Max(MinPrefixStem, (int)Math.Ceiling(stem.Length * MinPrefixShare)); length--)
            if (HasStem(stem[..length]))
                return stem[..length];
        return null;
    }

    private string? FindCorrection(string folded, int edits, bool asName)
    {
        var nameEdits = asName && edits == 1 && folded.Length is >= 5 and <= 12;
        var max = nameEdits ? 2 : edits;
        // Short words are close to many others: a 3-letter typo may only be a function word, a
        // 4-letter one only a word the documents use or a function word, not a name or another
        // language's glossary word ("live" is not "livre").
        var pool = folded.Length switch
        {
            <= 3 => _shortCorrectionCandidates,
            4 => _wordsForShortTypos,
            _ => _correctionCandidates,
        };
        string? best = null;
        var bestDistance = max + 1;
        foreach (var candidate in pool)
        {
            // Typos rarely hit the first letter; an unknown word that differs there is another word.
            if (candidate[0] != folded[0] && !(folded.Length > 1 && candidate.Length > 1 && candidate[0] == folded[1] && candidate[1] == folded[0]))
                continue;
            var d = EditDistance.Bounded(folded, candidate, max);
            // A name is misspelled more freely than a word ("Ghandi"): a capitalized word of five
            // letters or more reaches the documents' names two edits away, other words one.
            if (d > edits && !IsName(candidate))
                continue;
            // In short words a changed letter makes another word ("joke"/"jose"): only a missing,
            // extra or swapped letter counts as a typo there.
            if (d == 1 && folded.Length <= 5 && candidate.Length == folded.Length && !IsSwap(folded, candidate) && !IsFunctionWord(candidate))
                continue;
            if (d < bestDistance || d == bestDistance && best is not null && asName && IsName(candidate) && !IsName(best))
            {
                best = candidate;
                bestDistance = d;
            }
        }
        return bestDistance <= max ? best : null;
    }

    /// <summary>Candidates in first-seen order (passages, catalog, attribute keywords): the order decides ties.</summary>
    private (string[] All, string[] ForShortTypos) CorrectionCandidates()
    {
        var all = _passages.PassageWords.Keys.Concat(_catalogWords).Concat(_keywordWords).Concat(_glossary.Keys.Where(k => !k.Contains(' '))).Concat(_fillers)
            .Where(w => w.Length >= 3 && !char.IsDigit(w[0])).Distinct().ToArray();
        var forShortTypos = _passages.PassageWords.Keys.Concat(_fillers).Concat(StopWords.English)
            .Where(w => w.Length >= 3 && !char.IsDigit(w[0])).Distinct().ToArray();
        return (all, forShortTypos);
    }

    private static bool IsSwap(string a, string b) => a.Order().SequenceEqual(b.Order());

    // "meny" is "many": a changed letter in a function word is still that word.
    private static bool IsFunctionWord(string word) => StopWords.English.Contains(word) || QuestionWords.Contains(word);

    /// <summary>A word the documents write capitalized more often than not inside sentences: a name.</summary>
    public bool IsName(string folded) => _passages.CaseVotes.GetValueOrDefault(folded) > 0;

    private void AddCatalogUnit(string text)
    {
        var tokens = TextFolding.Tokens(text);
        _catalogWords.UnionWith(tokens);
        foreach (var stem in tokens.Where(t => !StopWords.English.Contains(t)).Select(Stemmer.English).Distinct())
            _catalogStemFrequency[stem] = _catalogStemFrequency.GetValueOrDefault(stem) + 1;
    }

    private static void Add(Dictionary<string, HashSet<string>> map, string key, IEnumerable<string> values)
    {
        if (!map.TryGetValue(key, out var set))
            map[key] = set = new HashSet<string>(StringComparer.Ordinal);
        set.UnionWith(values);
    }
}
