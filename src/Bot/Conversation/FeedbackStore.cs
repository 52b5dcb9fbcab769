using System.Collections.Concurrent;

namespace IomAssistant.Bot.Conversation;

/// <summary>A user's 👍/👎 on one answer.</summary>
public sealed record FeedbackEntry(string Channel, string AnswerTitle, string? Question, bool Helpful, DateTimeOffset At);

public interface IFeedbackStore
{
    void Record(FeedbackEntry entry);
    IReadOnlyList<FeedbackEntry> Recent(int max);
}

/// <summary>Keeps the most recent feedback in memory and logs every entry.</summary>
public sealed class InMemoryFeedbackStore(ILogger<InMemoryFeedbackStore> logger) : IFeedbackStore
{
    private const int Capacity = 1000;
    private readonly ConcurrentQueue<FeedbackEntry> _entries = new();

    public void Record(FeedbackEntry entry)
    {
        _entries.Enqueue(entry);
        while (_entries.Count > Capacity && _entries.TryDequeue(out _)) { }
        logger.LogInformation("Feedback from {Channel}: {Helpful} on {AnswerTitle}", entry.Channel, entry.Helpful ? "helpful" : "not helpful", entry.AnswerTitle);
    }

    public IReadOnlyList<FeedbackEntry> Recent(int max) => _entries.Reverse().Take(max).ToList();
}
