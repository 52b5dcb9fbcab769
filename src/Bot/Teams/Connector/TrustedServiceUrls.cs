using System.Collections.Concurrent;

namespace IomAssistant.Bot.Teams.Connector;

/// <summary>
/// Service URLs that arrived in validated activities. The bot's Connector token is only ever
/// sent to one of these, so a forged serviceUrl can never collect it.
/// </summary>
public sealed class TrustedServiceUrls(TimeProvider time)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromDays(1);
    private const int PruneAbove = 1000;
    private readonly ConcurrentDictionary<string, DateTimeOffset> _trustedUntil = new(StringComparer.OrdinalIgnoreCase);

    public void Trust(string serviceUrl)
    {
        var now = time.GetUtcNow();
        _trustedUntil[Normalize(serviceUrl)] = now + Lifetime;
        if (_trustedUntil.Count > PruneAbove)
            foreach (var (url, until) in _trustedUntil)
                if (until < now)
                    _trustedUntil.TryRemove(url, out _);
    }

    public bool IsTrusted(string serviceUrl) =>
        _trustedUntil.TryGetValue(Normalize(serviceUrl), out var until) && until >= time.GetUtcNow();

    private static string Normalize(string serviceUrl) => serviceUrl.TrimEnd('/');
}
