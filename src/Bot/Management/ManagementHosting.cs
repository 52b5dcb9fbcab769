using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace IomAssistant.Bot.Management;

/// <summary>Endpoint metadata: served on Management:Urls only (or on the public port when that setting is empty).</summary>
public sealed record ManagementEndpointMetadata;

/// <summary>
/// The management port and the trusted proxies. Kestrel listens on the public URLs and on
/// Management:Urls; /metrics and the detailed /readyz answer only on the latter, and nothing
/// else answers there, so a cluster exposes the public port and scrapes the other.
/// </summary>
public static class ManagementHosting
{
    private const string DefaultPublicUrls = "http://localhost:5000";

    public static WebApplicationBuilder AddManagement(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<ManagementOptions>().Bind(builder.Configuration.GetSection(ManagementOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ManagementOptions>, ManagementOptionsValidator>();
        services.AddOptions<ForwardedHeadersSettings>().Bind(builder.Configuration.GetSection(ForwardedHeadersSettings.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ForwardedHeadersSettings>, ForwardedHeadersSettingsValidator>();
        // Also replaces what ASPNETCORE_FORWARDEDHEADERS_ENABLED would trust (everyone): only the configured proxies.
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<ForwardedHeadersSettings>>((forwarded, settings) =>
        {
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            forwarded.KnownProxies.Clear();
            forwarded.KnownIPNetworks.Clear();
            foreach (var proxy in settings.Value.KnownProxies)
                forwarded.KnownProxies.Add(System.Net.IPAddress.Parse(proxy));
            foreach (var network in settings.Value.KnownNetworks)
                forwarded.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
        });
        return builder;
    }

    /// <summary>First in the pipeline: the client's address as the trusted proxy states it, then the port check.</summary>
    public static WebApplication UseManagement(this WebApplication app)
    {
        var management = app.Services.GetRequiredService<IOptions<ManagementOptions>>().Value;
        ListenOnManagementUrls(app, management);
        if (app.Services.GetRequiredService<IOptions<ForwardedHeadersSettings>>().Value.Any)
            app.UseForwardedHeaders();
        if (!management.IsSeparate)
            return app;
        var ports = management.Ports;
        app.Use(async (context, next) =>
        {
            var onManagementPort = ports.Contains(context.Connection.LocalPort);
            var isManagement = context.GetEndpoint()?.Metadata.GetMetadata<ManagementEndpointMetadata>() is not null;
            if (onManagementPort != isManagement)
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }
            await next(context);
        });
        return app;
    }

    public static TBuilder ServedOnManagementPort<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new ManagementEndpointMetadata());

    /// <summary>
    /// Adds Management:Urls to the addresses Kestrel binds, after the public ones the host would
    /// bind by itself (urls / ASPNETCORE_URLS, else ASPNETCORE_HTTP_PORTS and HTTPS_PORTS, else
    /// its default). Servers without addresses (the test server) are left alone.
    /// </summary>
    private static void ListenOnManagementUrls(WebApplication app, ManagementOptions management)
    {
        if (!management.IsSeparate || app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>() is not { Addresses.IsReadOnly: false } feature)
            return;
        var addresses = feature.Addresses;
        if (addresses.Count == 0)
            foreach (var url in PublicUrls(app.Configuration))
                addresses.Add(url);
        foreach (var url in management.Urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            addresses.Add(url);
    }

    private static IEnumerable<string> PublicUrls(IConfiguration configuration)
    {
        static IEnumerable<string> Split(string? value) => (value ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var urls = Split(configuration[WebHostDefaults.ServerUrlsKey]).ToList();
        if (urls.Count > 0)
            return urls;
        var ports = Split(configuration[WebHostDefaults.HttpPortsKey]).Select(p => $"http://*:{p}")
            .Concat(Split(configuration[WebHostDefaults.HttpsPortsKey]).Select(p => $"https://*:{p}")).ToList();
        return ports.Count > 0 ? ports : [DefaultPublicUrls];
    }
}
