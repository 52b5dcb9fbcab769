using IomAssistant.Knowledge.Text;

namespace IomAssistant.Knowledge.Answers;

/// <summary>
/// A passage read once for judging: its sentences with their stems, and the stems of the
/// whole passage with its heading (a heading speaks for each of its paragraphs).
/// </summary>
public sealed class PassageText
{
    public PassageText(string text, string heading = "")
    {
        Text = text;
        Sentences = PreciseAnswer.Sentences(text);
        SentenceStems = Sentences.Select(s => TextFolding.Tokens(s).Select(Stemmer.English).ToHashSet()).ToList();
        var headingStems = TextFolding.Tokens(heading).Select(Stemmer.English).ToList();
        // A list or label without a sentence of its own ("Argentina, Bolivia, Brazil ...") says
        // what it is only in its heading ("Member States and IOM Missions").
        if (Sentences.Count == 1 && Sentences[0].TrimEnd() is { Length: > 0 } only && only[^1] is not ('.' or '!' or '?'))
            SentenceStems[0].UnionWith(headingStems);
        var stems = new HashSet<string>(SentenceStems.SelectMany(s => s), StringComparer.Ordinal);
        stems.UnionWith(headingStems);
        Stems = stems;
        _features = new AnswerShape.SentenceFeatures?[Sentences.Count];
    }

    private readonly AnswerShape.SentenceFeatures?[] _features;

    /// <summary>What sentence <paramref name="index"/> holds for question types, read when first asked.</summary>
    public AnswerShape.SentenceFeatures Features(int index) =>
        _features[index] ??= AnswerShape.SentenceFeatures.Of(Sentences[index]);

    public string Text { get; }
    public IReadOnlyList<string> Sentences { get; }
    public IReadOnlyList<HashSet<string>> SentenceStems { get; }
    public IReadOnlySet<string> Stems { get; }
}
