using System.Net.Http.Headers;
using System.Net.Http.Json;
using IomAssistant.Bot.Observability;
using Microsoft.Extensions.Options;
using IomAssistant.Bot.Teams.Protocol;

namespace IomAssistant.Bot.Teams.Connector;

/// <summary>
/// Posts the bot's activities to the Connector REST API of the conversation's serviceUrl.
/// Retries (429, 5xx, honouring Retry-After) are the HTTP client's resilience pipeline.
/// </summary>
public sealed class ConnectorClient(IHttpClientFactory httpClientFactory, BotTokenProvider tokens, TrustedServiceUrls trustedServiceUrls, IOptions<BotOptions> options, AssistantMetrics metrics)
{
    public const string HttpClientName = "BotFramework.Connector";

    /// <summary>POST {serviceUrl}/v3/conversations/{conversationId}/activities[/{replyToId}].</summary>
    public async Task SendAsync(Activity activity, CancellationToken cancellationToken)
    {
        try
        {
            await PostAsync(activity, cancellationToken);
        }
        catch (Exception error) when (error is HttpRequestException or TaskCanceledException or Polly.Timeout.TimeoutRejectedException && !cancellationToken.IsCancellationRequested)
        {
            metrics.OutboundFailure("teams.connector", AssistantMetrics.ReasonOf(error));
            throw;
        }
    }

    private async Task PostAsync(Activity activity, CancellationToken cancellationToken)
    {
        var serviceUrl = activity.ServiceUrl ?? throw new InvalidOperationException("the activity has no serviceUrl");
        var conversationId = activity.Conversation?.Id ?? throw new InvalidOperationException("the activity has no conversation id");
        var path = $"v3/conversations/{Uri.EscapeDataString(conversationId)}/activities";
        if (!string.IsNullOrEmpty(activity.ReplyToId))
            path += "/" + Uri.EscapeDataString(activity.ReplyToId);
        var url = new Uri(new Uri(serviceUrl.TrimEnd('/') + "/"), path);

        using var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = JsonContent.Create(activity, options: ActivityJson.Options),
        };
        // Without an app id (Emulator) there is no token to protect; with one, only validated serviceUrls get it.
        if (options.Value.HasAppId)
        {
            if (!trustedServiceUrls.IsTrusted(serviceUrl))
                throw new InvalidOperationException("refusing to send the bot token to a serviceUrl that did not come in a validated activity");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await tokens.GetTokenAsync(cancellationToken));
        }
        // Buffer so the resilience pipeline can send the same body again on retry.
        await request.Content.LoadIntoBufferAsync(cancellationToken);
        using var response = await httpClientFactory.CreateClient(HttpClientName).SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
            throw new HttpRequestException($"the Connector answered HTTP {(int)response.StatusCode} to a reply", null, response.StatusCode);
    }
}
