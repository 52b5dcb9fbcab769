using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace IomAssistant.Bot.Deduplication;

/// <summary>
/// Claims shared by every replica through Redis, so a retry that reaches another replica is
/// still answered once. While Redis cannot be reached, claims fall back to this replica's
/// memory: a retry may then be answered twice, which beats not answering at all.
/// </summary>
public sealed class RedisDeliveryDeduplicator(RedisConnection redis, IOptions<RedisOptions> options, ILogger<RedisDeliveryDeduplicator> logger)
    : IDeliveryDeduplicator, IDisposable
{
    private readonly InMemoryDeliveryDeduplicator _local = new();

    public async ValueTask<bool> TryClaimAsync(string deliveryId)
    {
        try
        {
            // SET key value NX PX: claim and expiry in one atomic command, so of two replicas
            // receiving the same delivery exactly one wins. The value names the winner, for operators.
            return await redis.Database.StringSetAsync(Key(deliveryId), Environment.MachineName, DeliveryClaims.Lifetime, When.NotExists);
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            logger.LogWarning("Redis unavailable ({Error}); delivery {DeliveryId} claimed on this replica only", e.Message, deliveryId);
            return await _local.TryClaimAsync(deliveryId);
        }
    }

    public async ValueTask ReleaseAsync(string deliveryId)
    {
        await _local.ReleaseAsync(deliveryId);
        try
        {
            await redis.Database.KeyDeleteAsync(Key(deliveryId));
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            // The claim then expires on its own; until it does, the channel's retries are ignored.
            logger.LogWarning("Redis unavailable ({Error}); claim on delivery {DeliveryId} not released", e.Message, deliveryId);
        }
    }

    private RedisKey Key(string deliveryId) => options.Value.KeyPrefix + "delivery:" + deliveryId;

    public void Dispose() => _local.Dispose();
}
