using IomAssistant.Bot.Observability;

namespace IomAssistant.Bot.Hosting;

/// <summary>What every feature of the bot relies on, registered once before the features themselves.</summary>
public static class AssistantDefaults
{
    public static WebApplicationBuilder AddAssistantDefaults(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        // Replaced by a fake clock in tests of expiry, retries and token lifetimes.
        services.AddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.AddSingleton<AssistantMetrics>();
        return builder;
    }
}
