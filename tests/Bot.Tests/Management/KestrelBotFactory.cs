using Microsoft.AspNetCore.Hosting;

namespace IomAssistant.Bot.Tests.Management;

/// <summary>
/// The real app on Kestrel, listening on loopback on a free public port and a free management
/// port, so requests have real local ports and remote addresses.
/// </summary>
public sealed class KestrelBotFactory : BotFactory
{
    private readonly IDictionary<string, string?> _settings;

    public KestrelBotFactory(IDictionary<string, string?>? settings = null)
    {
        PublicUrl = $"http://127.0.0.1:{LoopbackPort.Free()}";
        ManagementUrl = $"http://127.0.0.1:{LoopbackPort.Free()}";
        _settings = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>())
        {
            ["urls"] = PublicUrl,
        };
        _settings.TryAdd("Management:Urls", ManagementUrl);
        UseKestrel();
    }

    public string PublicUrl { get; }
    public string ManagementUrl { get; }

    protected override IDictionary<string, string?> Settings => _settings;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("urls", PublicUrl);
    }

    public HttpClient Public() => new() { BaseAddress = new Uri(PublicUrl) };

    public HttpClient Management() => new() { BaseAddress = new Uri(ManagementUrl) };
}
