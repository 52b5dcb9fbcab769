using Azure.Monitor.OpenTelemetry.Exporter;
using IomAssistant.Bot.Api;
using IomAssistant.Bot.Management;
using IomAssistant.Knowledge.Diagnostics;
using Microsoft.Extensions.Options;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace IomAssistant.Bot.Observability;

public static class ObservabilityHosting
{
    public const string ServiceName = "iom-assistant";

    /// <summary>
    /// Metrics (the assistant's own, ASP.NET Core, outgoing HTTP, runtime) for Prometheus, and the
    /// health checks. With OTEL_EXPORTER_OTLP_ENDPOINT set, also traces (requests, outgoing HTTP,
    /// the knowledge engine's stages), metrics and logs over OTLP; with
    /// APPLICATIONINSIGHTS_CONNECTION_STRING set, the same to Azure Monitor (either or both).
    /// </summary>
    // Every series of a metric is allocated up front (2,000 by default, 5 MB over the host's
    // metrics); none of ours has more than a few dozen (routes, status codes, outcomes).
    private const int MaxSeriesPerMetric = 256;

    public static WebApplicationBuilder AddObservability(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<TelemetryOptions>().Bind(builder.Configuration).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<TelemetryOptions>, TelemetryOptionsValidator>();

        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(builder.Configuration["OTEL_SERVICE_NAME"] ?? ServiceName))
            .WithMetrics(metrics => metrics
                .AddMeter(AssistantMetrics.MeterName)
                .AddAspNetCoreInstrumentation()
                .AddMeter("Microsoft.AspNetCore.RateLimiting")
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddView(_ => new MetricStreamConfiguration { CardinalityLimit = MaxSeriesPerMetric })
                .AddPrometheusExporter());
        // Spans and log records cost only when someone receives them.
        var settings = TelemetryOptions.From(builder.Configuration);
        if (settings.ExportsOtlp || settings.ExportsToAzureMonitor)
        {
            telemetry
                .WithTracing(tracing => tracing
                    .AddSource(KnowledgeTelemetry.SourceName)
                    .AddAspNetCoreInstrumentation(options => options.Filter = context => !IsScrapeOrProbe(context.Request.Path))
                    .AddHttpClientInstrumentation())
                .WithLogging();
        }
        if (settings.ExportsOtlp)
            telemetry.UseOtlpExporter();
        if (settings.ExportsToAzureMonitor)
            telemetry.UseAzureMonitorExporter();
        builder.Services.AddKnowledgeHealthChecks();
        builder.Services.AddRedactedHttpClientLogging();
        return builder;
    }

    /// <summary>Prometheus scrapes and health probes every few seconds: no trace of them.</summary>
    private static bool IsScrapeOrProbe(PathString path) =>
        path.StartsWithSegments("/metrics") || path.StartsWithSegments("/healthz") || path.StartsWithSegments("/readyz");

    /// <summary>Correlation ids on every request, before anything that logs.</summary>
    public static WebApplication UseCorrelation(this WebApplication app)
    {
        Correlation.UseCorrelation(app);
        return app;
    }

    /// <summary>GET /metrics in Prometheus text format, on the management port: for the cluster's scraper, not the internet.</summary>
    public static WebApplication MapMetrics(this WebApplication app)
    {
        app.MapPrometheusScrapingEndpoint("/metrics").ServedOnManagementPort();
        return app;
    }
}
