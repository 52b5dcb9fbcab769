using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace IomAssistant.Bot.Tests.Slack;

/// <summary>
/// Slack's Socket Mode side, served by <see cref="FakeSlackWebApi"/> beside the Web API:
/// apps.connections.open (app token checked) hands out a WebSocket URL on the same port, whose
/// connection says hello and then carries the envelopes the test sends and the acknowledgements
/// the bot returns.
/// </summary>
public sealed class FakeSlackSocketMode(Func<string> apiBaseUrl)
{
    public const string AppToken = "xapp-1-A0APP-1-TestAppToken";

    private readonly Channel<SocketConnection> _connections = Channel.CreateUnbounded<SocketConnection>();
    private int _opens;

    /// <summary>Calls to apps.connections.open with the right token.</summary>
    public int Opens => _opens;

    internal void Map(WebApplication app)
    {
        app.UseWebSockets();
        app.MapPost("/api/apps.connections.open", (HttpContext context) =>
        {
            if (context.Request.Headers.Authorization != "Bearer " + AppToken)
                return Results.Json(new { ok = false, error = "invalid_auth" });
            var ticket = Interlocked.Increment(ref _opens);
            var socketUrl = apiBaseUrl().Replace("http://", "ws://").Replace("/api/", $"/link/?ticket={ticket}");
            return Results.Json(new { ok = true, url = socketUrl });
        });
        app.Map("/link", async (HttpContext context) =>
        {
            if (!context.WebSockets.IsWebSocketRequest)
            {
                context.Response.StatusCode = 400;
                return;
            }
            using var socket = await context.WebSockets.AcceptWebSocketAsync();
            var connection = new SocketConnection(socket);
            await connection.SendAsync(new JsonObject { ["type"] = "hello", ["num_connections"] = 1 });
            _connections.Writer.TryWrite(connection);
            await connection.ReceiveUntilClosedAsync(context.RequestAborted);
        });
    }

    /// <summary>The next connection the bot opens.</summary>
    public async Task<SocketConnection> NextConnectionAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        return await _connections.Reader.ReadAsync(timeout.Token);
    }

    /// <summary>One Socket Mode WebSocket as Slack holds it.</summary>
    public sealed class SocketConnection(WebSocket socket)
    {
        private readonly ConcurrentDictionary<string, TaskCompletionSource<JsonObject>> _acks = new();
        private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public async Task SendAsync(JsonObject message) =>
            await socket.SendAsync(Encoding.UTF8.GetBytes(message.ToJsonString()), WebSocketMessageType.Text, true, CancellationToken.None);

        /// <summary>Sends an envelope and returns the bot's acknowledgement of it.</summary>
        public async Task<JsonObject> ExchangeAsync(JsonObject envelope)
        {
            var ack = Ack(envelope["envelope_id"]!.GetValue<string>());
            await SendAsync(envelope);
            return await ack.WaitAsync(TimeSpan.FromSeconds(15));
        }

        /// <summary>Whether the bot acknowledged this envelope before its connection closed.</summary>
        public async Task<bool> WasAcknowledgedAsync(string envelopeId)
        {
            var ack = Ack(envelopeId);
            return await Task.WhenAny(ack, _closed.Task.WaitAsync(TimeSpan.FromSeconds(15))) == ack;
        }

        /// <summary>Slack's request for a new connection.</summary>
        public Task DisconnectAsync() =>
            SendAsync(new JsonObject { ["type"] = "disconnect", ["reason"] = "refresh_requested" });

        /// <summary>The connection dies without a close handshake.</summary>
        public void Drop() => socket.Abort();

        public Task Closed => _closed.Task;

        private Task<JsonObject> Ack(string envelopeId) =>
            _acks.GetOrAdd(envelopeId, _ => new TaskCompletionSource<JsonObject>(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

        internal async Task ReceiveUntilClosedAsync(CancellationToken aborted)
        {
            var buffer = new byte[64 * 1024];
            try
            {
                while (true)
                {
                    var message = new MemoryStream();
                    WebSocketReceiveResult received;
                    do
                    {
                        received = await socket.ReceiveAsync(buffer, aborted);
                        message.Write(buffer, 0, received.Count);
                    }
                    while (!received.EndOfMessage);
                    if (received.MessageType == WebSocketMessageType.Close)
                    {
                        await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", CancellationToken.None);
                        return;
                    }
                    if (JsonNode.Parse(message.ToArray()) is JsonObject ack && ack["envelope_id"]?.GetValue<string>() is { } id)
                        _acks.GetOrAdd(id, _ => new TaskCompletionSource<JsonObject>(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult(ack);
                }
            }
            catch (Exception error) when (error is WebSocketException or OperationCanceledException)
            {
                // Dropped.
            }
            finally
            {
                _closed.TrySetResult();
            }
        }
    }
}
