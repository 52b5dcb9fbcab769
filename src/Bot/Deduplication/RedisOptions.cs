using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace IomAssistant.Bot.Deduplication;

/// <summary>The "Redis" settings section. Empty connection string: claims stay in each replica's memory.</summary>
public sealed class RedisOptions
{
    public const string Section = "Redis";

    /// <summary>StackExchange.Redis configuration, e.g. "redis:6379,password=...,ssl=true". A secret when it holds a password.</summary>
    public string ConnectionString { get; set; } = "";

    /// <summary>Prepended to every key, so several deployments can share one Redis.</summary>
    public string KeyPrefix { get; set; } = "iom-assistant:";

    public bool IsConfigured => !string.IsNullOrWhiteSpace(ConnectionString);
}

/// <summary>Checks the Redis settings at start-up, naming the setting that is wrong (never echoing the connection string, which may hold a password).</summary>
public sealed class RedisOptionsValidator : IValidateOptions<RedisOptions>
{
    public ValidateOptionsResult Validate(string? name, RedisOptions options)
    {
        if (!options.IsConfigured)
            return ValidateOptionsResult.Success;
        try
        {
            return ConfigurationOptions.Parse(options.ConnectionString).EndPoints.Count == 0
                ? ValidateOptionsResult.Fail("Redis:ConnectionString names no server; expected e.g. redis:6379,password=...,ssl=true, or leave it empty to keep deduplication in memory.")
                : ValidateOptionsResult.Success;
        }
        catch (ArgumentException e)
        {
            return ValidateOptionsResult.Fail($"Redis:ConnectionString is not a valid Redis configuration ({e.Message}); expected e.g. redis:6379,password=...,ssl=true.");
        }
    }
}
