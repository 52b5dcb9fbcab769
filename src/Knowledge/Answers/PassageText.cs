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
        var stems = new HashSet<string>(SentenceStems.SelectMany(s => s), StringComparer.Ordinal);
        stems.UnionWith(TextFolding.Tokens(heading).Select(Stemmer.English));
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
