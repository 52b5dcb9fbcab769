using System.Net.Http.Json;
using IomAssistant.Bot.Conversation;
using IomAssistant.Bot.Gaps;
using IomAssistant.Bot.Tests.Observability;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace IomAssistant.Bot.Tests.Gaps;

/// <summary>The PostgreSQL store against a real server the tests start, and the bot writing to it.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresGapStoreTests(PostgresServer server)
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    private static PostgresGapStore Store(string connectionString, bool recordText = true, ILogger? logger = null) =>
        new(NpgsqlDataSource.Create(connectionString), recordText, logger ?? NullLogger.Instance);

    [SkippableFact]
    public async Task Counts_bounds_and_reads_back_what_it_records()
    {
        Skip.IfNot(server.Available, PostgresServer.InstallHint);
        using var store = Store(await server.CreateDatabaseAsync());

        store.RecordBatch(
        [
            new UnansweredQuestion("teams", "Staff in VIENNA?", "en", Now),
            new UnansweredQuestion("slack", "staff in vienna", "en", Now),
            new UnansweredQuestion("api", "'; DROP TABLE unanswered;--\0", "en", Now),
            new UnansweredQuestion("api", new string('a', 499) + "😀" + new string('b', 1500), "en", Now),
        ], [new FeedbackEntry("web", new string('t', 5000), "¿Cuántos?", false, Now)]);

        var top = store.TopUnanswered(10, Now.AddDays(-1));
        Assert.Equal(("staff in vienna", 2), (top[0].Text, top[0].Count));
        Assert.Contains(top, g => g.Example == "'; DROP TABLE unanswered;--");
        Assert.Contains(top, g => g.Example?.Length == 499);
        var notHelpful = Assert.Single(store.TopNotHelpful(5, Now.AddDays(-1)));
        Assert.Equal((200, 1, "¿Cuántos?"), (notHelpful.Text!.Length, notHelpful.Count, notHelpful.Example));
    }

    [SkippableFact]
    public async Task Keeps_no_question_text_when_the_privacy_setting_says_so()
    {
        Skip.IfNot(server.Available, PostgresServer.InstallHint);
        using var store = Store(await server.CreateDatabaseAsync(), recordText: false);
        store.RecordBatch([new UnansweredQuestion("api", "My colleague Ana's salary?", "en", Now)], [new FeedbackEntry("teams", "Regional Office", "Ana's salary?", false, Now)]);

        Assert.Equal((null, 1, null), Assert.Single(store.TopUnanswered(10, Now.AddDays(-1))) is var g ? (g.Text, g.Count, g.Example) : default);
        Assert.Null(Assert.Single(store.TopNotHelpful(5, Now.AddDays(-1))).Example);
    }

    [SkippableFact]
    public async Task Prunes_records_past_the_retention_and_beyond_the_row_cap()
    {
        Skip.IfNot(server.Available, PostgresServer.InstallHint);
        using var store = Store(await server.CreateDatabaseAsync());
        store.RecordBatch(
            [new UnansweredQuestion("api", "old question", "en", Now.AddDays(-100)), .. Enumerable.Range(0, 1005).Select(i => new UnansweredQuestion("api", $"question {i}", "en", Now.AddSeconds(i)))],
            [new FeedbackEntry("web", "Old answer", null, false, Now.AddDays(-100)), new FeedbackEntry("web", "New answer", null, false, Now)]);

        Assert.Equal(1 + 5 + 1, store.Prune(Now.AddDays(-90), maxRows: 1000));

        var kept = store.TopUnanswered(2000, Now.AddDays(-1000));
        Assert.Equal(1000, kept.Count);
        Assert.DoesNotContain(kept, g => g.Text is "old question" or "question 0" or "question 4");
        Assert.Contains(kept, g => g.Text == "question 5");
        Assert.Equal("New answer", Assert.Single(store.TopNotHelpful(5, Now.AddDays(-1000))).Text);
    }

    [SkippableFact]
    public async Task A_server_that_cannot_be_reached_is_logged_and_never_thrown()
    {
        Skip.IfNot(server.Available, PostgresServer.InstallHint);
        var logs = new LogCapture();
        using var factory = LoggerFactory.Create(b => b.AddProvider(logs));
        using var store = Store($"Host=127.0.0.1;Port={LoopbackPort.Free()};Username=u;Password=secret-pg-password;Timeout=2", logger: factory.CreateLogger("store"));

        store.RecordBatch([new UnansweredQuestion("api", "weather?", "en", Now)], []);

        Assert.Empty(store.TopNotHelpful(5, Now.AddDays(-1)));
        Assert.Equal(0, store.Prune(Now, 1000));
        Assert.Contains(logs.Entries, e => e.Level == LogLevel.Error && e.Message.Contains("Store:PostgresConnectionString"));
        Assert.DoesNotContain(logs.Entries, e => e.Message.Contains("secret-pg-password"));
    }

    [SkippableFact]
    public async Task Two_bots_record_into_one_database_and_the_report_reads_it()
    {
        Skip.IfNot(server.Available, PostgresServer.InstallHint);
        var database = await server.CreateDatabaseAsync();
        var settings = new Dictionary<string, string?> { ["Store:PostgresConnectionString"] = database };
        await using (var first = new SettingsBotFactory(settings))
        await using (var second = new SettingsBotFactory(settings))
        {
            (await first.CreateClient().PostAsJsonAsync("/api/ask", new { question = "What is the weather in Lima today?" })).EnsureSuccessStatusCode();
            (await second.CreateClient().PostAsJsonAsync("/api/ask", new { question = "what is the weather in lima today" })).EnsureSuccessStatusCode();
            var feedback = await second.CreateClient().PostAsync("/api/feedback", new StringContent(
                """{"action": "feedback", "helpful": false, "answer": "IOM Regional Office for South America", "question": "How many staff?", "lang": "en"}""",
                System.Text.Encoding.UTF8, "application/json"));
            feedback.EnsureSuccessStatusCode();
        }

        var output = new StringWriter();
        Assert.Equal(0, IomAssistant.Bot.Cli.GapsReport.Run(20, 30, new StoreOptions { PostgresConnectionString = database }, output));
        Assert.Matches(@"2\s+what is the weather in lima today", output.ToString());
        Assert.Matches(@"1\s+IOM Regional Office for South America .*e\.g\. ""How many staff\?""", output.ToString());
    }

    private sealed class SettingsBotFactory(IDictionary<string, string?> settings) : BotFactory
    {
        protected override IDictionary<string, string?> Settings => settings;
    }
}
