using Microsoft.Extensions.Http.Logging;

namespace IomAssistant.Bot.Observability;

/// <summary>
/// Replaces IHttpClientFactory's default logging, which writes every request URI at Information
/// (and headers at Trace). Outgoing URIs carry secrets: a Slack response_url's path is a
/// credential to post in a channel, and Connector paths name conversations. This logger writes
/// only the method, the scheme and host, the status and the time taken, at Debug.
/// </summary>
public sealed class RedactedHttpClientLogger(ILogger<RedactedHttpClientLogger> logger) : IHttpClientLogger
{
    public object? LogRequestStart(HttpRequestMessage request) => null;

    public void LogRequestStop(object? context, HttpRequestMessage request, HttpResponseMessage response, TimeSpan elapsed) =>
        logger.LogDebug("HTTP {Method} to {Target} answered {Status} in {ElapsedMs:0.0} ms",
            request.Method, Target(request), (int)response.StatusCode, elapsed.TotalMilliseconds);

    public void LogRequestFailed(object? context, HttpRequestMessage request, HttpResponseMessage? response, Exception exception, TimeSpan elapsed) =>
        // The exception's type only: the caller logs the failure with what it means.
        logger.LogDebug("HTTP {Method} to {Target} failed after {ElapsedMs:0.0} ms ({Error})",
            request.Method, Target(request), elapsed.TotalMilliseconds, exception.GetType().Name);

    /// <summary>Scheme, host and port; never the path, query or user info.</summary>
    public static string Target(HttpRequestMessage request) =>
        request.RequestUri is { IsAbsoluteUri: true } uri ? uri.GetLeftPart(UriPartial.Authority).Replace(uri.UserInfo + "@", "", StringComparison.Ordinal) : "(relative)";
}

public static class HttpClientLogging
{
    /// <summary>Every HttpClient of the app logs through <see cref="RedactedHttpClientLogger"/> only.</summary>
    public static IServiceCollection AddRedactedHttpClientLogging(this IServiceCollection services)
    {
        services.AddSingleton<RedactedHttpClientLogger>();
        services.ConfigureHttpClientDefaults(http => http.RemoveAllLoggers().AddLogger<RedactedHttpClientLogger>());
        return services;
    }
}
