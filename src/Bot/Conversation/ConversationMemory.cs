using IomAssistant.Knowledge.Answers;
using Microsoft.Extensions.Caching.Memory;

namespace IomAssistant.Bot.Conversation;

/// <summary>
/// What each conversation was last about, so channels can answer follow-ups. Bounded in
/// entries and expiring, so a busy bot never grows without limit.
/// </summary>
public sealed class ConversationMemory : IDisposable
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(30);
    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = 10_000 });

    public AnswerContext? Get(string conversationKey) =>
        _cache.TryGetValue(conversationKey, out AnswerContext? context) ? context : null;

    public void Set(string conversationKey, AnswerContext context) =>
        _cache.Set(conversationKey, context, new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = Lifetime });

    public void Dispose() => _cache.Dispose();
}
