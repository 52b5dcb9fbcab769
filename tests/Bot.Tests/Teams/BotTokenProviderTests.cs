using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using IomAssistant.Bot.Teams.Connector;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using IomAssistant.Bot.Tests.Teams.Fakes;
using Microsoft.Extensions.DependencyInjection;

namespace IomAssistant.Bot.Tests.Teams;

/// <summary>The bot's own token through MSAL, against the fake channel's token endpoint over HTTPS.</summary>
public sealed class BotTokenProviderTests : IAsyncLifetime, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("iom-bot-cert-").FullName;
    private FakeBotFrameworkChannel _channel = null!;

    public async Task InitializeAsync() => _channel = await FakeBotFrameworkChannel.StartAsync();

    public async Task DisposeAsync() => await _channel.DisposeAsync();

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task The_app_password_gets_a_token_that_msal_caches()
    {
        await using var bot = new TeamsBotHost(_channel);
        var tokens = bot.Services.GetRequiredService<BotTokenProvider>();

        var first = await tokens.GetTokenAsync(CancellationToken.None);
        var second = await tokens.GetTokenAsync(CancellationToken.None);

        Assert.Equal("connector-token-1", first);
        Assert.Equal(first, second);
        Assert.Equal(1, _channel.TokensIssued);
    }

    [Fact]
    public async Task A_certificate_file_signs_the_client_assertion()
    {
        using var certificate = AppCertificate();
        _channel.ClientCertificate = X509CertificateLoader.LoadCertificate(certificate.Export(X509ContentType.Cert));
        var path = Path.Combine(_folder, "bot.pfx");
        await File.WriteAllBytesAsync(path, certificate.Export(X509ContentType.Pfx, "pfx-password"));
        await using var bot = new TeamsBotHost(_channel, settings: WithCertificate(path, "pfx-password"));

        var token = await bot.Services.GetRequiredService<BotTokenProvider>().GetTokenAsync(CancellationToken.None);

        Assert.Equal("connector-token-1", token);
    }

    [Fact]
    public async Task A_pem_file_with_its_key_works_too()
    {
        using var certificate = AppCertificate();
        _channel.ClientCertificate = X509CertificateLoader.LoadCertificate(certificate.Export(X509ContentType.Cert));
        var path = Path.Combine(_folder, "bot.pem");
        await File.WriteAllTextAsync(path, certificate.ExportCertificatePem() + "\n" + certificate.GetRSAPrivateKey()!.ExportPkcs8PrivateKeyPem());
        await using var bot = new TeamsBotHost(_channel, settings: WithCertificate(path, ""));

        Assert.Equal("connector-token-1", await bot.Services.GetRequiredService<BotTokenProvider>().GetTokenAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_certificate_the_app_registration_does_not_know_is_refused_naming_the_settings()
    {
        using var registered = AppCertificate();
        using var other = AppCertificate();
        _channel.ClientCertificate = X509CertificateLoader.LoadCertificate(registered.Export(X509ContentType.Cert));
        var path = Path.Combine(_folder, "other.pfx");
        await File.WriteAllBytesAsync(path, other.Export(X509ContentType.Pfx, "pfx-password"));
        await using var bot = new TeamsBotHost(_channel, settings: WithCertificate(path, "pfx-password"));

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => bot.Services.GetRequiredService<BotTokenProvider>().GetTokenAsync(CancellationToken.None));

        Assert.Contains("Bot:CertificatePath", error.Message);
        Assert.Equal(0, _channel.TokensIssued);
    }

    [Fact]
    public async Task A_user_assigned_managed_identity_gets_its_token_from_the_hosts_identity_endpoint()
    {
        const string clientId = "33333333-2222-4333-8444-555555555555";
        await using var identity = await ManagedIdentityEndpoint.StartAsync(clientId);
        var settings = TeamsBotHost.Registered(_channel);
        settings["Bot:MicrosoftAppPassword"] = "";
        settings["Bot:ManagedIdentityClientId"] = clientId;
        await using var bot = new TeamsBotHost(_channel, settings: settings);

        string first, second;
        // App Service and Container Apps tell MSAL where their identity endpoint is through these.
        using (identity.AsHostEnvironment())
        {
            var tokens = bot.Services.GetRequiredService<BotTokenProvider>();
            first = await tokens.GetTokenAsync(CancellationToken.None);
            second = await tokens.GetTokenAsync(CancellationToken.None);
        }

        Assert.Equal("managed-identity-token-1", first);
        Assert.Equal(first, second);
        Assert.Equal(1, identity.TokensIssued);
        Assert.Equal(0, _channel.TokensIssued);
    }

    [Theory]
    [InlineData("Bot:CertificatePath", "/nonexistent/bot.pfx", "Bot:CertificatePath")]
    [InlineData("Bot:CertificateThumbprint", "0000000000000000000000000000000000000000", "Bot:CertificateThumbprint")]
    public void A_certificate_that_cannot_be_loaded_fails_start_up_naming_the_setting(string key, string value, string named)
    {
        var settings = TeamsBotHost.Registered(_channel);
        settings["Bot:MicrosoftAppPassword"] = "";
        settings[key] = value;

        var validation = StartupFailure.Of(() => new TeamsBotHost(_channel, settings: settings));

        Assert.Contains(validation.Failures, f => f.Contains(named, StringComparison.Ordinal));
    }

    [Fact]
    public void Two_credentials_at_once_fail_start_up()
    {
        var settings = TeamsBotHost.Registered(_channel);
        settings["Bot:ManagedIdentityClientId"] = "33333333-2222-4333-8444-555555555555";

        var validation = StartupFailure.Of(() => new TeamsBotHost(_channel, settings: settings));

        Assert.Contains(validation.Failures, f => f.Contains("Bot:MicrosoftAppPassword and Bot:ManagedIdentityClientId", StringComparison.Ordinal));
    }

    [Fact]
    public void A_token_endpoint_that_is_not_an_authoritys_fails_start_up()
    {
        var settings = TeamsBotHost.Registered(_channel);
        settings["Bot:TokenEndpoint"] = _channel.BaseUrl + "/token";

        var validation = StartupFailure.Of(() => new TeamsBotHost(_channel, settings: settings));

        Assert.Contains(validation.Failures, f => f.Contains("Bot:TokenEndpoint", StringComparison.Ordinal));
    }

    private Dictionary<string, string?> WithCertificate(string path, string password)
    {
        var settings = TeamsBotHost.Registered(_channel);
        settings["Bot:MicrosoftAppPassword"] = "";
        settings["Bot:CertificatePath"] = path;
        settings["Bot:CertificatePassword"] = password;
        return settings;
    }

    /// <summary>A certificate as one uploads to the app registration's "Certificates & secrets".</summary>
    private static X509Certificate2 AppCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=iom-assistant-bot", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(30));
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pfx), null, X509KeyStorageFlags.Exportable);
    }
}

/// <summary>
/// An App Service style managed identity endpoint on loopback (IDENTITY_ENDPOINT with the
/// IDENTITY_HEADER secret): issues a token for the Bot Framework to the expected identity only.
/// </summary>
public sealed class ManagedIdentityEndpoint : IAsyncDisposable
{
    private const string Secret = "identity-header-secret";
    private readonly WebApplication _app;
    private int _issued;

    private ManagedIdentityEndpoint(WebApplication app) => _app = app;

    public string Endpoint { get; private set; } = "";

    public int TokensIssued => _issued;

    public static async Task<ManagedIdentityEndpoint> StartAsync(string clientId)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var endpoint = new ManagedIdentityEndpoint(builder.Build());
        endpoint._app.MapGet("/msi/token", (HttpRequest request) =>
        {
            if (request.Headers["X-IDENTITY-HEADER"] != Secret || request.Query["resource"] != "https://api.botframework.com" || request.Query["client_id"] != clientId)
                return Results.Json(new { error = "invalid_request" }, statusCode: 400);
            var expires = DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds().ToString();
            return Results.Json(new
            {
                access_token = $"managed-identity-token-{Interlocked.Increment(ref endpoint._issued)}",
                expires_on = expires,
                resource = "https://api.botframework.com",
                token_type = "Bearer",
                client_id = clientId,
            });
        });
        await endpoint._app.StartAsync();
        endpoint.Endpoint = endpoint._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/msi/token";
        return endpoint;
    }

    /// <summary>The variables App Service sets for its identity endpoint, until disposed.</summary>
    public IDisposable AsHostEnvironment()
    {
        Environment.SetEnvironmentVariable("IDENTITY_ENDPOINT", Endpoint);
        Environment.SetEnvironmentVariable("IDENTITY_HEADER", Secret);
        return new Restore();
    }

    private sealed class Restore : IDisposable
    {
        public void Dispose()
        {
            Environment.SetEnvironmentVariable("IDENTITY_ENDPOINT", null);
            Environment.SetEnvironmentVariable("IDENTITY_HEADER", null);
        }
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
