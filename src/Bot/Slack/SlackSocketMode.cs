using System.Net.WebSockets;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using IomAssistant.Bot.Observability;
using IomAssistant.Bot.Protection;

namespace IomAssistant.Bot.Slack;

/// <summary>
/// Slack Socket Mode (Slack:AppToken set): the bot opens a WebSocket to Slack
/// (apps.connections.open) instead of receiving HTTP requests, acknowledges every envelope by its
/// envelope_id at once and hands its payload to the same <see cref="SlackDispatcher"/> as the HTTP
/// endpoints. On a disconnect message it reconnects at once; after a dropped connection or a
/// failed attempt it waits, longer after each failure in a row. Every replica holds its own
/// connection: Slack spreads the envelopes among them, and deduplication covers redeliveries.
/// </summary>
public sealed class SlackSocketMode(SlackWebApiClient slack, SlackDispatcher dispatcher, TimeProvider clock, ILogger<SlackSocketMode> logger) : BackgroundService
{
    /// <summary>Envelopes are a few kilobytes; anything far larger is not Slack's.</summary>
    public const int MaxMessageBytes = RequestBody.BotEndpointLimit;

    private static readonly TimeSpan FirstRetryDelay = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(15);

    private enum SessionEnd
    {
        /// <summary>Slack asked a working connection to make way for a new one (disconnect message): reconnect at once.</summary>
        Refresh,

        /// <summary>The connection was working (hello received) and then closed or dropped.</summary>
        Dropped,

        /// <summary>No working connection came of this attempt.</summary>
        Failed,
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var failuresInARow = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            SessionEnd end;
            try
            {
                end = await RunSessionAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception error)
            {
                // Whatever went wrong, the bot keeps trying: Slack redelivers what was not acknowledged.
                logger.LogWarning(error, "Slack Socket Mode connection failed");
                end = SessionEnd.Failed;
            }

            if (end == SessionEnd.Refresh)
            {
                failuresInARow = 0;
                continue;
            }
            failuresInARow = end == SessionEnd.Dropped ? 1 : failuresInARow + 1;
            var delay = RetryDelay(failuresInARow);
            logger.LogInformation("Slack Socket Mode reconnects in {Delay} ms", (int)delay.TotalMilliseconds);
            try
            {
                await Task.Delay(delay, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>1 s after the first failure, doubling up to 30 s, with ±20% jitter so replicas spread out.</summary>
    private static TimeSpan RetryDelay(int failuresInARow)
    {
        var exponential = FirstRetryDelay * Math.Pow(2, Math.Min(failuresInARow - 1, 10));
        var capped = exponential < MaxRetryDelay ? exponential : MaxRetryDelay;
        return capped * (0.8 + 0.4 * Random.Shared.NextDouble());
    }

    private async Task<SessionEnd> RunSessionAsync(CancellationToken stoppingToken)
    {
        if (await slack.OpenSocketConnectionAsync(stoppingToken) is not { } url)
            return SessionEnd.Failed;

        using var socket = new ClientWebSocket();
        // Slack pings the bot and expects pongs (answered by ClientWebSocket itself); our own
        // pings find a connection that died without a close.
        socket.Options.KeepAliveInterval = TimeSpan.FromSeconds(30);
        socket.Options.KeepAliveTimeout = TimeSpan.FromSeconds(30);
        using (var connectTimeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken))
        {
            connectTimeout.CancelAfter(ConnectTimeout);
            await socket.ConnectAsync(url, connectTimeout.Token);
        }
        // The URL carries a one-time ticket: only its host goes into the log.
        logger.LogInformation("Slack Socket Mode connected to {Host}", url.Host);

        var greeted = new StrongBox<bool>();
        try
        {
            return await ReceiveEnvelopesAsync(socket, greeted, stoppingToken);
        }
        catch (Exception error) when (greeted.Value && !stoppingToken.IsCancellationRequested)
        {
            logger.LogWarning("Slack Socket Mode connection dropped: {Error}", error.Message);
            return SessionEnd.Dropped;
        }
    }

    /// <param name="greeted">Set once Slack's hello arrived: from then on the connection counts as working.</param>
    private async Task<SessionEnd> ReceiveEnvelopesAsync(ClientWebSocket socket, StrongBox<bool> greeted, CancellationToken stoppingToken)
    {
        var buffer = new byte[16 * 1024];
        while (true)
        {
            if (await ReceiveAsync(socket, buffer, stoppingToken) is not { } text)
            {
                logger.LogWarning("Slack Socket Mode connection closed by Slack ({Status} {Description})", socket.CloseStatus, socket.CloseStatusDescription);
                return greeted.Value ? SessionEnd.Dropped : SessionEnd.Failed;
            }
            JsonDocument message;
            try
            {
                message = StrictJson.Parse(text);
            }
            catch (JsonException)
            {
                logger.LogWarning("Slack Socket Mode message that is not JSON ignored");
                continue;
            }
            using (message)
            {
                var root = message.RootElement;
                switch (SlackJson.Text(root, "type"))
                {
                    case "hello":
                        greeted.Value = true;
                        logger.LogInformation("Slack Socket Mode ready");
                        continue;
                    case "disconnect":
                        logger.LogInformation("Slack Socket Mode asked to reconnect: {Reason}", SlackJson.Text(root, "reason"));
                        await CloseAsync(socket);
                        // A disconnect before hello is a failed attempt: no reconnecting in a tight loop.
                        return greeted.Value ? SessionEnd.Refresh : SessionEnd.Failed;
                }
                if (SlackJson.Text(root, "envelope_id") is { } envelopeId)
                    await HandleEnvelopeAsync(socket, envelopeId, root, stoppingToken);
            }
        }
    }

    private async Task HandleEnvelopeAsync(ClientWebSocket socket, string envelopeId, JsonElement envelope, CancellationToken stoppingToken)
    {
        var type = SlackJson.Text(envelope, "type");
        var payload = envelope.TryGetProperty("payload", out var p) ? p : default;
        using var scope = Correlation.BeginScope(logger, SlackJson.Text(payload, "event_id") ?? SlackJson.Text(payload, "trigger_id") ?? envelopeId);
        var ack = type switch
        {
            "events_api" => await dispatcher.EventAsync(payload, envelope.TryGetProperty("retry_attempt", out var retry) ? retry.ToString() : null),
            "slash_commands" => dispatcher.Command(name => SlackJson.Text(payload, name)),
            "interactive" => dispatcher.Interaction(payload),
            _ => SlackAck.Ok,
        };
        if (ack == SlackAck.Busy)
        {
            // Unacknowledged, Slack delivers the envelope again: Socket Mode's way of saying 503.
            return;
        }
        if (!ack.Accepted)
            logger.LogWarning("Slack Socket Mode {Type} envelope acknowledged but not used: {Reason}", type, ack.Text);
        var reply = new JsonObject { ["envelope_id"] = envelopeId };
        if (ack.Payload is { } response)
            reply["payload"] = response;
        await socket.SendAsync(Encoding.UTF8.GetBytes(reply.ToJsonString()), WebSocketMessageType.Text, endOfMessage: true, stoppingToken);
    }

    /// <summary>One whole text message, or null when the connection closed.</summary>
    private static async Task<string?> ReceiveAsync(ClientWebSocket socket, byte[] buffer, CancellationToken cancellationToken)
    {
        using var message = new MemoryStream();
        while (true)
        {
            var received = await socket.ReceiveAsync(buffer, cancellationToken);
            if (received.MessageType == WebSocketMessageType.Close)
            {
                await CloseAsync(socket);
                return null;
            }
            if (message.Length + received.Count > MaxMessageBytes)
                throw new WebSocketException(WebSocketError.Faulted, $"Slack Socket Mode message larger than {MaxMessageBytes} bytes");
            message.Write(buffer, 0, received.Count);
            if (received.EndOfMessage)
                return received.MessageType == WebSocketMessageType.Text ? Encoding.UTF8.GetString(message.GetBuffer(), 0, (int)message.Length) : "";
        }
    }

    private static async Task CloseAsync(ClientWebSocket socket)
    {
        if (socket.State is not (WebSocketState.Open or WebSocketState.CloseReceived))
            return;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        try
        {
            await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "reconnecting", timeout.Token);
        }
        catch (Exception error) when (error is WebSocketException or OperationCanceledException)
        {
            // Already gone: nothing to close.
        }
    }
}
