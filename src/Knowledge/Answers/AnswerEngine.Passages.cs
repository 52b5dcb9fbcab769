namespace IomAssistant.Knowledge.Answers;

/// <summary>Full-text search for the messaging extension and the web's search box.</summary>
public sealed partial class AnswerEngine
{
    private static IEnumerable<string> QueryStems(Question q) =>
        q.Tokens.Where(t => t.Counts).SelectMany(t => t.Stems);

    private static IEnumerable<string> FuzzyWords(Question q) =>
        q.Tokens.Where(t => t.Role == TokenRole.Unknown && t.Word.Length is >= 5 and <= 20).Select(t => t.Word);
}
