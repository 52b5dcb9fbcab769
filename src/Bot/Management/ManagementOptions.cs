using Microsoft.Extensions.Options;

namespace IomAssistant.Bot.Management;

/// <summary>The "Management" settings section: where /metrics and the detailed /readyz are served.</summary>
public sealed class ManagementOptions
{
    public const string Section = "Management";
    public const string DefaultUrls = "http://127.0.0.1:9464";

    /// <summary>
    /// Semicolon-separated http URLs with a port, apart from the public ones (Kestrel listens on
    /// both). Empty serves the management endpoints on the public port, for a gateway that
    /// keeps them from the internet.
    /// </summary>
    public string Urls { get; set; } = DefaultUrls;

    public bool IsSeparate => !string.IsNullOrWhiteSpace(Urls);

    public IReadOnlyList<Uri> ParsedUrls =>
        Urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(url => new Uri(url.Replace("://+", "://0.0.0.0", StringComparison.Ordinal).Replace("://*", "://0.0.0.0", StringComparison.Ordinal)))
            .ToList();

    public IReadOnlySet<int> Ports => ParsedUrls.Select(u => u.Port).ToHashSet();
}

/// <summary>Fails start-up with a message naming the setting to fix.</summary>
public sealed class ManagementOptionsValidator : IValidateOptions<ManagementOptions>
{
    public ValidateOptionsResult Validate(string? name, ManagementOptions options)
    {
        if (!options.IsSeparate)
            return ValidateOptionsResult.Success;
        foreach (var url in options.Urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var normalized = url.Replace("://+", "://0.0.0.0", StringComparison.Ordinal).Replace("://*", "://0.0.0.0", StringComparison.Ordinal);
            if (!Uri.TryCreate(normalized, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttp || uri.AbsolutePath != "/"
                || !normalized.Contains($":{uri.Port}", StringComparison.Ordinal) || uri.Port == 0)
                return ValidateOptionsResult.Fail($"Management:Urls must be http URLs with an explicit port, separated by ';' (default {ManagementOptions.DefaultUrls}), or empty to serve /metrics and /readyz on the public port.");
        }
        return ValidateOptionsResult.Success;
    }
}
