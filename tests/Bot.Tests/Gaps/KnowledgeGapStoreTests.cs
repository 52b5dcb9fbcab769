using System.Net.Http.Json;
using IomAssistant.Bot.Cli;
using IomAssistant.Bot.Conversation;
using IomAssistant.Bot.Gaps;
using IomAssistant.Bot.Tests.Cli;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace IomAssistant.Bot.Tests.Gaps;

/// <summary>The knowledge-gap store on real SQLite files in temporary folders, and the report verb.</summary>
[Collection(nameof(WorkingFolder))]
public sealed class KnowledgeGapStoreTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "iom-gaps-" + Guid.NewGuid().ToString("N"));
    private string DbPath => Path.Combine(_folder, "nested", "assistant.db");

    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    private KnowledgeGapStore Store(bool recordText = true, ILogger? logger = null) => new(DbPath, recordText, logger ?? NullLogger.Instance);

    [Fact]
    public void Creates_the_database_on_first_use_in_wal_mode()
    {
        Assert.False(File.Exists(DbPath));
        Store().RecordBatch([new UnansweredQuestion("api", "What is the weather?", "en", Now)], []);

        Assert.True(File.Exists(DbPath));
        using var connection = new SqliteConnection($"Data Source={DbPath}");
        connection.Open();
        using var pragma = connection.CreateCommand();
        pragma.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", pragma.ExecuteScalar());
    }

    [Fact]
    public void Counts_unanswered_questions_by_their_normalized_text()
    {
        var store = Store();
        store.RecordBatch(
        [
            new UnansweredQuestion("teams", "Staff in VIENNA?", "en", Now),
            new UnansweredQuestion("slack", "staff in vienna", "en", Now),
            new UnansweredQuestion("api", "  Staff, in Viénna!! ", "en", Now),
            new UnansweredQuestion("api", "'; DROP TABLE unanswered;--", "en", Now),
        ], []);

        var top = store.TopUnanswered(10, Now.AddDays(-1));
        Assert.Equal(("staff in vienna", 3), (top[0].Text, top[0].Count));
        Assert.Equal(("drop table unanswered", 1), (top[1].Text, top[1].Count));
        Assert.Equal("'; DROP TABLE unanswered;--", top[1].Example);
    }

    [Fact]
    public void Keeps_no_question_text_when_the_privacy_setting_says_so()
    {
        var store = Store(recordText: false);
        store.RecordBatch([new UnansweredQuestion("api", "My colleague Ana's salary?", "en", Now)], [new FeedbackEntry("teams", "Regional Office", "Ana's salary?", false, Now)]);

        var gap = Assert.Single(store.TopUnanswered(10, Now.AddDays(-1)));
        Assert.Equal((null, 1, null), (gap.Text, gap.Count, gap.Example));
        Assert.Null(Assert.Single(store.TopNotHelpful(5, Now.AddDays(-1))).Example);
        Assert.DoesNotContain("Ana", File.ReadAllText(DbPath + "-wal") + File.ReadAllText(DbPath));
    }

    [Fact]
    public void Bounds_the_stored_text()
    {
        var store = Store();
        store.RecordBatch([new UnansweredQuestion("api", new string('a', 499) + "😀" + new string('b', 1500), "en", Now)], [new FeedbackEntry("slack", new string('t', 5000), "q", false, Now)]);

        Assert.Equal(499, Assert.Single(store.TopUnanswered(10, Now.AddDays(-1))).Example!.Length);
        Assert.Equal(200, Assert.Single(store.TopNotHelpful(5, Now.AddDays(-1))).Text!.Length);
    }

    [Fact]
    public void Prunes_records_past_the_retention_and_beyond_the_row_cap()
    {
        var store = Store();
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

    [Fact]
    public async Task The_bot_deletes_records_past_Store_RetentionDays_in_the_background()
    {
        Store().RecordBatch([new UnansweredQuestion("api", "asked long ago", "en", Now.AddDays(-40)), new UnansweredQuestion("api", "asked yesterday", "en", Now.AddDays(-1))], []);

        await using (var bot = new StoreFactory(DbPath, new() { ["Store:RetentionDays"] = "30" }))
        {
            bot.CreateClient();
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (Store().TopUnanswered(10, Now.AddDays(-1000)).Count > 1 && DateTime.UtcNow < deadline)
                await Task.Delay(50);
        }

        Assert.Equal("asked yesterday", Assert.Single(Store().TopUnanswered(10, Now.AddDays(-1000))).Text);
    }

    [Theory]
    [InlineData("Store:RetentionDays", "0")]
    [InlineData("Store:MaxRows", "10")]
    [InlineData("Store:PostgresConnectionString", "Port=notanumber")]
    public void Refuses_to_start_with_a_wrong_store_setting_naming_it(string setting, string value)
    {
        var failure = StartupFailure.Of(() => new StoreFactory(DbPath, new() { [setting] = value })).Message;
        Assert.Contains(setting, failure);
        Assert.DoesNotContain("notanumber", failure);
    }

    [Fact]
    public void A_database_that_cannot_be_written_is_logged_and_never_thrown()
    {
        Directory.CreateDirectory(DbPath); // a folder where the file should be
        var logs = new Observability.LogCapture();
        using var factory = LoggerFactory.Create(b => b.AddProvider(logs));
        var store = Store(logger: factory.CreateLogger("store"));

        store.RecordBatch([new UnansweredQuestion("api", "weather?", "en", Now)], [new FeedbackEntry("teams", "Office", "q", false, Now)]);

        Assert.Empty(store.TopNotHelpful(5, Now.AddDays(-1)));
        Assert.Contains(logs.Entries, e => e.Level == LogLevel.Error && e.Message.Contains("Store:SqlitePath"));
    }

    [Fact]
    public async Task The_bot_records_what_it_could_not_answer_and_the_feedback_it_got_and_the_report_prints_them()
    {
        await using (var bot = new StoreFactory(DbPath))
        {
            var client = bot.CreateClient();
            foreach (var question in new[] { "What is the weather in Lima today?", "what is the weather in lima today", "How many staff work at the Regional Office for South America?" })
                (await client.PostAsJsonAsync("/api/ask", new { question })).EnsureSuccessStatusCode();
            (await client.PostAsJsonAsync("/api/feedback", new { action = "feedback", helpful = false, answer = "IOM Regional Office for South America", question = "How many staff?", lang = "en" }))
                .EnsureSuccessStatusCode();
        }

        Environment.SetEnvironmentVariable("Store__SqlitePath", DbPath);
        try
        {
            var output = new StringWriter();
            Assert.Equal(0, await CliCommands.RunAsync(["report", "--top", "5"], output, new StringWriter()));
            var report = output.ToString();
            Assert.Matches(@"2\s+what is the weather in lima today", report);
            Assert.DoesNotContain("staff work", report.Split("not helpful")[0]);
            Assert.Matches(@"1\s+IOM Regional Office for South America .*e\.g\. ""How many staff\?""", report);
        }
        finally
        {
            Environment.SetEnvironmentVariable("Store__SqlitePath", null);
        }
    }

    [Fact]
    public async Task The_report_says_when_nothing_was_recorded_and_rejects_bad_options()
    {
        Environment.SetEnvironmentVariable("Store__SqlitePath", DbPath);
        try
        {
            var output = new StringWriter();
            Assert.Equal(0, await CliCommands.RunAsync(["report"], output, new StringWriter()));
            Assert.Contains("Nothing recorded yet", output.ToString());
            Assert.Equal(2, await CliCommands.RunAsync(["report", "--top", "x"], new StringWriter(), new StringWriter()));
        }
        finally
        {
            Environment.SetEnvironmentVariable("Store__SqlitePath", null);
        }
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_folder))
            Directory.Delete(_folder, recursive: true);
    }

    private sealed class StoreFactory(string dbPath, Dictionary<string, string?>? settings = null) : BotFactory
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>(settings ?? []) { ["Store:SqlitePath"] = dbPath };
    }
}
