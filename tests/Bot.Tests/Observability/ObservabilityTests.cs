using System.Net;
using System.Net.Http.Json;
using IomAssistant.Bot.Tests.Teams.Fakes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IomAssistant.Bot.Tests.Observability;

/// <summary>Correlation ids, question privacy in logs, and the Prometheus metrics, through real HTTP.</summary>
public sealed class ObservabilityTests
{
    private const string Question = "How many staff work at the Regional Office for South America?";
    private const string Unanswerable = "What is the weather in Lima today?";

    [Fact]
    public async Task Every_response_carries_a_correlation_id_that_the_request_logs_carry_too()
    {
        await using var bot = new LoggedBot();
        var response = await bot.CreateClient().PostAsJsonAsync("/api/ask", new { question = Question });

        var id = Assert.Single(response.Headers.GetValues("X-Correlation-Id"));
        Assert.Matches("^[0-9a-f]{32}$", id);
        var line = Assert.Single(bot.Logs.Entries, e => e.Category.EndsWith("ConversationService") && e.Message.StartsWith("Question on api"));
        Assert.Equal(id, line.Scope["CorrelationId"]);
        Assert.NotEqual(id, Assert.Single((await bot.CreateClient().GetAsync("/healthz")).Headers.GetValues("X-Correlation-Id")));
    }

    [Fact]
    public async Task A_teams_activity_is_correlated_by_its_activity_id()
    {
        await using var bot = new TeamsBotHost(null, "Development", new Dictionary<string, string?>());
        var activity = Activities.Message("http://127.0.0.1:9/", "How many staff?");
        activity["deliveryMode"] = "expectReplies";
        activity["id"] = "1:activity-42";

        var response = await bot.PostActivityAsync(activity, null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("1:activity-42", Assert.Single(response.Headers.GetValues("X-Correlation-Id")));
    }

    [Fact]
    public async Task Question_text_stays_out_of_the_logs_unless_allowed()
    {
        await using (var quiet = new LoggedBot())
        {
            await quiet.CreateClient().PostAsJsonAsync("/api/ask", new { question = Unanswerable });
            Assert.Contains(quiet.Logs.Entries, e => e.Message.StartsWith("Question on api (en) unanswered"));
            Assert.DoesNotContain(quiet.Logs.Entries, e => e.Message.Contains("Lima") || e.Scope.Values.Any(v => v?.ToString()?.Contains("Lima") == true));
        }
        await using var verbose = new LoggedBot(includeQuestionText: true);
        await verbose.CreateClient().PostAsJsonAsync("/api/ask", new { question = Unanswerable });
        Assert.Contains(verbose.Logs.Entries, e => e.Message.Contains(Unanswerable));
    }

    [Fact]
    public async Task Metrics_are_exported_for_prometheus()
    {
        await using var bot = new Management.KestrelBotFactory();
        bot.StartServer();
        using var client = bot.Public();
        await client.PostAsJsonAsync("/api/ask", new { question = Question });
        await client.PostAsJsonAsync("/api/ask", new { question = Unanswerable });

        using var scraper = bot.Management();
        var metrics = await scraper.GetStringAsync("/metrics");

        // Counters are process-wide: other hosts running in parallel may have counted too.
        Assert.Matches("""assistant_questions_total\{[^}]*channel="api"[^}]*kind="office"[^}]*outcome="answered"[^}]*\} [1-9][0-9]*""", metrics);
        Assert.Matches("""assistant_questions_total\{[^}]*channel="api"[^}]*kind="none"[^}]*outcome="unanswered"[^}]*\} [1-9][0-9]*""", metrics);
        Assert.Contains("assistant_engine_duration_seconds_bucket{", metrics);
        Assert.Contains("http_server_request_duration_seconds", metrics);
    }

    private sealed class LoggedBot(bool includeQuestionText = false) : BotFactory
    {
        public LogCapture Logs { get; } = new();

        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Logging:IncludeQuestionText"] = includeQuestionText ? "true" : "false",
        };

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureLogging(logging => logging.AddProvider(Logs));
        }
    }
}
