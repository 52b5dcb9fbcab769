using IomAssistant.Knowledge.Answers;
using Microsoft.Extensions.Caching.Memory;

namespace IomAssistant.Bot.Conversation;

/// <summary>
/// What each conversation was last about, so channels can answer follow-ups. Entries expire 30
/// minutes after their last use. Never throws: a follow-up without its context is answered as a
/// fresh question.
/// </summary>
public interface IConversationMemory
{
    AnswerContext? Get(string conversationKey);

    void Set(string conversationKey, AnswerContext context);
}

public static class ConversationContexts
{
    /// <summary>Sliding: each question in a conversation keeps its context another 30 minutes.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(30);
}

/// <summary>Context kept in this process: right for a single replica. Bounded in entries, so a busy bot never grows without limit.</summary>
public sealed class ConversationMemory : IConversationMemory, IDisposable
{
    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = 10_000 });

    public AnswerContext? Get(string conversationKey) =>
        _cache.TryGetValue(conversationKey, out AnswerContext? context) ? context : null;

    public void Set(string conversationKey, AnswerContext context) =>
        _cache.Set(conversationKey, context, new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = ConversationContexts.Lifetime });

    public void Dispose() => _cache.Dispose();
}
