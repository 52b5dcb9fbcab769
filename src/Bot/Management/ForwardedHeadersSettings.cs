using System.Net;
using Microsoft.Extensions.Options;

namespace IomAssistant.Bot.Management;

/// <summary>
/// The "ForwardedHeaders" settings section: the reverse proxies whose X-Forwarded-For and
/// X-Forwarded-Proto are believed. Nobody else's are, loopback included, so a client can never
/// choose its own address (and rate-limit bucket) by sending the header itself.
/// </summary>
public sealed class ForwardedHeadersSettings
{
    public const string Section = "ForwardedHeaders";

    /// <summary>Addresses of the proxies, e.g. "10.0.0.5".</summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>Networks of the proxies in CIDR notation, e.g. "10.0.0.0/8".</summary>
    public List<string> KnownNetworks { get; set; } = [];

    public bool Any => KnownProxies.Count > 0 || KnownNetworks.Count > 0;
}

/// <summary>Fails start-up with a message naming the setting to fix.</summary>
public sealed class ForwardedHeadersSettingsValidator : IValidateOptions<ForwardedHeadersSettings>
{
    public ValidateOptionsResult Validate(string? name, ForwardedHeadersSettings options)
    {
        var errors = new List<string>();
        foreach (var (proxy, index) in options.KnownProxies.Select((p, i) => (p, i)))
            if (!IPAddress.TryParse(proxy, out _))
                errors.Add($"ForwardedHeaders:KnownProxies:{index} must be an IP address, e.g. 10.0.0.5.");
        foreach (var (network, index) in options.KnownNetworks.Select((n, i) => (n, i)))
            if (!IPNetwork.TryParse(network, out _))
                errors.Add($"ForwardedHeaders:KnownNetworks:{index} must be a network in CIDR notation, e.g. 10.0.0.0/8.");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
