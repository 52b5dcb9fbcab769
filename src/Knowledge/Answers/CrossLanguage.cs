using IomAssistant.Knowledge.Text;
using IomAssistant.Knowledge.Translation;

namespace IomAssistant.Knowledge.Answers;

/// <summary>
/// Carries a Spanish or Portuguese question word to the documents' English: the bilingual
/// dictionary's English words for it, best first, for any vocabulary. The glossary still
/// comes first for the owner's own terms and abbreviations; this covers every other word.
/// </summary>
public static class CrossLanguage
{
    /// <summary>How many of a word's translations may stand for it: more senses add more noise than recall.</summary>
    public const int MaxTranslations = 3;

    /// <summary>
    /// English words for <paramref name="folded"/> in <paramref name="language"/> (es or pt),
    /// best first; the other Romance language is tried when the first does not know the word
    /// ("residencia" in a Portuguese question). Empty for English or an unknown word.
    /// </summary>
    public static Carried ToEnglish(string folded, string language)
    {
        if (language is not ("es" or "pt") || folded.Length > MaxWordLength)
            return Carried.None;
        return Remembered.GetOrAdd((language, folded), static (key, _) => Look(key.Folded, key.Language), 0);
    }

    /// <summary>Most words a multiword form of the dictionary has ("en el extranjero").</summary>
    public const int LongestPhrase = 4;

    /// <summary>The multiword forms of the dictionary that begin at <paramref name="start"/>, as bits of their lengths (see <see cref="BilingualDictionary.PhrasesAt"/>).</summary>
    public static int PhrasesAt(IReadOnlyList<string> folded, int start, string language) =>
        language is "es" or "pt" ? BilingualDictionary.Shared.PhrasesAt(language, folded, start, LongestPhrase) : 0;

    // Users ask with the same words again and again; a full memory is simply emptied.
    private const int MaxRememberedWords = 20_000;
    // Long enough for a multiword form of four words.
    private const int MaxWordLength = 40;
    private static readonly Caching.BoundedCache<(string Language, string Folded), Carried> Remembered = new(MaxRememberedWords);

    private static Carried Look(string folded, string language)
    {
        var dictionary = BilingualDictionary.Shared;
        var translations = dictionary.Translate(language, folded);
        if (translations.Count == 0)
            translations = dictionary.Translate(language == "es" ? "pt" : "es", folded);
        if (translations.Count == 0)
            return Carried.None;
        // A word whose first sense is a function word ("puede": can, "fue": be, "cuales": which)
        // carries no content; the question words among them still say what is asked.
        var first = TextFolding.Tokens(translations[0]);
        if (first.All(StopWords.English.Contains))
            return new Carried([], first.Where(Lexicon.QuestionWords.Contains).ToList(), FunctionWord: true);
        var words = new List<string>();
        var asking = new List<string>();
        foreach (var translation in translations.Take(MaxTranslations))
        {
            var tokens = TextFolding.Tokens(translation);
            // A question word among the senses ("cuantos": those that, how many) says what the
            // word asks when it opens the question.
            if (tokens.All(StopWords.English.Contains))
                asking.AddRange(tokens.Where(t => Lexicon.QuestionWords.Contains(t) && !asking.Contains(t)));
            foreach (var word in tokens)
                if (!StopWords.English.Contains(word) && !words.Contains(word))
                    words.Add(word);
        }
        return new Carried(words, [], FunctionWord: false) { Asking = asking };
    }

    /// <summary>
    /// Reads the word tables (the bilingual dictionary, its spelling index, the English word
    /// relations) now rather than on the first question that needs them, which would otherwise
    /// wait most of a second.
    /// </summary>
    public static void Prepare()
    {
        _ = ToEnglish("sede", "es");
        _ = PhrasesAt(["en", "el"], 0, "es");
        _ = PhrasesAt(["em", "o"], 0, "pt");
        _ = SpanishSpelling.Value;
        _ = PortugueseSpelling.Value;
        _ = EnglishWords.Lemma("sent");
    }

    /// <summary>
    /// The Spanish or Portuguese word the dictionary knows that a typo stands for
    /// ("residensia" → "residencia"), by the same bounds as English typos: one edit, two for
    /// words of eight letters or more, the first two letters kept.
    /// </summary>
    public static string? Correct(string folded, string language)
    {
        if (language is not ("es" or "pt") || folded.Length is < 5 or > 16)
            return null;
        var max = folded.Length >= 8 ? 2 : 1;
        var spelling = language == "es" ? SpanishSpelling.Value : PortugueseSpelling.Value;
        string? best = null;
        var bestDistance = max + 1;
        for (var length = folded.Length - max; length <= folded.Length + max; length++)
        {
            if (!spelling.TryGetValue((folded[0], folded[1], length), out var words))
                continue;
            for (var start = 0; start < words.Length; start += length)
            {
                var word = words.AsSpan(start, length);
                var d = EditDistance.Bounded(folded, word, Math.Min(max, bestDistance - 1));
                if (d < bestDistance)
                {
                    best = word.ToString();
                    bestDistance = d;
                }
            }
        }
        return best;
    }

    private static readonly Lazy<Dictionary<(char, char, int), string>> SpanishSpelling = new(() => SpellingIndex("es"));
    private static readonly Lazy<Dictionary<(char, char, int), string>> PortugueseSpelling = new(() => SpellingIndex("pt"));

    /// <summary>
    /// The dictionary's words by first two letters and length: a typo is looked up among few.
    /// The words of one group have one length and are kept end to end in one string, which
    /// holds the 400,000 words of both languages in a few thousand objects instead of one each.
    /// </summary>
    private static Dictionary<(char, char, int), string> SpellingIndex(string language) =>
        BilingualDictionary.Shared.Words(language)
            .Where(w => w.Length is >= 3 and <= 18)
            .GroupBy(w => (w[0], w[1], w.Length))
            .ToDictionary(g => g.Key, g => string.Concat(g));

    /// <summary>What a word becomes in English: content words, or a function word (with any question words it stands for).</summary>
    public sealed record Carried(IReadOnlyList<string> Words, IReadOnlyList<string> QuestionWords, bool FunctionWord)
    {
        /// <summary>The question words of a sense other than the first: what the word asks at the head of a question.</summary>
        public IReadOnlyList<string> Asking { get; init; } = [];

        public static readonly Carried None = new([], [], false);
    }
}
