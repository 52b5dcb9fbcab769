using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using Azure.Monitor.OpenTelemetry.Exporter;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using IomAssistant.Bot.Observability;
using IomAssistant.Knowledge.Diagnostics;

namespace IomAssistant.Bot.Tests.Observability;

/// <summary>Traces over OTLP (http/protobuf) to a loopback receiver, as a collector would get them.</summary>
public sealed class TracingTests
{
    private sealed class TracedBot(string endpoint) : BotFactory
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            [TelemetryOptions.EndpointKey] = endpoint,
            [TelemetryOptions.ProtocolKey] = "http/protobuf",
            // Export each batch soon instead of every 5 s (traces, logs) or 60 s (metrics).
            ["OTEL_BSP_SCHEDULE_DELAY"] = "100",
            ["OTEL_BLRP_SCHEDULE_DELAY"] = "100",
            ["OTEL_METRIC_EXPORT_INTERVAL"] = "200",
            // /metrics on the public port, where the test client is.
            ["Management:Urls"] = "",
        };
    }

    [Fact]
    public async Task A_question_on_the_api_is_one_trace_from_the_request_through_the_engine()
    {
        await using var receiver = await OtlpReceiver.StartAsync();
        await using var bot = new TracedBot(receiver.Endpoint);

        var (traceId, request) = Traced("What is the weather in Lima today?");

        var response = await bot.CreateClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        // Other hosts in this test process make spans too: only this request's trace counts.
        await receiver.WaitForAsync(r => r.Spans.Count(s => s.TraceId == traceId && s.Name is "POST /api/ask" or KnowledgeTelemetry.Retrieve) == 2);
        var spans = receiver.Spans.Where(s => s.TraceId == traceId).ToList();
        var served = Assert.Single(spans, s => s.Name == "POST /api/ask");
        var ask = Assert.Single(spans, s => s.Name == KnowledgeTelemetry.Ask);
        var retrieve = Assert.Single(spans, s => s.Name == KnowledgeTelemetry.Retrieve);
        Assert.Equal(served.SpanId, ask.ParentSpanId);
        var decide = Assert.Single(spans, s => s.Name == KnowledgeTelemetry.Decide);
        Assert.Equal(ask.SpanId, decide.ParentSpanId);
        // The passages are searched once, when first needed: while deciding, or after.
        Assert.Contains(retrieve.ParentSpanId, new[] { ask.SpanId, decide.SpanId });
        // Loading the knowledge at start is a trace of its own.
        Assert.Contains(receiver.Spans, s => s.Name == KnowledgeTelemetry.Load && s.ParentSpanId == "");
    }

    [Fact]
    public async Task Metrics_and_logs_go_over_otlp_too_while_prometheus_still_scrapes()
    {
        await using var receiver = await OtlpReceiver.StartAsync();
        await using var bot = new TracedBot(receiver.Endpoint);

        await bot.CreateClient().PostAsJsonAsync("/api/ask", new { question = "How many staff?" });
        var scraped = await bot.CreateClient().GetStringAsync("/metrics");

        Assert.Contains("assistant_questions", scraped);
        await receiver.WaitForAsync(r => r.PostsTo("/v1/metrics") > 0 && r.PostsTo("/v1/logs") > 0);
        Assert.DoesNotContain(receiver.Spans, s => s.Name.Contains("/metrics"));
    }

    private sealed class MonitoredBot(string connectionString) : BotFactory
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            [TelemetryOptions.ApplicationInsightsKey] = connectionString,
            ["OTEL_BSP_SCHEDULE_DELAY"] = "100",
        };

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            // The exporter samples a few traces a second by default, and the other hosts of this
            // test process make spans too: keep every trace here.
            builder.ConfigureTestServices(services => services.Configure<AzureMonitorExporterOptions>(options =>
            {
                options.TracesPerSecond = null;
                options.SamplingRatio = 1F;
            }));
        }
    }

    [Fact]
    public async Task With_an_application_insights_connection_string_the_engine_spans_go_to_azure_monitor()
    {
        await using var receiver = await OtlpReceiver.StartAsync();
        await using var bot = new MonitoredBot($"InstrumentationKey=00000000-0000-4000-8000-000000000000;IngestionEndpoint={receiver.Endpoint}");

        var (traceId, request) = Traced("What is the weather in Lima today?");

        await bot.CreateClient().SendAsync(request);

        // One telemetry item per line; the trace id is Application Insights' operation id.
        await receiver.WaitForAsync(r => Items(r).Any(item => item.Contains(traceId) && item.Contains(KnowledgeTelemetry.Retrieve)));
        Assert.Contains(Items(receiver), item => item.Contains(traceId) && item.Contains("/api/ask"));
    }

    [Fact]
    public void A_connection_string_that_is_not_one_fails_start_up_naming_the_setting()
    {
        var validation = StartupFailure.Of(() => new MonitoredBot("not-a-connection-string"));

        Assert.Contains(validation.Failures, f => f.Contains(TelemetryOptions.ApplicationInsightsKey, StringComparison.Ordinal));
    }

    private static IEnumerable<string> Items(OtlpReceiver receiver) => receiver.Tracked.SelectMany(body => body.Split('\n'));

    /// <summary>A question to /api/ask continuing a trace the caller started (W3C traceparent), as a channel's gateway would.</summary>
    private static (string TraceId, HttpRequestMessage Request) Traced(string question)
    {
        var traceId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/ask") { Content = JsonContent.Create(new { question }) };
        request.Headers.Add("traceparent", $"00-{traceId}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8))}-01");
        return (traceId, request);
    }
}
