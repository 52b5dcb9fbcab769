using Microsoft.Extensions.Caching.Memory;

namespace IomAssistant.Bot.Slack;

/// <summary>
/// Event ids already accepted, so Slack's retries of a delivery (same event_id) are answered
/// once. Bounded and expiring: Slack retries within minutes, so an hour is ample.
/// </summary>
public sealed class SlackEventDeduplicator : IDisposable
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);
    private readonly MemoryCache _seen = new(new MemoryCacheOptions { SizeLimit = 20_000 });
    private readonly Lock _gate = new();

    /// <summary>True the first time an event id is seen; false for every later delivery of it.</summary>
    public bool TryClaim(string eventId)
    {
        lock (_gate)
        {
            if (_seen.TryGetValue(eventId, out _))
                return false;
            _seen.Set(eventId, true, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = Lifetime });
            return true;
        }
    }

    /// <summary>Forgets a claim whose work could not be accepted, so Slack's retry is answered.</summary>
    public void Release(string eventId) => _seen.Remove(eventId);

    public void Dispose() => _seen.Dispose();
}
