using IomAssistant.Knowledge.Text;

namespace IomAssistant.Knowledge.Answers;

/// <summary>
/// The knowledge's vocabulary: every word the documents and catalog use, how many passages
/// hold each stem (for weighing evidence), and the glossary from users' words to the
/// documents' English words.
/// </summary>
public sealed class Lexicon
{
    /// <summary>Question words, by the English word the glossary maps users' words to.</summary>
    public static readonly IReadOnlySet<string> QuestionWords = new HashSet<string> { "what", "when", "where", "who", "which", "why", "how", "many" };

    private readonly Dictionary<string, int> _stemFrequency = new(StringComparer.Ordinal);
    private readonly HashSet<string> _knownWords = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _glossary = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _glossaryStems = new(StringComparer.Ordinal);
    private readonly HashSet<string> _fillers = new(StringComparer.Ordinal);
    private readonly string[] _correctionCandidates;
    private readonly string[] _shortCorrectionCandidates;
    private readonly string[] _wordsForShortTypos;

    public Lexicon(KnowledgeBase knowledge)
    {
        var units = 0;
        var passageWords = new HashSet<string>(StringComparer.Ordinal);
        foreach (var passage in knowledge.Documents.SelectMany(d => d.Passages))
        {
            passageWords.UnionWith(AddUnit(passage.Text));
            units++;
        }
        foreach (var entity in knowledge.Entities)
        {
            _ = AddUnit(string.Join(" ", entity.Names.Values.Concat(entity.Aliases)) + " " + entity.Summary);
            foreach (var fact in entity.Facts)
                _ = AddUnit(fact.Value + " " + fact.Quote);
            units += 1 + entity.Facts.Count;
        }
        foreach (var keyword in knowledge.Attributes.Values.SelectMany(a => a.Keywords))
            _knownWords.UnionWith(TextFolding.Tokens(keyword));
        UnitCount = Math.Max(units, 1);

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
                if (!folded.Contains(' '))
                {
                    Add(_glossaryStems, "es:" + Stemmer.Spanish(folded), targets);
                    Add(_glossaryStems, "pt:" + Stemmer.Portuguese(folded), targets);
                }
            }
        }
        // Fillers are single words: a phrase's words may each carry meaning elsewhere ("kind of").
        foreach (var filler in knowledge.Glossary.Fillers.Select(TextFolding.Tokens).Where(t => t.Count == 1))
            _fillers.Add(filler[0]);

        var candidates = _knownWords.Concat(_glossary.Keys.Where(k => !k.Contains(' '))).Concat(_fillers).Where(w => w.Length >= 3 && !char.IsDigit(w[0]));
        _correctionCandidates = candidates.Distinct().ToArray();
        _wordsForShortTypos = passageWords.Concat(_fillers).Concat(StopWords.English)
            .Where(w => w.Length >= 3 && !char.IsDigit(w[0])).Distinct().ToArray();
        _shortCorrectionCandidates = StopWords.English.Concat(StopWords.Spanish).Concat(StopWords.Portuguese).Concat(QuestionWords)
            .Where(w => w.Length is >= 3 and <= 5).Distinct().ToArray();
        MaxIdf = Math.Log(1 + UnitCount);
    }

    public int UnitCount { get; }
    public double MaxIdf { get; }

    public bool IsKnown(string folded) => _knownWords.Contains(folded);
    public bool IsFiller(string folded) => _fillers.Contains(folded);

    /// <summary>English document words for a word a user wrote, by exact (folded) glossary entry.</summary>
    public IReadOnlyCollection<string>? Translate(string folded) => _glossary.TryGetValue(folded, out var t) ? t : null;

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
    public double Idf(string stem) =>
        _stemFrequency.TryGetValue(stem, out var df) ? Math.Log(1 + (double)UnitCount / df) : MaxIdf + 1;

    public bool HasStem(string stem) => _stemFrequency.ContainsKey(stem);

    /// <summary>The closest word the knowledge, glossary or fillers know, for a typo; null if none is close.</summary>
    public string? Correct(string folded)
    {
        if (folded.Length < 3 || char.IsDigit(folded[0]))
            return null;
        // Short words are close to many others: a 3-letter typo may only be a function word, a
        // 4-letter one only a word the documents use or a function word, not a name or another
        // language's glossary word ("live" is not "livre").
        var pool = folded.Length switch
        {
            <= 3 => _shortCorrectionCandidates,
            4 => _wordsForShortTypos,
            _ => _correctionCandidates,
        };
        var max = folded.Length >= 8 ? 2 : 1;
        string? best = null;
        var bestDistance = max + 1;
        foreach (var candidate in pool)
        {
            // Typos rarely hit the first letter; an unknown word that differs there is another word.
            if (candidate[0] != folded[0] && !(folded.Length > 1 && candidate.Length > 1 && candidate[0] == folded[1] && candidate[1] == folded[0]))
                continue;
            var d = EditDistance.Bounded(folded, candidate, max);
            // In short words a changed letter makes another word ("joke"/"jose"): only a missing,
            // extra or swapped letter counts as a typo there.
            if (d == 1 && folded.Length <= 5 && candidate.Length == folded.Length && !IsSwap(folded, candidate))
                continue;
            if (d < bestDistance)
            {
                best = candidate;
                bestDistance = d;
            }
        }
        return bestDistance <= max ? best : null;
    }

    private static bool IsSwap(string a, string b) => a.Order().SequenceEqual(b.Order());

    private List<string> AddUnit(string text)
    {
        var tokens = TextFolding.Tokens(text);
        _knownWords.UnionWith(tokens);
        foreach (var stem in tokens.Where(t => !StopWords.English.Contains(t)).Select(Stemmer.English).Distinct())
            _stemFrequency[stem] = _stemFrequency.GetValueOrDefault(stem) + 1;
        return tokens;
    }

    private static void Add(Dictionary<string, HashSet<string>> map, string key, IEnumerable<string> values)
    {
        if (!map.TryGetValue(key, out var set))
            map[key] = set = new HashSet<string>(StringComparer.Ordinal);
        set.UnionWith(values);
    }
}
