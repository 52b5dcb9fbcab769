using IomAssistant.Bot.Conversation;
using IomAssistant.Bot.Gaps;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace IomAssistant.Bot.Hosting;

public static class ConversationHosting
{
    public static WebApplicationBuilder AddConversation(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<QuestionLoggingOptions>().Bind(builder.Configuration.GetSection(QuestionLoggingOptions.Section));
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
        services.TryAddSingleton<IConversationMemory, ConversationMemory>();
        services.AddSingleton<ConversationService>();
        return builder;
    }
}
