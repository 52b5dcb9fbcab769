using IomAssistant.Bot.Hosting;
using IomAssistant.Bot.Management;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace IomAssistant.Bot.Api;

/// <summary>
/// /healthz (live) and /readyz (ready) as ASP.NET Core health checks. One check reads the
/// knowledge status: unhealthy while loading, degraded when an update was rejected (still
/// serving the last good knowledge, so still live and ready), healthy otherwise. The response
/// writers keep the bodies probes and operators already read.
/// </summary>
public static class HealthEndpoints
{
    private const string StatusKey = "status";

    public static IServiceCollection AddKnowledgeHealthChecks(this IServiceCollection services)
    {
        services.AddHealthChecks().AddCheck<KnowledgeHealthCheck>("knowledge");
        return services;
    }

    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        var statusCodes = new Dictionary<HealthStatus, int>
        {
            [HealthStatus.Healthy] = StatusCodes.Status200OK,
            [HealthStatus.Degraded] = StatusCodes.Status200OK,
            [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
        };
        // Live, on the public port: the process serves answers (possibly from the previous
        // knowledge). It says only that: what failed and why is for operators, on /readyz.
        app.MapHealthChecks("/healthz", new HealthCheckOptions { ResultStatusCodes = statusCodes, ResponseWriter = WriteLiveAsync })
            .WithMetadata(new HttpMethodMetadata([HttpMethods.Get, HttpMethods.Head]));
        // Ready, on the management port: the index is loaded; the body says whether the knowledge is current and why not.
        app.MapHealthChecks("/readyz", new HealthCheckOptions { ResultStatusCodes = statusCodes, ResponseWriter = WriteReadyAsync })
            .WithMetadata(new HttpMethodMetadata([HttpMethods.Get, HttpMethods.Head]))
            .ServedOnManagementPort();
        return app;
    }

    private static Task WriteLiveAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync(report.Status == HealthStatus.Unhealthy ? "unhealthy" : "ok");
    }

    private static Task WriteReadyAsync(HttpContext context, HealthReport report)
    {
        var status = StatusOf(report) ?? context.RequestServices.GetRequiredService<KnowledgeEngineHost>().Status;
        var body = new
        {
            status = !status.Ready ? "loading" : status.Current ? "ready" : "serving, knowledge update failed",
            knowledge = new { hash = status.ContentHash, loadedAt = status.LoadedAt, documents = status.Documents, entities = status.Entities },
            lastUpdate = status.UpdateError is null ? null : new { error = status.UpdateError, at = status.UpdateFailedAt },
        };
        return context.Response.WriteAsJsonAsync(body);
    }

    /// <summary>The knowledge status the check saw, so the body matches the status code.</summary>
    private static KnowledgeStatus? StatusOf(HealthReport report) =>
        report.Entries.TryGetValue("knowledge", out var entry) && entry.Data.TryGetValue(StatusKey, out var status) ? status as KnowledgeStatus : null;

    private sealed class KnowledgeHealthCheck(KnowledgeEngineHost knowledge) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            var status = knowledge.Status;
            var data = new Dictionary<string, object> { [StatusKey] = status };
            return Task.FromResult(status switch
            {
                { Ready: false } => HealthCheckResult.Unhealthy("the knowledge is loading", data: data),
                { UpdateError: not null } => HealthCheckResult.Degraded("serving the last good knowledge; an update was rejected", data: data),
                _ => HealthCheckResult.Healthy("serving the current knowledge", data),
            });
        }
    }
}
