using System.Text.RegularExpressions;
using IomAssistant.Knowledge.Text;

namespace IomAssistant.Knowledge.Answers;

/// <summary>
/// What the sentence that answers must hold for the question's type: a figure for "how many",
/// a year or date for "when", a name the question does not already say for "who" and "where".
/// </summary>
public sealed partial class AnswerShape
{
    private readonly Func<SentenceFeatures, bool> _fits;

    private AnswerShape(string name, Func<SentenceFeatures, bool> fits)
    {
        Name = name;
        _fits = fits;
    }

    public string Name { get; }

    /// <summary>
    /// How much more of the question another sentence of the passage must explain to answer
    /// instead of one of this shape: a figure or a date is told surely, a name less so (any
    /// capitalized word looks like one).
    /// </summary>
    public double SentenceBonus => Name == "name" ? ScoringWeights.NameSentenceBonus : ScoringWeights.ShapedSentenceBonus;

    private static readonly HashSet<string> Asking = ["what", "which", "who", "where", "how"];
    private static readonly HashSet<string> DateWords = ["date", "year"];
    private static readonly HashSet<string> ShareWords = ["percentag", "percent", "proport", "porcentaj", "porcentagem"];
    // What something is called rather than what it is: documents tell it as "known as" or in quotes.
    private static readonly HashSet<string> NamingWords = ["nicknam", "monik", "sobriquet", "soubriquet", "bynam", "cognomen"];

    /// <summary>"What is the nickname for...": the question asks what something is called.</summary>
    public bool AsksWhatItIsCalled => Name == "term";

    public bool Fits(string sentence) => Fits(new PassageText(sentence), 0);

    public bool Fits(PassageText passage, int sentence) => _fits(passage.Features(sentence));

    /// <summary>The shape the question asks for, or null when its type says nothing (what, how, why).</summary>
    public static AnswerShape? For(Question question)
    {
        // "What percentage ...", "¿Qué porcentaje ...": a share, told as "19 per cent" or "55%".
        if (question.Tokens.Any(t => t.Counts && (t.Stems.Overlaps(ShareWords) || ShareWords.Contains(t.Folded))))
            return new AnswerShape("share", f => f.Share);
        if (question.AsksCount)
            return new AnswerShape("figure", f => f.Figure);
        if (question.Focus is { } focus && focus.Stems.Append(Stemmer.English(focus.Folded)).Any(NamingWords.Contains))
            return new AnswerShape("term", f => f.Naming);
        if (question.Opening is not { Role: TokenRole.QuestionWord } opening)
            // "quito declaration date", "fecha de la declaración": a date is asked for by name.
            return question.Tokens.Any(t => t.Counts && !t.Carried && t.Stems.Overlaps(DateWords)) ? new AnswerShape("date", f => f.Date) : null;
        // "When many people are arrested, what is a common tactic?": an opening clause; the
        // question word that asks comes later.
        if (question.Tokens.SkipWhile(t => t != opening).Skip(1).FirstOrDefault(t => t.Role == TokenRole.QuestionWord && t.Stems.Overlaps(Asking)) is { } later &&
            opening.Stems.Contains("when"))
            opening = later;
        if (opening.Stems.Contains("when"))
            return opening.Folded == "when" && !AsksWhen(question, opening) ? null : new AnswerShape("date", f => f.Date);
        if (opening.Stems.Contains("who") || opening.Stems.Contains("where"))
        {
            var asked = question.Tokens.Select(t => t.Folded).Concat(question.Tokens.SelectMany(t => t.Stems)).ToHashSet();
            // A capitalized word past the sentence's first that the question does not already say.
            return new AnswerShape("name", f => f.Names.Any(n => !asked.Contains(n.Folded) && !asked.Contains(n.Stem)));
        }
        return null;
    }

    private static readonly HashSet<string> Auxiliaries =
        ["did", "do", "does", "was", "were", "is", "are", "will", "would", "can", "could", "has", "have", "had", "should", "must", "might", "may", "shall"];

    /// <summary>
    /// English "when" asks for a time when a verb follows it ("When did...", "When was..."); else
    /// it opens a clause ("When large groups boycott a system, it can be considered?").
    /// </summary>
    private static bool AsksWhen(Question question, QuestionToken when)
    {
        var i = question.IndexOf(when);
        return i >= 0 && i + 1 < question.Tokens.Count && Auxiliaries.Contains(question.Tokens[i + 1].Folded);
    }

    /// <summary>What a sentence holds that question types ask for, read once per sentence.</summary>
    public sealed record SentenceFeatures(bool Figure, bool Date, bool Share, bool Naming, IReadOnlyList<(string Folded, string Stem)> Names)
    {
        public static SentenceFeatures Of(string sentence)
        {
            var names = new List<(string, string)>();
            var first = true;
            foreach (Match word in Word().Matches(sentence))
            {
                if (!first && char.IsUpper(word.Value[0]))
                {
                    var folded = TextFolding.Fold(word.Value);
                    names.Add((folded, Stemmer.English(folded)));
                }
                first = false;
            }
            return new SentenceFeatures(HasCount(sentence), AnswerShape.Date().IsMatch(sentence), AnswerShape.ShareOf().IsMatch(sentence), AnswerShape.NamingCue().IsMatch(sentence), names);
        }
    }

    /// <summary>
    /// A number that counts something: "how many" is not answered by a year alone ("In 1951,
    /// ..."), but is by "11 million" or "nine nations".
    /// </summary>
    private static bool HasCount(string sentence)
    {
        foreach (Match figure in Figure().Matches(sentence))
            if (!Year().IsMatch(figure.Value.TrimEnd('.', ',')))
                return true;
        return false;
    }

    [GeneratedRegex(@"\d[\d,.]*|\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundred|hundreds|thousand|thousands|million|millions|billion|half|dozen|dozens)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Figure();

    [GeneratedRegex(@"\d\s?(%|per ?cent\b|percent\b)", RegexOptions.IgnoreCase)]
    private static partial Regex ShareOf();

    [GeneratedRegex(@"\b(called|known as|referred to as|nicknamed|dubbed|termed)\b|""[^""]{2,60}""|“[^”]{2,60}”", RegexOptions.IgnoreCase)]
    private static partial Regex NamingCue();

    [GeneratedRegex(@"^(1[0-9]|20)\d\d$")]
    private static partial Regex Year();

    [GeneratedRegex(@"\b(1[0-9]|20)\d\d(s|'s)?\b|\b(January|February|March|April|May|June|July|August|September|October|November|December|century|centuries|decade|decades)\b")]
    private static partial Regex Date();

    [GeneratedRegex(@"\p{L}[\p{L}\p{N}'’-]*")]
    private static partial Regex Word();
}
