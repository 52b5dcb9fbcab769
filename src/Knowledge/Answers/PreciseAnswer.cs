using System.Text.RegularExpressions;
using IomAssistant.Knowledge.Text;

namespace IomAssistant.Knowledge.Answers;

/// <summary>
/// The sentence of a passage that answers a question, and the text a card shows around it:
/// the whole passage when it is short, else the window of whole sentences, around the best
/// one, that explains most of the question.
/// </summary>
public static partial class PreciseAnswer
{
    // A sentence of the shape asked for wins over one that explains up to this much more of the question.
    private const double ShapeBonus = 0.25;

    [GeneratedRegex(@"(?<=[.!?;])\s+(?=[\p{Lu}\p{N}""“(])")]
    private static partial Regex SentenceBreak();

    public static IReadOnlyList<string> Sentences(string text) =>
        SentenceBreak().Split(text).Where(s => s.Length > 0).ToList();

    /// <summary>The best sentence and the text to show, at most <paramref name="maxChars"/> long.</summary>
    /// <param name="shape">What the question's type wants the sentence to hold: of two sentences
    /// that explain nearly as much, the one that holds it answers.</param>
    public static (string Sentence, string Text) Select(string passage, IReadOnlyList<Concept> concepts, int maxChars, AnswerShape? shape = null)
    {
        var sentences = Sentences(passage);
        var total = Math.Max(concepts.Sum(c => c.Weight), 1e-9);
        var scores = sentences.Select(s => Explained(s, concepts) / total + (shape is not null && shape.Fits(s) ? ShapeBonus : 0)).ToList();
        var best = 0;
        for (var i = 1; i < sentences.Count; i++)
            if (scores[i] > scores[best] + 1e-9)
                best = i;
        if (passage.Length <= maxChars)
            return (sentences.Count > 0 ? sentences[best] : passage, passage);

        // Grow the window around the best sentence toward the side that explains more.
        int from = best, to = best, length = sentences.Count > 0 ? sentences[best].Length : 0;
        while (true)
        {
            var left = from > 0 && length + sentences[from - 1].Length + 1 <= maxChars ? scores[from - 1] : -1;
            var right = to + 1 < sentences.Count && length + sentences[to + 1].Length + 1 <= maxChars ? scores[to + 1] : -1;
            if (left < 0 && right < 0)
                break;
            if (right >= left)
                length += sentences[++to].Length + 1;
            else
                length += sentences[--from].Length + 1;
        }
        if (sentences.Count == 0)
            return (passage[..maxChars], passage[..maxChars]);
        var text = string.Join(" ", sentences.Skip(from).Take(to - from + 1));
        if (text.Length > maxChars)
            text = text[..maxChars];
        return (sentences[best], text);
    }

    /// <summary>The weight of the question's concepts one sentence explains.</summary>
    public static double Explained(string sentence, IReadOnlyList<Concept> concepts)
    {
        var stems = TextFolding.Tokens(sentence).Select(Stemmer.English).ToHashSet();
        return concepts.Where(c => c.MatchedBy(stems)).Sum(c => c.Weight);
    }
}
