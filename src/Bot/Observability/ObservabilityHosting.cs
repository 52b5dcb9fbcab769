using IomAssistant.Bot.Api;
using IomAssistant.Bot.Management;
using OpenTelemetry.Metrics;

namespace IomAssistant.Bot.Observability;

public static class ObservabilityHosting
{
    /// <summary>Metrics (the assistant's own, ASP.NET Core, outgoing HTTP, runtime) for Prometheus, and the health checks.</summary>
    public static WebApplicationBuilder AddObservability(this WebApplicationBuilder builder)
    {
        builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(AssistantMetrics.MeterName)
            .AddAspNetCoreInstrumentation()
            .AddMeter("Microsoft.AspNetCore.RateLimiting")
            .AddHttpClientInstrumentation()
            .AddRuntimeInstrumentation()
            .AddPrometheusExporter());
        builder.Services.AddKnowledgeHealthChecks();
        builder.Services.AddRedactedHttpClientLogging();
        return builder;
    }

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
