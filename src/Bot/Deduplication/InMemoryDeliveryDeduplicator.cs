using Microsoft.Extensions.Caching.Memory;

namespace IomAssistant.Bot.Deduplication;

/// <summary>
/// Claims kept in this process: right for a single replica. Bounded, so a flood of ids cannot
/// exhaust memory, and expiring after <see cref="DeliveryClaims.Lifetime"/>.
/// </summary>
public sealed class InMemoryDeliveryDeduplicator : IDeliveryDeduplicator, IDisposable
{
    private readonly MemoryCache _seen = new(new MemoryCacheOptions { SizeLimit = 20_000 });
    private readonly Lock _gate = new();

    public ValueTask<bool> TryClaimAsync(string deliveryId)
    {
        lock (_gate)
        {
            if (_seen.TryGetValue(deliveryId, out _))
                return ValueTask.FromResult(false);
            _seen.Set(deliveryId, true, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = DeliveryClaims.Lifetime });
            return ValueTask.FromResult(true);
        }
    }

    public ValueTask ReleaseAsync(string deliveryId)
    {
        _seen.Remove(deliveryId);
        return ValueTask.CompletedTask;
    }

    public void Dispose() => _seen.Dispose();
}
