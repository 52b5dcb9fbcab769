using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using IomAssistant.Bot.Conversation;
using IomAssistant.Knowledge.Answers;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace IomAssistant.Bot.Deduplication;

/// <summary>
/// Conversation context shared by every replica through Redis, so a Teams or Slack follow-up
/// that the load balancer sends to another replica still refers to what was just answered.
/// Each read slides the 30-minute expiry (GETEX). While Redis cannot be reached, context falls
/// back to this replica's memory and a warning is logged.
/// </summary>
public sealed class RedisConversationMemory(RedisConnection redis, IOptions<RedisOptions> options, ILogger<RedisConversationMemory> logger)
    : IConversationMemory, IDisposable
{
    private readonly ConversationMemory _local = new();

    public AnswerContext? Get(string conversationKey)
    {
        try
        {
            var value = redis.Database.StringGetSetExpiry(Key(conversationKey), ConversationContexts.Lifetime);
            return value.IsNullOrEmpty ? _local.Get(conversationKey) : Read(value.ToString());
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            logger.LogWarning("Redis unavailable ({Error}); conversation context read from this replica only", e.Message);
            return _local.Get(conversationKey);
        }
    }

    public void Set(string conversationKey, AnswerContext context)
    {
        _local.Set(conversationKey, context);
        try
        {
            redis.Database.StringSet(Key(conversationKey), JsonSerializer.Serialize(context), ConversationContexts.Lifetime);
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            logger.LogWarning("Redis unavailable ({Error}); conversation context kept on this replica only", e.Message);
        }
    }

    private static AnswerContext? Read(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<AnswerContext>(json);
        }
        catch (JsonException)
        {
            // Written by another version, or by hand: the follow-up is answered as a fresh question.
            return null;
        }
    }

    /// <summary>Conversation ids are the channel's (long, and partly chosen by senders): the key holds their hash.</summary>
    private RedisKey Key(string conversationKey) =>
        options.Value.KeyPrefix + "context:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(conversationKey)));

    public void Dispose() => _local.Dispose();
}
