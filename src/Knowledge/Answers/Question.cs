using IomAssistant.Knowledge.Text;

namespace IomAssistant.Knowledge.Answers;

public enum TokenRole
{
    /// <summary>A function word: ignored.</summary>
    Stop,
    /// <summary>A word with no content in a question ("tell", "sobre"): ignored.</summary>
    Filler,
    /// <summary>when, where, who, how many...: weak evidence for an attribute.</summary>
    QuestionWord,
    /// <summary>A word the knowledge or glossary knows.</summary>
    Content,
    /// <summary>A word the knowledge does not know: evidence the question is out of scope.</summary>
    Unknown,
}

/// <summary>One word of a question: as typed (folded), as corrected, and the English stems it stands for.</summary>
public sealed record QuestionToken(string Folded, string Word, TokenRole Role, IReadOnlySet<string> Stems)
{
    /// <summary>The English document words the glossary gives for this word.</summary>
    public IReadOnlySet<string> Translations { get; init; } = new HashSet<string>();

    /// <summary>
    /// The bilingual dictionary's English for a word the glossary also translates: looser
    /// readings beside the glossary's, which alone set how much the word weighs.
    /// </summary>
    public IReadOnlyList<string> Senses { get; init; } = [];

    /// <summary>Carried to English by the bilingual dictionary: its translations are senses, not synonyms.</summary>
    public bool Carried { get; init; }

    /// <summary>Written with a capital inside the question ("Chile", "R4V").</summary>
    public bool Capitalized { get; init; }

    public bool Counts => Role is TokenRole.Content or TokenRole.Unknown;
}

/// <summary>A question read word by word, typos corrected and Spanish/Portuguese words mapped to English.</summary>
public sealed class Question
{
    public const int MaxTokens = 64;
    /// <summary>Words of one question that may be looked up as typos.</summary>
    public const int MaxCorrections = 8;

    private Question(string text, IReadOnlyList<QuestionToken> tokens, string language)
    {
        Text = text;
        Tokens = tokens;
        Language = language;
    }

    public string Text { get; }

    /// <summary>en, es or pt: the language the question was read in.</summary>
    public string Language { get; }
    public IReadOnlyList<QuestionToken> Tokens { get; }

    /// <summary>The first word that is not a function word or filler: where a question word asks.</summary>
    public QuestionToken? Opening => Tokens.FirstOrDefault(t => t.Role is not (TokenRole.Stop or TokenRole.Filler));

    private static readonly HashSet<string> Copulas = ["is", "are", "was", "were", "s", "es", "son", "era", "fue", "e", "sao", "foi"];
    private static readonly HashSet<string> Articles = ["the", "el", "la", "los", "las", "o", "a", "os", "as"];

    /// <summary>
    /// The thing a "what is the X of..." question asks for: "budget" in "What's the budget of
    /// the office?", "telefono" in "¿Cuál es el teléfono...?". Only that shape names it surely;
    /// in "What actress did..." or "Who mapped..." the word after the question word may be
    /// phrased otherwise by the documents.
    /// </summary>
    public QuestionToken? Focus
    {
        get
        {
            var i = Tokens.Select((t, k) => (t, k)).FirstOrDefault(x => x.t.Role is not (TokenRole.Stop or TokenRole.Filler)).k;
            if (i + 3 >= Tokens.Count || Tokens[i].Role != TokenRole.QuestionWord ||
                !Copulas.Contains(Tokens[i + 1].Folded) || !Articles.Contains(Tokens[i + 2].Folded))
                return null;
            return Tokens[i + 3] is { Counts: true } focus ? focus : null;
        }
    }

    /// <summary>Whether the word after <paramref name="token"/> is one the knowledge uses: then the token may only qualify it.</summary>
    public bool ModifiesKnownWord(QuestionToken token)
    {
        var i = IndexOf(token);
        return i >= 0 && i + 1 < Tokens.Count && Tokens[i + 1].Role == TokenRole.Content;
    }

    /// <summary>Where a token of this question stands, or -1.</summary>
    internal int IndexOf(QuestionToken token)
    {
        for (var i = 0; i < Tokens.Count; i++)
            if (ReferenceEquals(Tokens[i], token))
                return i;
        return -1;
    }

    /// <summary>"How many", "cuántos", "número de" — not the "many" of "so many".</summary>
    public bool AsksCount => _asksCount ??= Tokens.Select((t, i) => (t, i)).Any(x =>
        x.t.Role == TokenRole.QuestionWord && x.t.Stems.Contains("many") &&
        (x.t.Folded != "many" || (x.i > 0 && Tokens[x.i - 1].Folded == "how")));

    private bool? _asksCount;

    public static Question Read(string text, Lexicon lexicon, string language = "en")
    {
        var cased = TextFolding.TokensWithCase(text).Take(MaxTokens).ToList();
        var words = cased.Select(t => t.Folded).ToList();
        // A question typed in capitals has no acronyms to tell apart.
        var shouting = !text.Any(char.IsLower);
        var tokens = new List<QuestionToken>(words.Count);
        var corrections = 0;
        for (var i = 0; i < words.Count; i++)
        {
            if (Phrase(words, i, lexicon, language) is { } phrase)
            {
                tokens.AddRange(phrase);
                i += phrase.Count - 1;
            }
            else if (cased[i].Acronym && !shouting && StopWords.IsStopWord(words[i]) && lexicon.Translate(words[i]) is { } expanded)
                tokens.Add(Content(words[i], words[i], expanded));
            // A compound typed apart ("quarter back"): the word the documents write, then nothing
            // for its second half, so each token stays at its word's place.
            else if (i + 1 < words.Count && Compound(words[i], words[i + 1], lexicon) is { } compound)
            {
                tokens.Add(Classify(compound, lexicon, language, allowCorrection: false) with { Folded = words[i] });
                tokens.Add(new QuestionToken(words[i + 1], words[i + 1], TokenRole.Stop, new HashSet<string>()));
                i++;
            }
            else
            {
                // Typo correction scans the vocabulary: a few words a question, however long it is.
                // A token of its own, though read from memory: tokens are told apart by reference.
                var token = lexicon.ReadWord((words[i], language, corrections < MaxCorrections, i > 0 && cased[i].Capitalized && !shouting), ReadWord) with { };
                if (token.Folded != token.Word || token.Role == TokenRole.Unknown)
                    corrections++;
                tokens.Add(token);
            }
        }
        AskWithOpeningWord(tokens, language);
        // A word capitalized inside the question is a name the answer must speak of.
        for (var i = 1; i < tokens.Count; i++)
            if (cased[i].Capitalized && !shouting)
                tokens[i] = tokens[i] with { Capitalized = true };
        return new Question(text, tokens, language);
    }

    /// <summary>
    /// A Spanish or Portuguese word with a question sense that opens the question, or follows an
    /// opening preposition, asks ("¿Cuántos estados...?", "¿Con cuántas misiones...?"): there
    /// "cuantos" is "how many", not the relative "those that", however the accents were typed.
    /// </summary>
    private static void AskWithOpeningWord(List<QuestionToken> tokens, string language)
    {
        if (language is not ("es" or "pt") || tokens.Any(t => t.Role == TokenRole.QuestionWord))
            return;
        var at = tokens.Count > 1 && tokens[0].Role == TokenRole.Stop ? 1 : 0;
        if (at >= tokens.Count || tokens[at] is not { Role: TokenRole.Content, Carried: true } opening)
            return;
        if (CrossLanguage.ToEnglish(opening.Folded, language).Asking is { Count: > 0 } asking)
            tokens[at] = new QuestionToken(opening.Folded, opening.Folded, TokenRole.QuestionWord, asking.ToHashSet());
    }

    /// <summary>
    /// A phrase of the glossary ("naciones unidas", "forman parte") or of the bilingual
    /// dictionary ("en el extranjero": abroad) starting at <paramref name="start"/>: each of its
    /// words keeps its own reading and also stands for the phrase's translation.
    /// </summary>
    private static List<QuestionToken>? Phrase(List<string> words, int start, Lexicon lexicon, string language)
    {
        var inGlossary = lexicon.StartsPhrase(words[start]);
        var inDictionary = CrossLanguage.PhrasesAt(words, start, language);
        if (!inGlossary && inDictionary == 0)
            return null;
        var longest = Math.Max(inGlossary ? lexicon.LongestPhrase : 0, inDictionary != 0 ? CrossLanguage.LongestPhrase : 0);
        for (var length = Math.Min(longest, words.Count - start); length >= 2; length--)
        {
            var dictionaryHas = (inDictionary & (1 << length)) != 0;
            if (!inGlossary && !dictionaryHas)
                continue;
            var phrase = string.Join(' ', words.Skip(start).Take(length));
            // The owner's glossary first; the dictionary's phrase only when it says something.
            var translated = (inGlossary ? lexicon.Translate(phrase) : null)
                ?? (dictionaryHas && CrossLanguage.ToEnglish(phrase, language) is { FunctionWord: false, Words.Count: > 0 } carried ? carried.Words : null);
            if (translated is null)
                continue;
            // "how many", "número de": a question word, the rest of the phrase carries nothing more.
            if (translated.All(Lexicon.QuestionWords.Contains))
                return words.Skip(start).Take(length).Select((word, k) => k == 0
                    ? new QuestionToken(word, word, TokenRole.QuestionWord, translated.ToHashSet())
                    : new QuestionToken(word, word, TokenRole.Stop, new HashSet<string>())).ToList();
            var stems = translated.Select(Stemmer.English).ToList();
            return words.Skip(start).Take(length).Select(word =>
            {
                var token = lexicon.ReadWord((word, language, false, false), ReadWord) with { };
                if (token.Role is TokenRole.Stop or TokenRole.Filler or TokenRole.QuestionWord)
                    return token;
                return token with
                {
                    Role = TokenRole.Content,
                    Stems = token.Stems.Concat(stems).ToHashSet(),
                    Translations = token.Translations.Concat(translated).ToHashSet(),
                };
            }).ToList();
        }
        return null;
    }

    /// <summary>Two words the documents write as one, or null; never a function word's half ("in to").</summary>
    private static string? Compound(string first, string second, Lexicon lexicon) =>
        first.Length >= 2 && second.Length >= 2 && !StopWords.IsStopWord(first) && !StopWords.IsStopWord(second) &&
        first.Length + second.Length <= 24 && lexicon.IsKnown(first + second) ? first + second : null;

    private static QuestionToken ReadWord((string Folded, string Language, bool AllowCorrection, bool AsName) word, Lexicon lexicon) =>
        Classify(word.Folded, lexicon, word.Language, word.AllowCorrection, word.AsName);

    private static QuestionToken Classify(string folded, Lexicon lexicon, string language, bool allowCorrection, bool asName = false)
    {
        var translated = lexicon.Translate(folded);
        if (translated is null && !StopWords.IsStopWord(folded) && !lexicon.IsFiller(folded) && !lexicon.IsKnown(folded))
            translated = lexicon.TranslateByStem(folded);
        if (Lexicon.QuestionWords.Contains(folded) || translated?.Any(Lexicon.QuestionWords.Contains) == true)
        {
            var words = translated?.Where(Lexicon.QuestionWords.Contains).ToHashSet() ?? [];
            if (Lexicon.QuestionWords.Contains(folded)) words.Add(folded);
            return new QuestionToken(folded, folded, TokenRole.QuestionWord, words);
        }
        if (StopWords.IsStopWord(folded))
            return new QuestionToken(folded, folded, TokenRole.Stop, new HashSet<string>());
        if (lexicon.IsFiller(folded))
            return new QuestionToken(folded, folded, TokenRole.Filler, new HashSet<string>());
        // Any other Spanish or Portuguese word: the dictionary's English for it, beside the word
        // itself (cognates: "residencia"); a name the documents use, capitalized, stays a name
        // ("Quito" is no "quitar").
        if (translated is null && !(asName && lexicon.IsName(folded)) && CrossLanguage.ToEnglish(folded, language) is { } carried)
        {
            if (carried.QuestionWords.Count > 0)
                return new QuestionToken(folded, folded, TokenRole.QuestionWord, carried.QuestionWords.ToHashSet());
            if (carried.FunctionWord)
                return new QuestionToken(folded, folded, TokenRole.Stop, new HashSet<string>());
            if (carried.Words.Count > 0)
                return Content(folded, folded, carried.Words) with { Carried = true };
        }
        // The glossary refines the dictionary, it does not replace it: "llegaron" is the
        // glossary's "come" and the dictionary's "arrive".
        if (translated is not null && !(asName && lexicon.IsName(folded)) && CrossLanguage.ToEnglish(folded, language) is { FunctionWord: false, Words.Count: > 0 } senses)
            return Content(folded, folded, translated) with { Senses = senses.Words };
        // "cities", "settling": another form of a word the knowledge uses is known too.
        // "drove": an irregular form of an English word is no typo, whatever the knowledge's words.
        if (translated is not null || lexicon.IsKnown(folded) || lexicon.HasStem(Stemmer.English(folded)) || language == "en" && EnglishWords.Lemma(folded) is not null)
            return Content(folded, folded, translated ?? []);
        if (lexicon.AcronymInOtherOrder(folded) is { } acronym)
            return Classify(acronym, lexicon, language, allowCorrection: false) with { Folded = folded };
        if (allowCorrection && (lexicon.Correct(folded, crossLanguage: language != "en", asName) ?? CrossLanguage.Correct(folded, language)) is { } corrected)
        {
            var token = Classify(corrected, lexicon, language, allowCorrection: false);
            return token with { Folded = folded };
        }
        // One or two letters the knowledge does not know ("hw", "x") carry nothing to answer or refuse.
        if (folded.Length <= 2)
            return new QuestionToken(folded, folded, TokenRole.Stop, new HashSet<string>());
        return new QuestionToken(folded, folded, TokenRole.Unknown, new HashSet<string> { Stemmer.English(folded) });
    }

    private static QuestionToken Content(string folded, string word, IEnumerable<string> translations)
    {
        var words = translations.ToHashSet(StringComparer.Ordinal);
        var stems = new HashSet<string>(StringComparer.Ordinal) { Stemmer.English(word) };
        foreach (var t in words)
            stems.Add(Stemmer.English(t));
        return new QuestionToken(folded, word, TokenRole.Content, stems) { Translations = words };
    }
}
