using Microsoft.Extensions.DependencyInjection.Extensions;

namespace IomAssistant.Bot.Conversation;

public static class ConversationHosting
{
    /// <summary>The channel-neutral conversation every channel asks through; it records into the gap store.</summary>
    public static WebApplicationBuilder AddConversation(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<QuestionLoggingOptions>().Bind(builder.Configuration.GetSection(QuestionLoggingOptions.Section));
        services.TryAddSingleton<IConversationMemory, ConversationMemory>();
        services.AddSingleton<ConversationService>();
        return builder;
    }
}
