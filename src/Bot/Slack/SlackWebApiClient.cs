using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using IomAssistant.Bot.Observability;
using Microsoft.Extensions.Options;

namespace IomAssistant.Bot.Slack;

/// <summary>
/// The few Slack Web API calls the bot makes, plus posts to a command's or button's
/// response_url. Retries on 429 (after Retry-After) and 5xx come from the HTTP pipeline;
/// Slack's own refusals (200 with ok:false) are logged with Slack's error code.
/// </summary>
public sealed class SlackWebApiClient(HttpClient http, IOptions<SlackOptions> options, AssistantMetrics metrics, ILogger<SlackWebApiClient> logger)
{
    private const string WebApi = "slack.web_api";
    private const string ResponseUrlTarget = "slack.response_url";
    private static readonly MediaTypeHeaderValue Json = new("application/json") { CharSet = "utf-8" };

    public Task<bool> PostMessageAsync(string channel, string? threadTs, SlackMessage message, CancellationToken cancellationToken) =>
        CallAsync("chat.postMessage", message.ToPayload(("channel", channel), ("thread_ts", threadTs)), cancellationToken);

    public Task<bool> PostEphemeralAsync(string channel, string user, string? threadTs, SlackMessage message, CancellationToken cancellationToken) =>
        CallAsync("chat.postEphemeral", message.ToPayload(("channel", channel), ("user", user), ("thread_ts", threadTs)), cancellationToken);

    /// <summary>Answers through a response_url: ephemeral to the user, or visible to the channel.</summary>
    public Task<bool> RespondAsync(Uri responseUrl, SlackMessage message, bool inChannel, CancellationToken cancellationToken) =>
        PostToResponseUrlAsync(responseUrl, message.ToPayload(
            ("response_type", inChannel ? "in_channel" : "ephemeral"),
            ("replace_original", false)), cancellationToken);

    /// <summary>Removes the ephemeral message the response_url belongs to.</summary>
    public Task<bool> DeleteOriginalAsync(Uri responseUrl, CancellationToken cancellationToken) =>
        PostToResponseUrlAsync(responseUrl, new JsonObject { ["delete_original"] = true }, cancellationToken);

    /// <summary>
    /// A new Socket Mode WebSocket URL (apps.connections.open, with the app-level token), or null
    /// when Slack refused or could not be reached (logged).
    /// </summary>
    public async Task<Uri?> OpenSocketConnectionAsync(CancellationToken cancellationToken)
    {
        var reply = await CallAsync("apps.connections.open", new JsonObject(), options.Value.AppToken, cancellationToken);
        if (reply is null)
            return null;
        if (Uri.TryCreate(reply["url"]?.GetValueKind() == JsonValueKind.String ? reply["url"]!.GetValue<string>() : null, UriKind.Absolute, out var url)
            && (url.Scheme == Uri.UriSchemeWss || url.Scheme == Uri.UriSchemeWs))
            return url;
        logger.LogError("Slack apps.connections.open answered without a ws(s) url");
        metrics.OutboundFailure(WebApi, "invalid_response");
        return null;
    }

    private async Task<bool> CallAsync(string method, JsonObject payload, CancellationToken cancellationToken) =>
        await CallAsync(method, payload, options.Value.BotToken, cancellationToken) is not null;

    private async Task<JsonNode?> CallAsync(string method, JsonObject payload, string token, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(options.Value.ApiBaseUri, method))
        {
            Content = JsonContent(payload),
        };
        // The tokens go only to the configured Web API, never to a response_url.
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                logger.LogError("Slack {Method} failed with HTTP {Status}: {Body}", method, (int)response.StatusCode, Shorten(body));
                metrics.OutboundFailure(WebApi, $"http_{(int)response.StatusCode}");
                return null;
            }
            return ReadOk(method, body);
        }
        catch (Exception error) when (error is HttpRequestException or TaskCanceledException or Polly.Timeout.TimeoutRejectedException && !cancellationToken.IsCancellationRequested)
        {
            logger.LogError(error, "Slack {Method} could not be reached", method);
            metrics.OutboundFailure(WebApi, AssistantMetrics.ReasonOf(error));
            return null;
        }
    }

    /// <summary>Slack's reply when it says ok:true, else null (logged with Slack's error code).</summary>
    private JsonNode? ReadOk(string method, string body)
    {
        JsonNode? reply;
        try
        {
            reply = JsonNode.Parse(body);
        }
        catch (JsonException)
        {
            logger.LogError("Slack {Method} answered with something that is not JSON: {Body}", method, Shorten(body));
            metrics.OutboundFailure(WebApi, "invalid_response");
            return null;
        }
        if (reply?["ok"]?.GetValueKind() == JsonValueKind.True)
        {
            if (reply["warning"] is { } warning)
                logger.LogWarning("Slack {Method} warned: {Warning}", method, warning.ToJsonString());
            return reply;
        }
        logger.LogError(
            "Slack {Method} refused the call: ok:false, error {Error}; details {Details}",
            method, reply?["error"]?.ToJsonString() ?? "(none)", reply?["response_metadata"]?.ToJsonString() ?? "(none)");
        metrics.OutboundFailure(WebApi, "refused");
        return null;
    }

    private async Task<bool> PostToResponseUrlAsync(Uri responseUrl, JsonObject payload, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, responseUrl) { Content = JsonContent(payload) };
        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            if (response.IsSuccessStatusCode)
                return true;
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            // The URL carries a one-time credential, so only its host is logged.
            logger.LogError("Slack response_url on {Host} refused the post with HTTP {Status}: {Body}", responseUrl.Host, (int)response.StatusCode, Shorten(body));
            metrics.OutboundFailure(ResponseUrlTarget, $"http_{(int)response.StatusCode}");
            return false;
        }
        catch (Exception error) when (error is HttpRequestException or TaskCanceledException or Polly.Timeout.TimeoutRejectedException && !cancellationToken.IsCancellationRequested)
        {
            logger.LogError(error, "Slack response_url on {Host} could not be reached", responseUrl.Host);
            metrics.OutboundFailure(ResponseUrlTarget, AssistantMetrics.ReasonOf(error));
            return false;
        }
    }

    private static StringContent JsonContent(JsonObject payload)
    {
        var content = new StringContent(payload.ToJsonString(), Encoding.UTF8);
        content.Headers.ContentType = Json;
        return content;
    }

    private static string Shorten(string body) => body.Length <= 300 ? body : body[..300] + "…";
}
