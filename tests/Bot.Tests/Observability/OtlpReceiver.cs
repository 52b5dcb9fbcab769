using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IomAssistant.Bot.Tests.Observability;

/// <summary>A span as OTLP carries it: ids as hex, the parent's empty for a root span.</summary>
public sealed record ReceivedSpan(string TraceId, string SpanId, string ParentSpanId, string Name);

/// <summary>
/// An OpenTelemetry collector's OTLP/HTTP side on 127.0.0.1 (http/protobuf): accepts
/// POST /v1/traces, /v1/metrics and /v1/logs and decodes the spans of the traces. It also plays
/// Application Insights' ingestion endpoint.
/// </summary>
public sealed class OtlpReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ReceivedSpan> _spans = new();
    private readonly ConcurrentDictionary<string, int> _posts = new();
    private readonly SemaphoreSlim _received = new(0);
    private readonly ConcurrentQueue<string> _track = new();

    private OtlpReceiver(WebApplication app) => _app = app;

    public string Endpoint { get; private set; } = "";

    public IReadOnlyCollection<ReceivedSpan> Spans => _spans;

    /// <summary>Application Insights' ingestion (POST /v2.1/track), as Azure Monitor's exporter sends it: the bodies, unzipped.</summary>
    public IReadOnlyCollection<string> Tracked => _track;

    /// <summary>Export requests received, by signal path.</summary>
    public int PostsTo(string path) => _posts.GetValueOrDefault(path);

    public static async Task<OtlpReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var receiver = new OtlpReceiver(builder.Build());
        receiver._app.MapPost("/v1/{signal}", async (string signal, HttpRequest request) =>
        {
            if (request.ContentType != "application/x-protobuf")
                return Results.StatusCode(StatusCodes.Status415UnsupportedMediaType);
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body);
            if (signal == "traces")
                foreach (var span in OtlpSpans.Read(body.ToArray()))
                    receiver._spans.Enqueue(span);
            receiver._posts.AddOrUpdate("/v1/" + signal, 1, (_, n) => n + 1);
            receiver._received.Release();
            // An empty ExportTraceServiceResponse (and likewise for metrics and logs).
            return Results.Bytes([], "application/x-protobuf");
        });
        receiver._app.MapPost("/v2.1/track", async (HttpRequest request) =>
        {
            using var body = new MemoryStream();
            var content = request.Headers.ContentEncoding == "gzip" ? new System.IO.Compression.GZipStream(request.Body, System.IO.Compression.CompressionMode.Decompress) : request.Body;
            await content.CopyToAsync(body);
            receiver._track.Enqueue(System.Text.Encoding.UTF8.GetString(body.ToArray()));
            receiver._received.Release();
            return Results.Json(new { itemsReceived = 1, itemsAccepted = 1, errors = Array.Empty<object>() });
        });
        await receiver._app.StartAsync();
        receiver.Endpoint = receiver._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return receiver;
    }

    /// <summary>Waits, export by export, until what was received satisfies the condition.</summary>
    public async Task WaitForAsync(Func<OtlpReceiver, bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!condition(this))
            await _received.WaitAsync(timeout.Token);
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}

/// <summary>
/// Reads the spans out of an ExportTraceServiceRequest in protobuf's wire format (no generated
/// types are served): resource_spans = 1 → scope_spans = 2 → spans = 2 → trace_id = 1,
/// span_id = 2, parent_span_id = 4, name = 5.
/// </summary>
public static class OtlpSpans
{
    public static IEnumerable<ReceivedSpan> Read(byte[] request) =>
        from resourceSpans in Fields(request, 1)
        from scopeSpans in Fields(resourceSpans, 2)
        from span in Fields(scopeSpans, 2)
        select new ReceivedSpan(
            Convert.ToHexStringLower(Fields(span, 1).FirstOrDefault() ?? []),
            Convert.ToHexStringLower(Fields(span, 2).FirstOrDefault() ?? []),
            Convert.ToHexStringLower(Fields(span, 4).FirstOrDefault() ?? []),
            System.Text.Encoding.UTF8.GetString(Fields(span, 5).FirstOrDefault() ?? []));

    /// <summary>The values of the length-delimited fields with this number; other fields are skipped.</summary>
    private static IEnumerable<byte[]> Fields(byte[] message, int number)
    {
        var at = 0;
        var found = new List<byte[]>();
        while (at < message.Length)
        {
            var key = Varint(message, ref at);
            var wireType = (int)(key & 7);
            switch (wireType)
            {
                case 0:
                    Varint(message, ref at);
                    break;
                case 1:
                    at += 8;
                    break;
                case 2:
                    var length = (int)Varint(message, ref at);
                    if ((int)(key >> 3) == number)
                        found.Add(message[at..(at + length)]);
                    at += length;
                    break;
                case 5:
                    at += 4;
                    break;
                default:
                    throw new InvalidDataException($"protobuf wire type {wireType} at byte {at}");
            }
        }
        return found;
    }

    private static ulong Varint(byte[] message, ref int at)
    {
        ulong value = 0;
        for (var shift = 0; ; shift += 7)
        {
            var b = message[at++];
            value |= (ulong)(b & 0x7f) << shift;
            if (b < 0x80)
                return value;
        }
    }
}
