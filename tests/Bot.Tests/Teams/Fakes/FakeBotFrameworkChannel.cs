using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace IomAssistant.Bot.Tests.Teams.Fakes;

/// <summary>A channel signing key: an RSA key pair, its kid and the channels it is endorsed for.</summary>
public sealed class ChannelKey(string kid, params string[] endorsements) : IDisposable
{
    public string Kid { get; } = kid;
    public RSA Rsa { get; } = RSA.Create(2048);
    public string[] Endorsements { get; } = endorsements;

    public JsonObject Jwk()
    {
        var p = Rsa.ExportParameters(false);
        return new JsonObject
        {
            ["kty"] = "RSA",
            ["use"] = "sig",
            ["kid"] = Kid,
            ["n"] = Base64UrlEncoder.Encode(p.Modulus),
            ["e"] = Base64UrlEncoder.Encode(p.Exponent),
            ["endorsements"] = new JsonArray(Endorsements.Select(e => (JsonNode)e).ToArray()),
        };
    }

    public void Dispose() => Rsa.Dispose();
}

/// <summary>A reply the bot posted to the Connector.</summary>
public sealed record ConnectorPost(string Path, string? Authorization, JsonObject Body)
{
    public string? ConversationId => Body["conversation"]?["id"]?.GetValue<string>();
}

/// <summary>
/// The Bot Framework channel on loopback (Kestrel, 127.0.0.1, free ports): OpenID metadata and
/// a key set with endorsements, a client-credentials token endpoint over HTTPS (MSAL takes only
/// https authorities; <see cref="TlsCertificate"/> is self-signed), and a Connector that records
/// replies and can be told to fail first (429/503 with Retry-After). The token endpoint takes the
/// app password or a client assertion signed with <see cref="ClientCertificate"/>.
/// </summary>
public sealed class FakeBotFrameworkChannel : IAsyncDisposable
{
    public const string AppId = "11111111-2222-4333-8444-555555555555";
    public const string AppPassword = "test-app-password";
    public const string TenantId = "99999999-8888-4777-8666-555555555555";
    public const string Issuer = "https://api.botframework.com";

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ConnectorPost> _posts = new();
    private readonly ConcurrentQueue<(int Status, string? RetryAfter)> _connectorFailures = new();
    private readonly List<ChannelKey> _published = [];
    private int _tokensIssued;
    private int _keySetFetches;
    private int _connectorAttempts;

    public ChannelKey TeamsKey { get; } = new("teams-key", "msteams");
    public ChannelKey WebChatKey { get; } = new("webchat-key", "webchat");
    public ChannelKey UnpublishedKey { get; } = new("unpublished-key", "msteams");
    public string BaseUrl { get; private set; } = "";

    /// <summary>The HTTPS side, where the token endpoint is.</summary>
    public string SecureBaseUrl { get; private set; } = "";

    public X509Certificate2 TlsCertificate { get; } = SelfSignedTls();

    /// <summary>The certificate registered for the app: its client assertions are accepted instead of the password.</summary>
    public X509Certificate2? ClientCertificate { get; set; }
    public string ServiceUrl => $"{BaseUrl}/amer/";
    public string OpenIdMetadataUrl => $"{BaseUrl}/v1/.well-known/openidconfiguration";
    public string TokenEndpoint => $"{SecureBaseUrl}/{TenantId}/oauth2/v2.0/token";
    public IReadOnlyCollection<ConnectorPost> Posts => _posts;
    public int TokensIssued => _tokensIssued;
    public int KeySetFetches => _keySetFetches;

    /// <summary>While true, the key set answers 503, as a channel having an outage.</summary>
    public bool KeySetFails { get; set; }
    public int ConnectorAttempts => _connectorAttempts;

    private FakeBotFrameworkChannel()
    {
        _published.AddRange([TeamsKey, WebChatKey]);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrelHttpsConfiguration().ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, 0);
            kestrel.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(TlsCertificate));
        });
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.MapGet("/v1/.well-known/openidconfiguration", () => Results.Json(new { issuer = Issuer, jwks_uri = $"{BaseUrl}/v1/.well-known/keys" }));
        _app.MapGet("/v1/.well-known/keys", () =>
        {
            Interlocked.Increment(ref _keySetFetches);
            if (KeySetFails)
                return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
            lock (_published)
                return Results.Text(new JsonObject { ["keys"] = new JsonArray(_published.Select(k => (JsonNode)k.Jwk()).ToArray()) }.ToJsonString(), "application/json");
        });
        _app.MapPost("/{tenant}/oauth2/v2.0/token", async (HttpRequest request) =>
        {
            var form = await request.ReadFormAsync();
            if (form["grant_type"] != "client_credentials" || form["client_id"] != AppId || form["scope"] != "https://api.botframework.com/.default"
                || !await IsClientAuthenticatedAsync(form, $"{SecureBaseUrl}{request.Path}"))
                return Results.Json(new { error = "invalid_client" }, statusCode: 401);
            var token = $"connector-token-{Interlocked.Increment(ref _tokensIssued)}";
            return Results.Json(new { token_type = "Bearer", expires_in = 3600, access_token = token });
        });
        _app.MapPost("/{**path}", async (HttpRequest request) =>
        {
            Interlocked.Increment(ref _connectorAttempts);
            if (_connectorFailures.TryDequeue(out var failure))
            {
                if (failure.RetryAfter is not null)
                    request.HttpContext.Response.Headers.RetryAfter = failure.RetryAfter;
                return Results.StatusCode(failure.Status);
            }
            var body = (JsonObject)(await JsonNode.ParseAsync(request.Body))!;
            // The raw target keeps the escaping the bot used, which routing would undo.
            var rawPath = request.HttpContext.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpRequestFeature>()!.RawTarget;
            _posts.Enqueue(new ConnectorPost(rawPath, request.Headers.Authorization.ToString() is { Length: > 0 } auth ? auth : null, body));
            return Results.Json(new { id = Guid.NewGuid().ToString("N") }, statusCode: 201);
        });
    }

    public static async Task<FakeBotFrameworkChannel> StartAsync()
    {
        var channel = new FakeBotFrameworkChannel();
        await channel._app.StartAsync();
        var addresses = channel._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        channel.BaseUrl = addresses.First(a => a.StartsWith("http://", StringComparison.Ordinal));
        channel.SecureBaseUrl = addresses.First(a => a.StartsWith("https://", StringComparison.Ordinal));
        return channel;
    }

    /// <summary>The app password, or a client assertion (RFC 7523) signed with the registered certificate for this endpoint.</summary>
    private async Task<bool> IsClientAuthenticatedAsync(IFormCollection form, string endpoint)
    {
        if (form["client_secret"] == AppPassword)
            return true;
        if (ClientCertificate is null || form["client_assertion_type"] != "urn:ietf:params:oauth:client-assertion-type:jwt-bearer")
            return false;
        var validation = await new JsonWebTokenHandler().ValidateTokenAsync(form["client_assertion"].ToString(), new TokenValidationParameters
        {
            ValidIssuer = AppId,
            ValidAudience = endpoint,
            IssuerSigningKey = new X509SecurityKey(ClientCertificate),
            RequireSignedTokens = true,
        });
        return validation.IsValid && validation.ClaimsIdentity.FindFirst("sub")?.Value == AppId;
    }

    /// <summary>A certificate for https://127.0.0.1, made for this run.</summary>
    private static X509Certificate2 SelfSignedTls()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pfx), null);
    }

    /// <summary>The Connector answers the next posts with these statuses before accepting.</summary>
    public void FailNextConnectorPosts(params (int Status, string? RetryAfter)[] failures)
    {
        foreach (var failure in failures)
            _connectorFailures.Enqueue(failure);
    }

    /// <summary>Publishes another key, as the channel does when it rolls its keys.</summary>
    public void Publish(ChannelKey key)
    {
        lock (_published)
            _published.Add(key);
    }

    public IReadOnlyList<ConnectorPost> PostsTo(string conversationId) =>
        _posts.Where(p => p.ConversationId == conversationId).ToList();

    /// <summary>A token as the channel signs it, for the given service URL; overrides break one claim at a time.</summary>
    public string SignToken(ChannelKey? key = null, string? serviceUrl = null, string? audience = null, string? issuer = null,
        DateTime? notBefore = null, DateTime? expires = null, string? kid = null, string algorithm = SecurityAlgorithms.RsaSha256)
    {
        key ??= TeamsKey;
        var signingKey = new RsaSecurityKey(key.Rsa) { KeyId = kid ?? key.Kid };
        var now = DateTime.UtcNow;
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer ?? Issuer,
            Audience = audience ?? AppId,
            NotBefore = notBefore ?? now.AddMinutes(-1),
            Expires = expires ?? now.AddHours(1),
            IssuedAt = notBefore ?? now.AddMinutes(-1),
            Claims = new Dictionary<string, object> { ["serviceurl"] = serviceUrl ?? ServiceUrl },
            SigningCredentials = new SigningCredentials(signingKey, algorithm),
        });
    }

    /// <summary>A token with "alg": "none" and no signature, which must never be accepted.</summary>
    public string UnsignedToken()
    {
        static string Part(object value) => Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(value)));
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        return $"{Part(new { alg = "none", typ = "JWT", kid = TeamsKey.Kid })}.{Part(new { iss = Issuer, aud = AppId, serviceurl = ServiceUrl, nbf = now - 60, exp = now + 3600 })}.";
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        TlsCertificate.Dispose();
        TeamsKey.Dispose();
        WebChatKey.Dispose();
        UnpublishedKey.Dispose();
    }
}
