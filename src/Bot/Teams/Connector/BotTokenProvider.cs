using System.Security.Cryptography.X509Certificates;
using IomAssistant.Bot.Observability;
using Microsoft.Extensions.Options;
using Microsoft.Identity.Client;
using Microsoft.Identity.Client.AppConfig;

namespace IomAssistant.Bot.Teams.Connector;

/// <summary>
/// The bot's own token for the Connector (scope https://api.botframework.com/.default), through
/// MSAL: client credentials with the app password or a certificate, or a user-assigned managed
/// identity. MSAL keeps the token in its own cache and renews it shortly before it expires.
/// </summary>
public sealed class BotTokenProvider
{
    public const string HttpClientName = "BotFramework.Token";
    public const string ConnectorScope = "https://api.botframework.com/.default";
    private const string ConnectorResource = "https://api.botframework.com";

    private readonly Lazy<Func<CancellationToken, Task<AuthenticationResult>>> _acquire;
    private readonly AssistantMetrics _metrics;

    public BotTokenProvider(IOptions<BotOptions> options, IHttpClientFactory httpClientFactory, AssistantMetrics metrics)
    {
        _metrics = metrics;
        // Built on first use: a bot without an app id (Emulator) never asks for a token.
        _acquire = new(() => CreateClient(options.Value, new MsalHttpClients(httpClientFactory)));
    }

    /// <param name="http">MSAL sends through the app's HTTP pipeline: resilience, metrics and traces like every other call.</param>
    private static Func<CancellationToken, Task<AuthenticationResult>> CreateClient(BotOptions settings, IMsalHttpClientFactory http)
    {
        if (settings.ManagedIdentityClientId.Length > 0)
        {
            var identity = ManagedIdentityApplicationBuilder.Create(ManagedIdentityId.WithUserAssignedClientId(settings.ManagedIdentityClientId))
                .WithHttpClientFactory(http)
                .Build();
            return cancellationToken => identity.AcquireTokenForManagedIdentity(ConnectorResource).ExecuteAsync(cancellationToken);
        }

        var authority = settings.ResolvedAuthority;
        var builder = ConfidentialClientApplicationBuilder.Create(settings.MicrosoftAppId)
            .WithAuthority(authority.ToString())
            // Instance discovery asks Microsoft Entra ID about the authority's host: only for its own.
            .WithInstanceDiscovery(authority.Host.Equals(BotOptions.EntraLoginHost, StringComparison.OrdinalIgnoreCase))
            .WithHttpClientFactory(http);
        builder = BotCertificate.Load(settings) is { } certificate
            ? builder.WithCertificate(certificate, sendX5C: true)
            : builder.WithClientSecret(settings.MicrosoftAppPassword);
        var client = builder.Build();
        return cancellationToken => client.AcquireTokenForClient([ConnectorScope]).ExecuteAsync(cancellationToken);
    }

    /// <exception cref="HttpRequestException">The token could not be had; the message names the settings to check.</exception>
    public async Task<string> GetTokenAsync(CancellationToken cancellationToken)
    {
        try
        {
            return (await _acquire.Value(cancellationToken)).AccessToken;
        }
        catch (MsalException error)
        {
            var status = (error as MsalServiceException)?.StatusCode is > 0 and var code ? (System.Net.HttpStatusCode?)code : null;
            _metrics.OutboundFailure("teams.token", status is { } s ? $"http_{(int)s}" : "refused");
            throw new HttpRequestException(
                $"The bot's token could not be had ({error.ErrorCode}); check Bot:MicrosoftAppId, Bot:MicrosoftAppTenantId, Bot:TokenEndpoint and the credential (Bot:MicrosoftAppPassword, Bot:CertificatePath, Bot:CertificateThumbprint or Bot:ManagedIdentityClientId).",
                error, status);
        }
        catch (Exception error) when (error is HttpRequestException or TaskCanceledException or Polly.Timeout.TimeoutRejectedException && !cancellationToken.IsCancellationRequested)
        {
            _metrics.OutboundFailure("teams.token", AssistantMetrics.ReasonOf(error));
            throw;
        }
    }

    private sealed class MsalHttpClients(IHttpClientFactory factory) : IMsalHttpClientFactory
    {
        public HttpClient GetHttpClient() => factory.CreateClient(HttpClientName);
    }
}

/// <summary>The certificate the bot proves itself with, from a file or the certificate store.</summary>
public static class BotCertificate
{
    /// <summary>The configured certificate, or null when the bot uses its password or a managed identity.</summary>
    /// <exception cref="InvalidOperationException">The certificate cannot be loaded; the message names the setting.</exception>
    public static X509Certificate2? Load(BotOptions options)
    {
        if (options.CertificatePath.Length > 0)
        {
            try
            {
                var certificate = Path.GetExtension(options.CertificatePath).Equals(".pem", StringComparison.OrdinalIgnoreCase)
                    ? X509Certificate2.CreateFromPemFile(options.CertificatePath)
                    : X509CertificateLoader.LoadPkcs12FromFile(options.CertificatePath, options.CertificatePassword.Length > 0 ? options.CertificatePassword : null);
                return certificate.HasPrivateKey
                    ? certificate
                    : throw new InvalidOperationException($"Bot:CertificatePath {options.CertificatePath} holds no private key.");
            }
            catch (Exception error) when (error is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException)
            {
                throw new InvalidOperationException($"Bot:CertificatePath {options.CertificatePath} cannot be read as a PKCS#12 (.pfx, with Bot:CertificatePassword) or PEM (.pem, certificate and key) file: {error.Message}", error);
            }
        }
        if (options.CertificateThumbprint.Length > 0)
        {
            foreach (var location in new[] { StoreLocation.CurrentUser, StoreLocation.LocalMachine })
            {
                using var store = new X509Store(StoreName.My, location);
                try
                {
                    store.Open(OpenFlags.ReadOnly | OpenFlags.OpenExistingOnly);
                }
                catch (System.Security.Cryptography.CryptographicException)
                {
                    continue;
                }
                var found = store.Certificates.Find(X509FindType.FindByThumbprint, options.CertificateThumbprint, validOnly: false);
                if (found.FirstOrDefault(c => c.HasPrivateKey) is { } certificate)
                    return certificate;
            }
            throw new InvalidOperationException($"Bot:CertificateThumbprint {options.CertificateThumbprint}: no certificate with its private key in the CurrentUser or LocalMachine \"My\" store.");
        }
        return null;
    }
}
