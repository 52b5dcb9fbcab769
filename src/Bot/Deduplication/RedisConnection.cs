using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace IomAssistant.Bot.Deduplication;

/// <summary>
/// The one Redis connection of the process, opened at start-up when Redis:ConnectionString is set.
/// The bot starts even while Redis is down; the connection keeps retrying in the background.
/// </summary>
public sealed class RedisConnection(IOptions<RedisOptions> options, ILogger<RedisConnection> logger) : IHostedService, IAsyncDisposable
{
    // Slack drops a request not acknowledged within 3 s: a Redis call must give up well before.
    private const int CommandTimeoutMs = 1000;

    private ConnectionMultiplexer? _multiplexer;

    public IDatabase Database => (_multiplexer ?? throw new InvalidOperationException("Redis is not configured or not started.")).GetDatabase();

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.IsConfigured)
            return;
        var configuration = ConfigurationOptions.Parse(options.Value.ConnectionString);
        configuration.AbortOnConnectFail = false;
        // While disconnected, fail at once (and claim locally) instead of queueing the command
        // until a reconnection that may come after Slack has given up.
        configuration.BacklogPolicy = BacklogPolicy.FailFast;
        configuration.AsyncTimeout = Math.Min(configuration.AsyncTimeout, CommandTimeoutMs);
        _multiplexer = await ConnectionMultiplexer.ConnectAsync(configuration);
        var endpoints = string.Join(", ", configuration.EndPoints);
        if (_multiplexer.IsConnected)
            logger.LogInformation("Connected to Redis at {Endpoints}: Slack deduplication and conversation context are shared", endpoints);
        else
            logger.LogWarning("Redis at {Endpoints} is not reachable yet; deduplication and conversation context stay per replica until it is", endpoints);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        if (_multiplexer is not null)
            await _multiplexer.DisposeAsync();
    }
}
