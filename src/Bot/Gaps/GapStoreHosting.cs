using IomAssistant.Bot.Conversation;
using Microsoft.Extensions.Options;

namespace IomAssistant.Bot.Gaps;

public static class GapStoreHosting
{
    /// <summary>
    /// The store of unanswered questions and feedback (SQLite or PostgreSQL, as Store: says), its
    /// retention, and the background writer the conversation records through.
    /// </summary>
    public static WebApplicationBuilder AddGapStore(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<StoreOptions>()
            .Bind(builder.Configuration.GetSection(StoreOptions.Section))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<StoreOptions>, StoreOptionsValidator>();
        services.AddSingleton(provider => GapStores.Open(
            provider.GetRequiredService<IOptions<StoreOptions>>().Value,
            provider.GetRequiredService<IHostEnvironment>().ContentRootPath,
            provider.GetRequiredService<ILoggerFactory>()));
        services.AddHostedService<GapStoreRetention>();
        services.AddSingleton<QueuedGapRecorder>();
        services.AddHostedService(provider => provider.GetRequiredService<QueuedGapRecorder>());
        services.AddSingleton<IFeedbackStore>(provider => provider.GetRequiredService<QueuedGapRecorder>());
        services.AddSingleton<IKnowledgeGapRecorder>(provider => provider.GetRequiredService<QueuedGapRecorder>());
        return builder;
    }
}
