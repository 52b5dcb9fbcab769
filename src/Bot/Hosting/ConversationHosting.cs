using IomAssistant.Bot.Conversation;

namespace IomAssistant.Bot.Hosting;

public static class ConversationHosting
{
    public static IServiceCollection AddConversation(this IServiceCollection services)
    {
        services.AddSingleton<ConversationMemory>();
        services.AddSingleton<ConversationService>();
        services.AddSingleton<IFeedbackStore, InMemoryFeedbackStore>();
        return services;
    }
}
