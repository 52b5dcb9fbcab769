using IomAssistant.Bot.Conversation;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace IomAssistant.Bot.Deduplication;

public static class DeduplicationHosting
{
    /// <summary>
    /// Registers delivery deduplication and conversation context: in this process's memory by
    /// default (one replica), in Redis when Redis:ConnectionString is set (several replicas
    /// behind a load balancer), over one connection.
    /// </summary>
    public static WebApplicationBuilder AddDeliveryDeduplication(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<RedisOptions>().Bind(builder.Configuration.GetSection(RedisOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<RedisOptions>, RedisOptionsValidator>();
        services.AddSingleton<RedisConnection>();
        services.AddHostedService(sp => sp.GetRequiredService<RedisConnection>());
        services.AddSingleton<IDeliveryDeduplicator>(sp => sp.GetRequiredService<IOptions<RedisOptions>>().Value.IsConfigured
            ? ActivatorUtilities.CreateInstance<RedisDeliveryDeduplicator>(sp)
            : new InMemoryDeliveryDeduplicator());
        services.RemoveAll<IConversationMemory>();
        services.AddSingleton<IConversationMemory>(sp => sp.GetRequiredService<IOptions<RedisOptions>>().Value.IsConfigured
            ? ActivatorUtilities.CreateInstance<RedisConversationMemory>(sp)
            : new ConversationMemory());
        return builder;
    }
}
