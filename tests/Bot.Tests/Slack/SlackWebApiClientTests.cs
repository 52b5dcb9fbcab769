using System.Collections.Concurrent;
using IomAssistant.Bot.Hosting;
using IomAssistant.Bot.Slack;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IomAssistant.Bot.Tests.Slack;

public sealed class SlackWebApiClientTests : IAsyncLifetime
{
    private readonly CapturedLogs _logs = new();
    private FakeSlackWebApi _slack = null!;
    private ServiceProvider _services = null!;
    private SlackWebApiClient _client = null!;

    private static readonly SlackMessage Hello = new("hello", []);

    public async Task InitializeAsync()
    {
        _slack = await FakeSlackWebApi.StartAsync();
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Slack:SigningSecret"] = SignedSlackRequests.Secret,
            ["Slack:BotToken"] = SignedSlackRequests.BotToken,
            ["Slack:ApiBaseUrl"] = _slack.ApiBaseUrl.TrimEnd('/'),
        });
        builder.Services.AddLogging(logging => logging.AddProvider(_logs));
        builder.AddAssistantDefaults();
        builder.AddSlackChannel();
        _services = builder.Services.BuildServiceProvider();
        _client = _services.GetRequiredService<SlackWebApiClient>();
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _slack.DisposeAsync();
    }

    [Fact]
    public async Task Posts_json_with_the_bot_token_under_the_api_base_url()
    {
        Assert.True(await _client.PostMessageAsync("C1", "1.2", Hello, CancellationToken.None));

        var call = Assert.Single(_slack.Calls);
        Assert.Equal("/api/chat.postMessage", call.Path);
        Assert.Equal("Bearer " + SignedSlackRequests.BotToken, call.Authorization);
        Assert.Equal("C1", call.Body["channel"]!.GetValue<string>());
        Assert.Equal("1.2", call.Body["thread_ts"]!.GetValue<string>());
    }

    [Fact]
    public async Task Waits_as_long_as_retry_after_says_when_rate_limited()
    {
        _slack.ThenAnswer(429, """{"ok":false,"error":"ratelimited"}""", retryAfter: "1");
        var started = DateTime.UtcNow;

        Assert.True(await _client.PostEphemeralAsync("C1", "U1", null, Hello, CancellationToken.None));

        Assert.Equal(2, _slack.Calls.Count);
        Assert.True(DateTime.UtcNow - started >= TimeSpan.FromSeconds(0.9));
    }

    [Fact]
    public async Task Retries_server_errors_with_backoff()
    {
        _slack.ThenAnswer(503, """{"ok":false,"error":"service_unavailable"}""");

        Assert.True(await _client.PostMessageAsync("C1", null, Hello, CancellationToken.None));

        Assert.Equal(2, _slack.Calls.Count);
    }

    [Fact]
    public async Task Slacks_refusals_are_logged_with_slacks_error_and_without_the_token()
    {
        _slack.ThenAnswer(200, """{"ok":false,"error":"channel_not_found"}""");

        Assert.False(await _client.PostMessageAsync("C1", null, Hello, CancellationToken.None));

        Assert.Single(_slack.Calls);
        Assert.Contains(_logs.Messages, m => m.Contains("chat.postMessage") && m.Contains("channel_not_found"));
        Assert.DoesNotContain(_logs.Messages, m => m.Contains(SignedSlackRequests.BotToken));
    }

    [Fact]
    public async Task Response_url_posts_carry_no_token()
    {
        var url = _slack.NewResponseUrl();

        Assert.True(await _client.RespondAsync(url, Hello, inChannel: true, CancellationToken.None));

        var call = Assert.Single(_slack.Calls);
        Assert.Null(call.Authorization);
        Assert.Equal("in_channel", call.Body["response_type"]!.GetValue<string>());
    }

    private sealed class CapturedLogs : ILoggerProvider, ILogger
    {
        private readonly ConcurrentQueue<string> _messages = new();

        public IReadOnlyList<string> Messages => _messages.ToArray();

        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            _messages.Enqueue(formatter(state, exception));

        public void Dispose() { }
    }
}
