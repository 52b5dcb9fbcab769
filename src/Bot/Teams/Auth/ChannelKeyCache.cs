using System.Text.Json;
using IomAssistant.Bot.Observability;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace IomAssistant.Bot.Teams.Auth;

/// <summary>A channel signing key and the channels (msteams, webchat, ...) it is endorsed for.</summary>
public sealed record ChannelSigningKey(string KeyId, SecurityKey Key, IReadOnlySet<string> Endorsements);

/// <summary>
/// The Bot Framework signing keys, read from the OpenID metadata's jwks_uri, kept the way the
/// official SDK's ConfigurationManager keeps them: refreshed in the background every
/// <see cref="RefreshInterval"/> (sooner, every <see cref="RetryInterval"/>, after a failure),
/// the last good keys served whenever a refresh fails, and a token naming a key we do not know
/// (keys roll over) fetching the set again at most once per <see cref="UnknownKeyRefreshGap"/>,
/// so forged kids cannot make us hammer the endpoint. Time comes from <see cref="TimeProvider"/>.
/// </summary>
public sealed class ChannelKeyCache(IHttpClientFactory httpClientFactory, IOptions<BotOptions> options, TimeProvider time, AssistantMetrics metrics, ILogger<ChannelKeyCache> logger)
{
    public const string HttpClientName = "BotFramework.OpenIdMetadata";
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromHours(24);
    public static readonly TimeSpan RetryInterval = TimeSpan.FromMinutes(5);
    public static readonly TimeSpan UnknownKeyRefreshGap = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan NoKeysRetryGap = TimeSpan.FromSeconds(10);

    private readonly SemaphoreSlim _refreshLock = new(1, 1);
    private volatile KeySnapshot? _snapshot;
    private DateTimeOffset _lastAttempt = DateTimeOffset.MinValue;

    private sealed record KeySnapshot(IReadOnlyDictionary<string, ChannelSigningKey> Keys, DateTimeOffset FetchedAt);

    public async Task<ChannelSigningKey?> FindAsync(string keyId, CancellationToken cancellationToken)
    {
        // Before the first successful fetch, a request fetches (or waits for the fetch under way),
        // at most once per NoKeysRetryGap while the endpoint keeps failing.
        var snapshot = _snapshot ?? await RefreshAsync(NoKeysRetryGap, cancellationToken);
        if (snapshot is not null && snapshot.Keys.TryGetValue(keyId, out var key))
            return key;

        snapshot = await RefreshAsync(UnknownKeyRefreshGap, cancellationToken);
        return snapshot is not null && snapshot.Keys.TryGetValue(keyId, out key) ? key : null;
    }

    /// <summary>The background refresh: fetches when the keys are older than a day (or missing); how long to wait before the next call.</summary>
    public async Task<TimeSpan> RefreshIfDueAsync(CancellationToken cancellationToken)
    {
        var snapshot = _snapshot;
        if (snapshot is null || time.GetUtcNow() - snapshot.FetchedAt >= RefreshInterval)
            snapshot = await RefreshAsync(TimeSpan.Zero, cancellationToken, due: true);
        var next = snapshot is null ? RetryInterval : snapshot.FetchedAt + RefreshInterval - time.GetUtcNow();
        // Still older than a day: the refresh failed; try again sooner than the next day.
        return next > TimeSpan.Zero ? next : RetryInterval;
    }

    private async Task<KeySnapshot?> RefreshAsync(TimeSpan minimumGap, CancellationToken cancellationToken, bool due = false)
    {
        var before = _snapshot;
        await _refreshLock.WaitAsync(cancellationToken);
        try
        {
            // Another caller refreshed while this one waited: use its keys.
            if (!ReferenceEquals(before, _snapshot))
                return _snapshot;
            var now = time.GetUtcNow();
            if (now - _lastAttempt < minimumGap || (due && _snapshot is { } fresh && now - fresh.FetchedAt < RefreshInterval))
                return _snapshot;
            _lastAttempt = now;
            try
            {
                _snapshot = new KeySnapshot(await FetchKeysAsync(cancellationToken), now);
                logger.LogInformation("Loaded {Count} Bot Framework signing keys", _snapshot.Keys.Count);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                // Whatever the metadata endpoint did, keep serving the last good keys.
                metrics.OutboundFailure("teams.openid", AssistantMetrics.ReasonOf(ex));
                logger.LogWarning("Could not refresh the Bot Framework signing keys from Bot:OpenIdMetadataUrl ({Reason}); {Serving}",
                    ex.Message, _snapshot is null ? "no keys yet" : "still serving the last good keys");
            }
            return _snapshot;
        }
        finally
        {
            _refreshLock.Release();
        }
    }

    private async Task<IReadOnlyDictionary<string, ChannelSigningKey>> FetchKeysAsync(CancellationToken cancellationToken)
    {
        var http = httpClientFactory.CreateClient(HttpClientName);
        var metadataUrl = RequireSecure(new Uri(options.Value.OpenIdMetadataUrl));
        using var metadata = JsonDocument.Parse(await http.GetStringAsync(metadataUrl, cancellationToken));
        var jwksUri = metadata.RootElement.TryGetProperty("jwks_uri", out var j) && j.ValueKind == JsonValueKind.String
            ? RequireSecure(new Uri(j.GetString()!))
            : throw new InvalidOperationException("the OpenID metadata has no jwks_uri");

        using var jwks = JsonDocument.Parse(await http.GetStringAsync(jwksUri, cancellationToken));
        var keys = new Dictionary<string, ChannelSigningKey>(StringComparer.Ordinal);
        foreach (var element in jwks.RootElement.GetProperty("keys").EnumerateArray())
        {
            var jwk = new JsonWebKey(element.GetRawText());
            if (string.IsNullOrEmpty(jwk.Kid) || jwk.Kty != JsonWebAlgorithmsKeyTypes.RSA)
                continue;
            var endorsements = element.TryGetProperty("endorsements", out var e) && e.ValueKind == JsonValueKind.Array
                ? e.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.String).Select(x => x.GetString()!).ToHashSet(StringComparer.Ordinal)
                : [];
            keys[jwk.Kid] = new ChannelSigningKey(jwk.Kid, jwk, endorsements);
        }
        return keys.Count > 0 ? keys : throw new InvalidOperationException("the key set holds no RSA signing key");
    }

    /// <summary>Keys fetched over plain HTTP could be swapped in transit; only loopback test channels may use it.</summary>
    private static Uri RequireSecure(Uri uri) =>
        uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback)
            ? uri
            : throw new InvalidOperationException($"{uri.GetLeftPart(UriPartial.Path)} is not an https URL");
}

/// <summary>Keeps the signing keys fresh off the request path, while Teams is on.</summary>
public sealed class ChannelKeyRefresher(ChannelKeyCache keys, IOptions<BotOptions> options, IHostEnvironment environment, TimeProvider time) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (ChannelAuthModes.For(options.Value, environment) != ChannelAuthMode.Authenticated)
            return;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
                await Task.Delay(await keys.RefreshIfDueAsync(stoppingToken), time, stoppingToken);
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }
}
