using IomAssistant.Knowledge.Answers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IomAssistant.Bot.Tests.Slack;

/// <summary>
/// The real bot over in-memory HTTP, configured for Slack against a loopback fake Web API
/// (or with no Slack settings at all when <paramref name="slack"/> is null).
/// </summary>
public sealed class SlackBotFactory(FakeSlackWebApi? slack, Func<IAnswerEngine, IAnswerEngine>? decorateEngine = null, IReadOnlyDictionary<string, string>? settings = null,
    Microsoft.Extensions.Logging.ILoggerProvider? logs = null)
    : WebApplicationFactory<Program>
{
    private readonly string _indexPath = Path.Combine(Path.GetTempPath(), "slack-tests-index-" + Guid.NewGuid().ToString("N"));

    public RecordedFeedback Feedback { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        var root = BotFactory.RepositoryRoot;
        builder.UseContentRoot(root);
        builder.UseSetting("Knowledge:Path", Path.Combine(root, "knowledge"));
        builder.UseSetting("Knowledge:IndexPath", _indexPath);
        builder.UseSetting("Store:SqlitePath", Path.Combine(_indexPath + "-store", "assistant.db"));
        // Conversations scripted by one test user; the limits have tests of their own.
        builder.UseSetting("RateLimits:Channels:PermitLimit", "100000");
        if (slack is not null)
        {
            builder.UseSetting("Slack:SigningSecret", SignedSlackRequests.Secret);
            builder.UseSetting("Slack:BotToken", SignedSlackRequests.BotToken);
            builder.UseSetting("Slack:ApiBaseUrl", slack.ApiBaseUrl);
        }
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
            builder.UseSetting(key, value);
        builder.ConfigureTestServices(Feedback.Replace);
        if (decorateEngine is not null)
            builder.ConfigureTestServices(services => Decorate(services, decorateEngine));
        if (logs is not null)
            builder.ConfigureLogging(logging => logging.AddProvider(logs));
    }

    private static void Decorate(IServiceCollection services, Func<IAnswerEngine, IAnswerEngine> decorate)
    {
        var original = services.Last(d => d.ServiceType == typeof(IAnswerEngine));
        services.Remove(original);
        services.AddSingleton(provider => decorate((IAnswerEngine)(
            original.ImplementationInstance
            ?? original.ImplementationFactory?.Invoke(provider)
            ?? ActivatorUtilities.CreateInstance(provider, original.ImplementationType!))));
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        foreach (var folder in new[] { _indexPath, _indexPath + "-store" })
            if (Directory.Exists(folder))
                Directory.Delete(folder, recursive: true);
    }
}

/// <summary>Holds every answer until the test opens the gate: an engine that is as slow as the test needs.</summary>
public sealed class GatedEngine(IAnswerEngine inner) : IAnswerEngine
{
    private readonly ManualResetEventSlim _gate = new(false);

    public int Completed;

    public void Open() => _gate.Set();

    public AskResult Ask(string question, AnswerContext? context = null, string? locale = null, IReadOnlySet<string>? audiences = null)
    {
        _gate.Wait(TimeSpan.FromSeconds(30));
        var result = inner.Ask(question, context, locale, audiences);
        Interlocked.Increment(ref Completed);
        return result;
    }

    public IReadOnlyList<Answer> Search(string query, int max, string? locale = null, IReadOnlySet<string>? audiences = null) => inner.Search(query, max, locale, audiences);

    public IReadOnlyList<TopicSummary> Topics(string language = "en", IReadOnlySet<string>? audiences = null) => inner.Topics(language, audiences);
}

/// <summary>Answers with text an attacker chose, to prove nothing of it reaches Slack as markup.</summary>
public sealed class HostileEngine : IAnswerEngine
{
    public const string Payload = "<!channel> <!here|here> <!everyone> <@U999> <!subteam^S1> <https://evil.example|click> & more";

    public AskResult Ask(string question, AnswerContext? context = null, string? locale = null, IReadOnlySet<string>? audiences = null) =>
        new(new Answer
        {
            Kind = "passage",
            Title = Payload,
            Text = Payload + " " + question,
            Facts = [new Fact(Payload, Payload)],
            Source = new SourceRef(Payload, Payload, Payload),
            FollowUps = [Payload, question],
        }, [Payload], "en");

    public IReadOnlyList<Answer> Search(string query, int max, string? locale = null, IReadOnlySet<string>? audiences = null) => [Ask(query).Answer!];

    public IReadOnlyList<TopicSummary> Topics(string language = "en", IReadOnlySet<string>? audiences = null) => [];
}
