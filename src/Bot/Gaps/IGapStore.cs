using IomAssistant.Bot.Conversation;

namespace IomAssistant.Bot.Gaps;

/// <summary>
/// Where unanswered questions and feedback are kept: the embedded SQLite file by default, or a
/// PostgreSQL server shared by every replica. No method throws: a failing store is logged, and
/// the channel's answer matters more than the record of it.
/// </summary>
public interface IGapStore
{
    /// <summary>Writes many records in one transaction.</summary>
    void RecordBatch(IReadOnlyList<UnansweredQuestion> questions, IReadOnlyList<FeedbackEntry> feedback);

    /// <summary>The most frequent unanswered questions since a time; unrecorded texts count together as null.</summary>
    IReadOnlyList<GapCount> TopUnanswered(int top, DateTimeOffset since);

    /// <summary>The answers most often marked not helpful since a time, with one question that got them.</summary>
    IReadOnlyList<GapCount> TopNotHelpful(int top, DateTimeOffset since);

    /// <summary>Deletes records older than <paramref name="olderThan"/>, then the oldest beyond <paramref name="maxRows"/> per table; the number deleted.</summary>
    int Prune(DateTimeOffset olderThan, int maxRows);
}

/// <summary>What both stores keep, and how.</summary>
public static class GapRecords
{
    public const int MaxQuestionLength = 500;
    public const int MaxShortText = 200;

    /// <summary>Folded, punctuation-free and single-spaced, so "Staff in Vienna?" and "staff in vienna" count together.</summary>
    public static string Normalize(string question)
    {
        var sb = new System.Text.StringBuilder(question.Length);
        foreach (var c in Knowledge.Text.TextFolding.Fold(question))
        {
            if (char.IsLetterOrDigit(c))
                sb.Append(c);
            else if (sb.Length > 0 && sb[^1] != ' ')
                sb.Append(' ');
        }
        return sb.ToString().TrimEnd();
    }

    /// <summary>At most <paramref name="max"/> characters, never cutting a surrogate pair in half (both databases store UTF-8).</summary>
    public static string Bounded(string text, int max)
    {
        if (text.Length <= max)
            return text;
        var cut = char.IsHighSurrogate(text[max - 1]) ? max - 1 : max;
        return text[..cut];
    }
}
