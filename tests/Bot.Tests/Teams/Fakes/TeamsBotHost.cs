using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using System.Net.Security;
using IomAssistant.Bot.Teams.Connector;
using Microsoft.Extensions.Logging;
using IomAssistant.Knowledge.Answers;

namespace IomAssistant.Bot.Tests.Teams.Fakes;

/// <summary>
/// The real bot (Program) in a test server, configured against a <see cref="FakeBotFrameworkChannel"/>
/// and answering from a <see cref="ScriptedAnswerEngine"/>.
/// </summary>
public sealed class TeamsBotHost(FakeBotFrameworkChannel? channel, string environment = "Production", IDictionary<string, string?>? settings = null, bool realEngine = false, TimeProvider? time = null,
    Microsoft.Extensions.Logging.ILoggerProvider? logs = null)
    : WebApplicationFactory<Program>
{
    private readonly string _indexPath = Path.Combine(Path.GetTempPath(), "iom-teams-tests-" + Guid.NewGuid().ToString("N"));

    public ScriptedAnswerEngine Engine { get; } = new();

    public RecordedFeedback Feedback { get; } = new();

    /// <summary>Settings of a bot registered with the fake channel's app id.</summary>
    public static Dictionary<string, string?> Registered(FakeBotFrameworkChannel channel) => new()
    {
        ["Bot:MicrosoftAppId"] = FakeBotFrameworkChannel.AppId,
        ["Bot:MicrosoftAppPassword"] = FakeBotFrameworkChannel.AppPassword,
        ["Bot:MicrosoftAppTenantId"] = FakeBotFrameworkChannel.TenantId,
        ["Bot:OpenIdMetadataUrl"] = channel.OpenIdMetadataUrl,
        ["Bot:TokenEndpoint"] = channel.SecureBaseUrl + "/{tenant}/oauth2/v2.0/token",
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(environment);
        builder.ConfigureAppConfiguration(config => config
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Knowledge:Path"] = Path.Combine(BotFactory.RepositoryRoot, "knowledge"),
                ["Knowledge:IndexPath"] = _indexPath,
                ["Store:SqlitePath"] = Path.Combine(_indexPath + "-store", "assistant.db"),
                // Conversations scripted by one test user; the limits have tests of their own.
                ["RateLimits:Channels:PermitLimit"] = "100000",
            })
            .AddInMemoryCollection(settings ?? (channel is null ? [] : Registered(channel))));
        if (logs is not null)
            builder.ConfigureLogging(logging => logging.AddProvider(logs));
        if (channel is not null)
            builder.ConfigureTestServices(services => TrustChannelTls(services, channel));
        builder.ConfigureTestServices(services =>
        {
            Feedback.Replace(services);
            if (!realEngine)
            {
                services.RemoveAll<IAnswerEngine>();
                services.AddSingleton<IAnswerEngine>(Engine);
            }
            if (time is not null)
            {
                services.RemoveAll<TimeProvider>();
                services.AddSingleton(time);
            }
        });
    }

    /// <summary>The bot's token requests trust the fake channel's self-signed certificate, and only it.</summary>
    public static void TrustChannelTls(IServiceCollection services, FakeBotFrameworkChannel channel) =>
        services.AddHttpClient(BotTokenProvider.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                    certificate is not null && certificate.GetCertHashString() == channel.TlsCertificate.GetCertHashString(),
            },
        });

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        foreach (var folder in new[] { _indexPath, _indexPath + "-store" })
            if (Directory.Exists(folder))
                Directory.Delete(folder, recursive: true);
    }

    public async Task<HttpResponseMessage> PostActivityAsync(object activity, string? token)
    {
        var body = activity as string ?? JsonSerializer.Serialize(activity);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        if (token is not null)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await CreateClient().SendAsync(request);
    }
}
