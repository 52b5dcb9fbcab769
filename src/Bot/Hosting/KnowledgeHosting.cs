using IomAssistant.Knowledge.Answers;

namespace IomAssistant.Bot.Hosting;

public static class KnowledgeHosting
{
    public static WebApplicationBuilder AddKnowledgeEngine(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<KnowledgeOptions>()
            .Bind(builder.Configuration.GetSection(KnowledgeOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<IAnswerEngine, StubEngine>();
        return builder;
    }

    /// <summary>Placeholder until the Lucene engine lands: answers every question with the staff figure.</summary>
    private sealed class StubEngine : IAnswerEngine
    {
        public AskResult Ask(string question, AnswerContext? context = null, string? locale = null) =>
            new(new Answer
            {
                Kind = "office",
                Title = "IOM Regional Office for South America",
                Facts = [new Fact("Staff", "515")],
                Source = new SourceRef("iom-ro-south-america.txt", "Introduction", "515 Staff"),
                Context = new AnswerContext("ro-south-america", "staff"),
            }, ["How many projects does the regional office run?"], "en");

        public IReadOnlyList<Answer> Search(string query, int max, string? locale = null) => [Ask(query).Answer!];

        public IReadOnlyList<TopicSummary> Topics(string language = "en") =>
            [new("ro-south-america", "office", "IOM Regional Office for South America", "Buenos Aires, Argentina")];
    }
}
