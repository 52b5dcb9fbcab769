using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using IomAssistant.Bot.Teams.Protocol;

namespace IomAssistant.Bot.Teams.Auth;

/// <summary>A token whose signature, issuer, audience and lifetime checked out; the activity checks remain.</summary>
public sealed record ValidatedChannelToken(ChannelSigningKey SigningKey, string? ServiceUrl);

/// <summary>Outcome of one check: valid, or the name of the check that failed (never the token).</summary>
public sealed record TokenCheck(ValidatedChannelToken? Token, string? Failure)
{
    public static TokenCheck Fail(string failure) => new(null, failure);
}

/// <summary>
/// Validates the bearer token the Bot Framework channel sends with every activity, as the
/// Connector authentication spec requires: RS256/384/512 only, a key from the channel's key set,
/// issuer https://api.botframework.com, audience = our app id, lifetime with 5 minutes of skew,
/// then the serviceurl claim and the key's endorsement against the activity itself.
/// </summary>
public sealed class ChannelTokenValidator(ChannelKeyCache keys, IOptions<BotOptions> options)
{
    public const string ChannelIssuer = "https://api.botframework.com";
    private static readonly string[] AllowedAlgorithms = [SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512];
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);
    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };

    public async Task<TokenCheck> ValidateAsync(string authorizationHeader, CancellationToken cancellationToken)
    {
        const string scheme = "Bearer ";
        if (!authorizationHeader.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
            return TokenCheck.Fail("the Authorization header is not a bearer token");
        var token = authorizationHeader[scheme.Length..].Trim();

        JsonWebToken jwt;
        try
        {
            jwt = new JsonWebToken(token);
        }
        catch (Exception ex) when (ex is ArgumentException or SecurityTokenException or FormatException or System.Text.Json.JsonException)
        {
            return TokenCheck.Fail("the token is not a well-formed JWT");
        }
        if (!AllowedAlgorithms.Contains(jwt.Alg, StringComparer.Ordinal))
            return TokenCheck.Fail($"the token's algorithm '{Sanitize(jwt.Alg)}' is not RS256, RS384 or RS512");
        if (string.IsNullOrEmpty(jwt.Kid))
            return TokenCheck.Fail("the token names no signing key (kid)");

        var signingKey = await keys.FindAsync(jwt.Kid, cancellationToken);
        if (signingKey is null)
            return TokenCheck.Fail($"the signing key '{Sanitize(jwt.Kid)}' is not in the channel's key set");

        var result = await _handler.ValidateTokenAsync(jwt, new TokenValidationParameters
        {
            ValidIssuer = ChannelIssuer,
            ValidAudience = options.Value.MicrosoftAppId,
            ValidAlgorithms = AllowedAlgorithms,
            IssuerSigningKey = signingKey.Key,
            TryAllIssuerSigningKeys = false,
            RequireSignedTokens = true,
            RequireExpirationTime = true,
            ValidateLifetime = true,
            ClockSkew = ClockSkew,
        });
        if (!result.IsValid)
            return TokenCheck.Fail(Describe(result.Exception));

        var serviceUrl = result.Claims.TryGetValue("serviceurl", out var claim) ? claim as string : null;
        return new TokenCheck(new ValidatedChannelToken(signingKey, serviceUrl), null);
    }

    /// <summary>The checks that need the activity: it must come from the serviceUrl and channel the token was issued for.</summary>
    public static string? CheckActivity(ValidatedChannelToken token, Activity activity)
    {
        if (token.ServiceUrl is null)
            return "the token has no serviceurl claim";
        if (!string.Equals(token.ServiceUrl, activity.ServiceUrl, StringComparison.Ordinal))
            return "the token's serviceurl claim differs from the activity's serviceUrl";
        if (string.IsNullOrEmpty(activity.ChannelId) || !token.SigningKey.Endorsements.Contains(activity.ChannelId))
            return $"the signing key is not endorsed for the channel '{Sanitize(activity.ChannelId)}'";
        return null;
    }

    private static string Describe(Exception? exception) => exception switch
    {
        SecurityTokenExpiredException => "the token has expired",
        SecurityTokenNotYetValidException => "the token is not valid yet",
        SecurityTokenNoExpirationException => "the token has no expiry",
        SecurityTokenInvalidAudienceException => "the token's audience is not Bot:MicrosoftAppId",
        SecurityTokenInvalidIssuerException => "the token's issuer is not " + ChannelIssuer,
        SecurityTokenInvalidAlgorithmException => "the token's algorithm is not allowed",
        SecurityTokenSignatureKeyNotFoundException => "the token's signing key is unknown",
        SecurityTokenInvalidSignatureException => "the token's signature does not verify",
        SecurityTokenMalformedException => "the token is not a well-formed JWT",
        null => "the token is not valid",
        _ => $"the token is not valid ({exception.GetType().Name})",
    };

    /// <summary>Header values are attacker-controlled; keep log lines short and printable.</summary>
    private static string Sanitize(string? value) =>
        value is null ? "" : new string(value.Take(64).Where(c => !char.IsControl(c)).ToArray());
}
