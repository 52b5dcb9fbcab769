using System.Text.Json;
using IomAssistant.Bot.Observability;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace IomAssistant.Bot.Teams.Auth;

/// <summary>A channel signing key and the channels (msteams, webchat, ...) it is endorsed for.</summary>
public sealed record ChannelSigningKey(string KeyId, SecurityKey Key, IReadOnlySet<string> Endorsements);

/// <summary>
/// The Bot Framework signing keys, read from the OpenID metadata's jwks_uri. Refreshed daily,
/// and when a token names a key we do not know (keys roll over), at most once per
/// <see cref="UnknownKeyRefreshGap"/> so that forged kids cannot make us hammer the endpoint.
/// A failed refresh keeps serving the last good keys.
/// </summary>
public sealed class ChannelKeyCache(IHttpClientFactory httpClientFactory, IOptions<BotOptions> options, TimeProvider time, AssistantMetrics metrics, ILogger<ChannelKeyCache> logger)
{
    public const string HttpClientName = "BotFramework.OpenIdMetadata";
    private static readonly TimeSpan RefreshInterval = TimeSpan.FromHours(24);
    private static readonly TimeSpan UnknownKeyRefreshGap = TimeSpan.FromSeconds(1);

    private readonly SemaphoreSlim _refreshLock = new(1, 1);
    private volatile KeySnapshot? _snapshot;
    private DateTimeOffset _lastAttempt = DateTimeOffset.MinValue;

    private sealed record KeySnapshot(IReadOnlyDictionary<string, ChannelSigningKey> Keys, DateTimeOffset FetchedAt);

    public async Task<ChannelSigningKey?> FindAsync(string keyId, CancellationToken cancellationToken)
    {
        var snapshot = _snapshot;
        if (snapshot is null || time.GetUtcNow() - snapshot.FetchedAt > RefreshInterval)
            snapshot = await RefreshAsync(minimumGap: TimeSpan.Zero, cancellationToken);
        if (snapshot is not null && snapshot.Keys.TryGetValue(keyId, out var key))
            return key;

        snapshot = await RefreshAsync(UnknownKeyRefreshGap, cancellationToken);
        return snapshot is not null && snapshot.Keys.TryGetValue(keyId, out key) ? key : null;
    }

    private async Task<KeySnapshot?> RefreshAsync(TimeSpan minimumGap, CancellationToken cancellationToken)
    {
        var before = _snapshot;
        await _refreshLock.WaitAsync(cancellationToken);
        try
        {
            // Another request refreshed while this one waited: use its keys.
            if (!ReferenceEquals(before, _snapshot))
                return _snapshot;
            var now = time.GetUtcNow();
            if (now - _lastAttempt < minimumGap)
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
                logger.LogWarning("Could not refresh the Bot Framework signing keys from Bot:OpenIdMetadataUrl: {Reason}", ex.Message);
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
        return keys;
    }

    /// <summary>Keys fetched over plain HTTP could be swapped in transit; only loopback test channels may use it.</summary>
    private static Uri RequireSecure(Uri uri) =>
        uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback)
            ? uri
            : throw new InvalidOperationException($"{uri.GetLeftPart(UriPartial.Path)} is not an https URL");
}
