using Microsoft.Extensions.Options;

namespace IomAssistant.Bot.Observability;

/// <summary>
/// The standard OpenTelemetry exporter settings the bot reads itself (the exporter reads the
/// rest of the OTEL_* variables, e.g. OTEL_EXPORTER_OTLP_HEADERS and OTEL_SERVICE_NAME).
/// </summary>
public sealed class TelemetryOptions
{
    public const string EndpointKey = "OTEL_EXPORTER_OTLP_ENDPOINT";
    public const string ProtocolKey = "OTEL_EXPORTER_OTLP_PROTOCOL";
    public const string ApplicationInsightsKey = "APPLICATIONINSIGHTS_CONNECTION_STRING";

    /// <summary>Where traces, metrics and logs go over OTLP; unset, nothing is exported (Prometheus scraping stays).</summary>
    [ConfigurationKeyName(EndpointKey)]
    public string OtlpEndpoint { get; set; } = "";

    /// <summary>grpc (the default, port 4317) or http/protobuf (port 4318).</summary>
    [ConfigurationKeyName(ProtocolKey)]
    public string OtlpProtocol { get; set; } = "";

    /// <summary>Application Insights' connection string: the same traces, metrics and logs to Azure Monitor.</summary>
    [ConfigurationKeyName(ApplicationInsightsKey)]
    public string ApplicationInsightsConnectionString { get; set; } = "";

    public bool ExportsOtlp => OtlpEndpoint.Length > 0;

    /// <summary>A usable connection string is set (one that is not stops the start, see the validator).</summary>
    public bool ExportsToAzureMonitor => ApplicationInsightsConnectionString.Contains("InstrumentationKey=", StringComparison.OrdinalIgnoreCase);

    public static TelemetryOptions From(IConfiguration configuration) => configuration.Get<TelemetryOptions>() ?? new TelemetryOptions();
}

/// <summary>Fails start-up with a message naming the setting to fix.</summary>
public sealed class TelemetryOptionsValidator : IValidateOptions<TelemetryOptions>
{
    public ValidateOptionsResult Validate(string? name, TelemetryOptions options)
    {
        var errors = new List<string>();
        if (options.ExportsOtlp && !(Uri.TryCreate(options.OtlpEndpoint, UriKind.Absolute, out var endpoint) && (endpoint.Scheme == Uri.UriSchemeHttp || endpoint.Scheme == Uri.UriSchemeHttps)))
            errors.Add($"{TelemetryOptions.EndpointKey} must be an absolute http(s) URL, e.g. http://otel-collector:4317 (grpc) or http://otel-collector:4318 (http/protobuf).");
        if (options.OtlpProtocol is not ("" or "grpc" or "http/protobuf"))
            errors.Add($"{TelemetryOptions.ProtocolKey} must be grpc or http/protobuf.");
        if (options.ApplicationInsightsConnectionString.Length > 0 && !options.ExportsToAzureMonitor)
            errors.Add($"{TelemetryOptions.ApplicationInsightsKey} must be an Application Insights connection string (InstrumentationKey=...;IngestionEndpoint=...).");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
