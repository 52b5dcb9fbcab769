using System.Collections.Concurrent;
using IomAssistant.Bot.Conversation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace IomAssistant.Bot.Tests;

/// <summary>
/// Stands in for the app's feedback store: keeps what the conversation records, in memory, so a
/// channel test sees the 👍/👎 a user gave the moment it is recorded. What the real stores keep
/// is tested on their own and through the report.
/// </summary>
public sealed class RecordedFeedback : IFeedbackStore
{
    private readonly ConcurrentQueue<FeedbackEntry> _entries = new();

    public IReadOnlyList<FeedbackEntry> Entries => [.. _entries];

    public void Record(FeedbackEntry entry) => _entries.Enqueue(entry);

    public void Replace(IServiceCollection services)
    {
        services.RemoveAll<IFeedbackStore>();
        services.AddSingleton<IFeedbackStore>(this);
    }
}
