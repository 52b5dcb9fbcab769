using System.Net;
using System.Net.Http.Json;
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
        };
    }

    [Fact]
    public async Task A_question_on_the_api_is_one_trace_from_the_request_through_the_engine()
    {
        await using var receiver = await OtlpReceiver.StartAsync();
        await using var bot = new TracedBot(receiver.Endpoint);

        var response = await bot.CreateClient().PostAsJsonAsync("/api/ask", new { question = "What is the weather in Lima today?" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await receiver.WaitForAsync(r =>
            r.Spans.Any(s => s.Name == "POST /api/ask") && r.Spans.Any(s => s.Name == KnowledgeTelemetry.Retrieve));
        var spans = receiver.Spans;
        var request = Assert.Single(spans, s => s.Name == "POST /api/ask");
        var ask = Assert.Single(spans, s => s.Name == KnowledgeTelemetry.Ask);
        var retrieve = Assert.Single(spans, s => s.Name == KnowledgeTelemetry.Retrieve);
        Assert.Equal(request.TraceId, ask.TraceId);
        Assert.Equal(ask.TraceId, retrieve.TraceId);
        var decide = Assert.Single(spans, s => s.Name == KnowledgeTelemetry.Decide);
        Assert.Equal(ask.SpanId, decide.ParentSpanId);
        // The passages are searched once, when first needed: while deciding, or after.
        Assert.Contains(retrieve.ParentSpanId, new[] { ask.SpanId, decide.SpanId });
        // Loading the knowledge at start is a trace of its own.
        Assert.Contains(spans, s => s.Name == KnowledgeTelemetry.Load);
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
    }

    [Fact]
    public async Task With_an_application_insights_connection_string_the_engine_spans_go_to_azure_monitor()
    {
        await using var receiver = await OtlpReceiver.StartAsync();
        await using var bot = new MonitoredBot($"InstrumentationKey=00000000-0000-4000-8000-000000000000;IngestionEndpoint={receiver.Endpoint}");

        await bot.CreateClient().PostAsJsonAsync("/api/ask", new { question = "What is the weather in Lima today?" });

        await receiver.WaitForAsync(r => r.Tracked.Any(body => body.Contains(KnowledgeTelemetry.Retrieve)));
        Assert.Contains(receiver.Tracked, body => body.Contains("/api/ask"));
    }

    [Fact]
    public void A_connection_string_that_is_not_one_fails_start_up_naming_the_setting()
    {
        var validation = StartupFailure.Of(() => new MonitoredBot("not-a-connection-string"));

        Assert.Contains(validation.Failures, f => f.Contains(TelemetryOptions.ApplicationInsightsKey, StringComparison.Ordinal));
    }
}
