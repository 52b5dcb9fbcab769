using System.Net.Http.Json;
using System.Text.Json.Serialization;
using IomAssistant.Bot.Observability;
using Microsoft.Extensions.Options;

namespace IomAssistant.Bot.Teams.Connector;

/// <summary>
/// Gets the bot's own token for the Connector (client credentials, scope
/// https://api.botframework.com/.default) and reuses it until shortly before it expires.
/// </summary>
public sealed class BotTokenClient(IHttpClientFactory httpClientFactory, IOptions<BotOptions> options, TimeProvider time, AssistantMetrics metrics)
{
    public const string HttpClientName = "BotFramework.Token";
    public const string ConnectorScope = "https://api.botframework.com/.default";
    private static readonly TimeSpan RenewBeforeExpiry = TimeSpan.FromMinutes(5);

    private readonly SemaphoreSlim _lock = new(1, 1);
    private (string Token, DateTimeOffset RenewAt)? _cached;

    private sealed record TokenResponse(
        [property: JsonPropertyName("access_token")] string? AccessToken,
        [property: JsonPropertyName("expires_in")] int ExpiresIn);

    public async Task<string> GetTokenAsync(CancellationToken cancellationToken)
    {
        if (_cached is { } cached && time.GetUtcNow() < cached.RenewAt)
            return cached.Token;
        await _lock.WaitAsync(cancellationToken);
        try
        {
            if (_cached is { } fresh && time.GetUtcNow() < fresh.RenewAt)
                return fresh.Token;
            try
            {
                return await RequestTokenAsync(cancellationToken);
            }
            catch (Exception error) when (error is HttpRequestException or TaskCanceledException or Polly.Timeout.TimeoutRejectedException or System.Text.Json.JsonException && !cancellationToken.IsCancellationRequested)
            {
                metrics.OutboundFailure("teams.token", AssistantMetrics.ReasonOf(error));
                throw;
            }
        }
        finally
        {
            _lock.Release();
        }
    }

    private async Task<string> RequestTokenAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        using var response = await httpClientFactory.CreateClient(HttpClientName).PostAsync(
            settings.ResolvedTokenEndpoint,
            new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials",
                ["client_id"] = settings.MicrosoftAppId,
                ["client_secret"] = settings.MicrosoftAppPassword,
                ["scope"] = ConnectorScope,
            }),
            cancellationToken);
        if (!response.IsSuccessStatusCode)
            throw new HttpRequestException($"Bot:TokenEndpoint refused the client-credentials request (HTTP {(int)response.StatusCode}); check Bot:MicrosoftAppId, Bot:MicrosoftAppPassword and Bot:MicrosoftAppTenantId.", null, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<TokenResponse>(cancellationToken);
        if (string.IsNullOrEmpty(body?.AccessToken))
            throw new HttpRequestException("Bot:TokenEndpoint answered without an access_token.");
        var lifetime = TimeSpan.FromSeconds(Math.Max(0, body.ExpiresIn));
        // Short-lived tokens are renewed at half-life rather than never being reused.
        var renewAfter = lifetime > 2 * RenewBeforeExpiry ? lifetime - RenewBeforeExpiry : lifetime / 2;
        _cached = (body.AccessToken, time.GetUtcNow() + renewAfter);
        return body.AccessToken;
    }
}
