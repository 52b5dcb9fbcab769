using IomAssistant.Knowledge.Answers;
using Microsoft.Extensions.Options;

namespace IomAssistant.Bot.Hosting;

public static class KnowledgeHosting
{
    public static WebApplicationBuilder AddKnowledgeEngine(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<KnowledgeOptions>()
            .Bind(builder.Configuration.GetSection(KnowledgeOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<KnowledgeEngineHost>();
        builder.Services.AddSingleton<IAnswerEngine>(sp => sp.GetRequiredService<KnowledgeEngineHost>());
        builder.Services.AddHostedService(sp => sp.GetRequiredService<KnowledgeEngineHost>());
        return builder;
    }

    /// <summary>Resolves a configured folder against the content root (the working folder by default).</summary>
    public static string ResolvePath(IHostEnvironment environment, string path) =>
        Path.GetFullPath(Path.IsPathRooted(path) ? path : Path.Combine(environment.ContentRootPath, path));
}
