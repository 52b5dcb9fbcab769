using IomAssistant.Bot.Teams.Connector;
using Microsoft.Extensions.Options;

namespace IomAssistant.Bot.Teams;

/// <summary>The "Bot" settings section: the Azure Bot registration and the Bot Framework endpoints.</summary>
public sealed class BotOptions
{
    public const string Section = "Bot";
    public const string DefaultOpenIdMetadataUrl = "https://login.botframework.com/v1/.well-known/openidconfiguration";
    public const string DefaultTokenEndpoint = "https://login.microsoftonline.com/{tenant}/oauth2/v2.0/token";
    public const string SingleTenant = "SingleTenant";
    public const string MultiTenant = "MultiTenant";

    /// <summary>Microsoft Entra ID's login host (public cloud), where MSAL's instance discovery applies.</summary>
    public const string EntraLoginHost = "login.microsoftonline.com";

    private const string TokenPath = "/oauth2/v2.0/token";

    /// <summary>Tenant used in the token endpoint by multi-tenant registrations.</summary>
    private const string MultiTenantLoginTenant = "botframework.com";

    public string MicrosoftAppId { get; set; } = "";
    public string MicrosoftAppPassword { get; set; } = "";
    public string MicrosoftAppTenantId { get; set; } = "";

    /// <summary>The app registration's certificate instead of a password: a .pfx (with <see cref="CertificatePassword"/>) or a .pem with its key.</summary>
    public string CertificatePath { get; set; } = "";

    public string CertificatePassword { get; set; } = "";

    /// <summary>The app registration's certificate from the CurrentUser or LocalMachine "My" store, by thumbprint.</summary>
    public string CertificateThumbprint { get; set; } = "";

    /// <summary>Client id of a user-assigned managed identity the bot gets its token as (no password or certificate).</summary>
    public string ManagedIdentityClientId { get; set; } = "";

    /// <summary>SingleTenant (the default Azure Bot registration) or MultiTenant.</summary>
    public string MicrosoftAppType { get; set; } = SingleTenant;

    public string OpenIdMetadataUrl { get; set; } = DefaultOpenIdMetadataUrl;

    /// <summary>Client-credentials endpoint; "{tenant}" is replaced by the tenant id (or botframework.com, multi-tenant).</summary>
    public string TokenEndpoint { get; set; } = DefaultTokenEndpoint;

    /// <summary>
    /// Accept requests without an Authorization header when no app id is set (Bot Framework
    /// Emulator) outside the Development environment too.
    /// </summary>
    public bool AllowUnauthenticatedEmulator { get; set; }

    public bool HasAppId => !string.IsNullOrWhiteSpace(MicrosoftAppId);

    public bool IsMultiTenant => string.Equals(MicrosoftAppType, MultiTenant, StringComparison.OrdinalIgnoreCase);

    public Uri ResolvedTokenEndpoint =>
        new(TokenEndpoint.Replace("{tenant}", IsMultiTenant ? MultiTenantLoginTenant : MicrosoftAppTenantId.Trim(), StringComparison.Ordinal));

    /// <summary>The MSAL authority the token endpoint belongs to: https://host/{tenant}/.</summary>
    public Uri ResolvedAuthority => AuthorityOf(ResolvedTokenEndpoint);

    internal static Uri AuthorityOf(Uri tokenEndpoint) =>
        new(tokenEndpoint, tokenEndpoint.AbsolutePath[..^TokenPath.Length] + "/");

    internal static bool IsTokenEndpoint(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps
        && uri.AbsolutePath.EndsWith(TokenPath, StringComparison.Ordinal) && uri.AbsolutePath.Length > TokenPath.Length + 1;
}

/// <summary>How /api/messages treats requests, decided once from the settings and the environment.</summary>
public enum ChannelAuthMode
{
    /// <summary>Every request carries a channel token that is validated.</summary>
    Authenticated,

    /// <summary>No app id, local use: requests without an Authorization header are accepted.</summary>
    Emulator,

    /// <summary>No app id outside local use: every request is refused.</summary>
    Closed,
}

public static class ChannelAuthModes
{
    public static ChannelAuthMode For(BotOptions options, IHostEnvironment environment) =>
        options.HasAppId ? ChannelAuthMode.Authenticated
        : environment.IsDevelopment() || options.AllowUnauthenticatedEmulator ? ChannelAuthMode.Emulator
        : ChannelAuthMode.Closed;
}

/// <summary>Fails start-up with a message naming the setting to fix.</summary>
public sealed class BotOptionsValidator : IValidateOptions<BotOptions>
{
    public ValidateOptionsResult Validate(string? name, BotOptions options)
    {
        var errors = new List<string>();
        if (!IsHttpUrl(options.OpenIdMetadataUrl))
            errors.Add($"Bot:OpenIdMetadataUrl must be an absolute http(s) URL (default {BotOptions.DefaultOpenIdMetadataUrl}).");
        if (!BotOptions.IsTokenEndpoint(options.TokenEndpoint.Replace("{tenant}", "tenant", StringComparison.Ordinal)))
            errors.Add($"Bot:TokenEndpoint must be an https URL ending in /{{tenant}}/oauth2/v2.0/token, the authority's token endpoint (default {BotOptions.DefaultTokenEndpoint}).");
        if (!string.Equals(options.MicrosoftAppType, BotOptions.SingleTenant, StringComparison.OrdinalIgnoreCase) && !options.IsMultiTenant)
            errors.Add($"Bot:MicrosoftAppType must be {BotOptions.SingleTenant} or {BotOptions.MultiTenant}.");
        var credentials = new[] { ("Bot:MicrosoftAppPassword", options.MicrosoftAppPassword), ("Bot:CertificatePath", options.CertificatePath), ("Bot:CertificateThumbprint", options.CertificateThumbprint), ("Bot:ManagedIdentityClientId", options.ManagedIdentityClientId) }
            .Where(c => !string.IsNullOrWhiteSpace(c.Item2)).Select(c => c.Item1).ToList();
        if (credentials.Count > 1)
            errors.Add($"Set only one credential for the bot's token, not {string.Join(" and ", credentials)}.");
        if (!options.HasAppId && options.ManagedIdentityClientId.Length > 0)
            errors.Add("Bot:MicrosoftAppId is required with Bot:ManagedIdentityClientId (the Azure Bot's app id; for a UserAssignedMSI bot, the identity's client id).");
        if (options.HasAppId)
        {
            if (credentials.Count == 0)
                errors.Add("Bot:MicrosoftAppPassword is required when Bot:MicrosoftAppId is set (the client secret of the Azure Bot's app registration; set it as the environment variable Bot__MicrosoftAppPassword), or instead Bot:CertificatePath, Bot:CertificateThumbprint or Bot:ManagedIdentityClientId.");
            var clientCredentials = options.ManagedIdentityClientId.Length == 0;
            if (clientCredentials && !options.IsMultiTenant && options.TokenEndpoint.Contains("{tenant}", StringComparison.Ordinal) && string.IsNullOrWhiteSpace(options.MicrosoftAppTenantId))
                errors.Add("Bot:MicrosoftAppTenantId is required for a single-tenant bot (the directory (tenant) id of the app registration), or set Bot:MicrosoftAppType to MultiTenant.");
            if (credentials.Count == 1)
            {
                try
                {
                    BotCertificate.Load(options)?.Dispose();
                }
                catch (InvalidOperationException error)
                {
                    errors.Add(error.Message);
                }
            }
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static bool IsHttpUrl(string? value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);
}
