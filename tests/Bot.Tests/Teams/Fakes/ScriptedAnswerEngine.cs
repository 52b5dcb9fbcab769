using System.Collections.Concurrent;
using IomAssistant.Knowledge.Answers;
using IomAssistant.Knowledge.Catalog;

namespace IomAssistant.Bot.Tests.Teams.Fakes;

/// <summary>
/// A predictable answer engine: questions mentioning "Atlantis" have no answer; every other
/// question gets the regional office's card. It records what it was asked, so tests can see
/// exactly the text a channel passed on.
/// </summary>
public sealed class ScriptedAnswerEngine : IAnswerEngine
{
    public const string OfficeTitle = "IOM Regional Office for South America";
    public const string FollowUp = "How many projects does the regional office run?";
    public const string Suggestion = "Who coordinates the IOM mission in Guyana?";

    private readonly ConcurrentQueue<string> _questions = new();
    private readonly ConcurrentQueue<AnswerContext?> _contexts = new();
    private readonly ConcurrentQueue<IReadOnlySet<string>?> _audiences = new();
    public IReadOnlyList<string> Questions => _questions.ToList();
    public IReadOnlyList<AnswerContext?> Contexts => _contexts.ToList();

    /// <summary>The audiences the channel asked each question (or search) as.</summary>
    public IReadOnlyList<IReadOnlySet<string>?> Audiences => _audiences.ToList();
    public Func<string, AskResult>? Override { get; set; }

    public static Answer Office => new()
    {
        Kind = "office",
        Title = OfficeTitle,
        Facts = [new Fact("Staff", "515"), new Fact("City", "Buenos Aires")],
        Source = new SourceRef("iom-ro-south-america.txt", "Introduction", "515 Staff"),
        Context = new AnswerContext("ro-south-america", "staff"),
        FollowUps = [FollowUp],
    };

    public AskResult Ask(string question, AnswerContext? context = null, string? locale = null, IReadOnlySet<string>? audiences = null)
    {
        _questions.Enqueue(question);
        _audiences.Enqueue(audiences);
        _contexts.Enqueue(context);
        if (Override is { } answer)
            return answer(question);
        var language = locale?.StartsWith("es", StringComparison.OrdinalIgnoreCase) == true ? "es" : "en";
        return question.Contains("Atlantis", StringComparison.OrdinalIgnoreCase)
            ? new AskResult(null, [Suggestion], language)
            : new AskResult(Office, [], language);
    }

    public IReadOnlyList<Answer> Search(string query, int max, string? locale = null, IReadOnlySet<string>? audiences = null)
    {
        _questions.Enqueue(query);
        _audiences.Enqueue(audiences);
        return query.Contains("Atlantis", StringComparison.OrdinalIgnoreCase) ? [] : [Office];
    }

    /// <summary>The welcome the knowledge would give, in each language: its title names the language.</summary>
    public Greeting Greeting(string language) =>
        new($"Scripted assistant ({language})", $"Welcome ({language})", $"Help ({language})", [$"First example ({language})?", $"Second example ({language})?"]);

    public IReadOnlyList<TopicSummary> Topics(string language = "en", IReadOnlySet<string>? audiences = null) =>
    [
        new("ro-south-america", "office", OfficeTitle, "Buenos Aires, Argentina"),
        new("guyana", "country", "Guyana", "Member State since 1988"),
    ];
}
