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
    // Not after an initial or a title before a name ("Nicholas E. Golovin", "Dr. Smith") or a
    // number's abbreviation ("Decision No. 14/96"): the sentence goes on.
    [GeneratedRegex(@"(?<=[.!?;])(?<!\b(?:\p{Lu}|Mr|Mrs|Ms|Dr|St|Mt|Jr|Sr|Prof|Gen|Col|Lt|Gov|Sen|Rev|No|Nos|Vol|Sra|Dra)\.)\s+(?=[\p{Lu}\p{N}""“(])")]
    private static partial Regex SentenceBreak();

    public static IReadOnlyList<string> Sentences(string text) =>
        SentenceBreak().Split(text).Where(s => s.Length > 0).ToList();

    /// <summary>The best sentence and the text to show, at most <paramref name="maxChars"/> long.</summary>
    /// <param name="shape">What the question's type wants the sentence to hold: of two sentences
    /// that explain nearly as much, the one that holds it answers.</param>
    public static (string Sentence, string Text) Select(string passage, IReadOnlyList<Concept> concepts, int maxChars, AnswerShape? shape = null) =>
        Select(new PassageText(passage), concepts, maxChars, shape);

    public static (string Sentence, string Text) Select(PassageText passage, IReadOnlyList<Concept> concepts, int maxChars, AnswerShape? shape = null)
    {
        var sentences = passage.Sentences;
        if (sentences.Count == 0)
            return (passage.Text, passage.Text.Length <= maxChars ? passage.Text : passage.Text[..maxChars]);
        var best = BestSentence(passage, concepts, shape, out var scores);
        if (passage.Text.Length <= maxChars)
            return (sentences[best], passage.Text);

        // Grow the window around the best sentence toward the side that explains more.
        int from = best, to = best, length = sentences[best].Length;
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
        var text = string.Join(" ", sentences.Skip(from).Take(to - from + 1));
        return (sentences[best], text.Length <= maxChars ? text : text[..maxChars]);
    }

    /// <summary>The index of the sentence that explains most of the question (of the shape asked, among near ties).</summary>
    public static int BestSentence(PassageText passage, IReadOnlyList<Concept> concepts, AnswerShape? shape, out double[] scores)
    {
        var total = Math.Max(concepts.Sum(c => c.Weight), 1e-9);
        scores = new double[passage.Sentences.Count];
        var best = 0;
        for (var i = 0; i < scores.Length; i++)
        {
            scores[i] = Explained(passage.SentenceStems[i], concepts) / total + (shape is not null && shape.Fits(passage, i) ? shape.SentenceBonus : 0);
            if (scores[i] > scores[best] + 1e-9)
                best = i;
        }
        return best;
    }

    /// <summary>The weight of the question's concepts some stems explain.</summary>
    public static double Explained(IReadOnlySet<string> stems, IReadOnlyList<Concept> concepts)
    {
        var sum = 0.0;
        foreach (var c in concepts)
            if (c.MatchedBy(stems))
                sum += c.Weight;
        return sum;
    }
}
