using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IomAssistant.Bot.Tests.Slack;

/// <summary>A call the bot made to Slack: a Web API method, or "response_url".</summary>
public sealed record RecordedCall(string Method, string Path, string? Authorization, JsonObject Body);

/// <summary>
/// Slack's Web API and response_url endpoint on 127.0.0.1 with a free port: records every
/// post, answers like Slack, and can be told to answer the next calls with errors. It also plays
/// Socket Mode (<see cref="SocketMode"/>).
/// </summary>
public sealed class FakeSlackWebApi : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<RecordedCall> _calls = new();
    private readonly ConcurrentQueue<Func<HttpResponse, Task>> _scripted = new();

    private FakeSlackWebApi(WebApplication app) => _app = app;

    public string BaseUrl { get; private set; } = "";
    public string ApiBaseUrl => BaseUrl + "/api/";

    /// <summary>Socket Mode on the same port: apps.connections.open and the WebSocket.</summary>
    public FakeSlackSocketMode SocketMode { get; private set; } = null!;
    public IReadOnlyList<RecordedCall> Calls => _calls.ToArray();

    public Uri NewResponseUrl() => new($"{BaseUrl}/commands/{SignedSlackRequests.Team}/{Guid.NewGuid():N}");

    /// <summary>The next call is answered with this instead of success.</summary>
    public void ThenAnswer(int status, string body = "", string? retryAfter = null) => _scripted.Enqueue(response =>
    {
        response.StatusCode = status;
        if (retryAfter is not null)
            response.Headers.RetryAfter = retryAfter;
        response.ContentType = "application/json";
        return response.WriteAsync(body);
    });

    public static async Task<FakeSlackWebApi> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var fake = new FakeSlackWebApi(builder.Build());
        fake.SocketMode = new FakeSlackSocketMode(() => fake.ApiBaseUrl);
        fake.SocketMode.Map(fake._app);
        fake._app.MapPost("/api/{method}", (string method, HttpContext context) => fake.RecordAsync(method, context));
        fake._app.MapPost("/commands/{**rest}", (HttpContext context) => fake.RecordAsync("response_url", context));
        await fake._app.StartAsync();
        var address = fake._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        fake.BaseUrl = address.TrimEnd('/');
        return fake;
    }

    public async Task<RecordedCall> WaitForAsync(Func<RecordedCall, bool> match, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        while (DateTime.UtcNow < deadline)
        {
            if (_calls.FirstOrDefault(match) is { } call)
                return call;
            await Task.Delay(20);
        }
        throw new TimeoutException("Slack received no matching call; calls: " + string.Join(", ", _calls.Select(c => c.Method)));
    }

    public IReadOnlyList<RecordedCall> To(string channel) =>
        Calls.Where(c => c.Body["channel"]?.GetValue<string>() == channel).ToList();

    private async Task RecordAsync(string method, HttpContext context)
    {
        var body = await JsonNode.ParseAsync(context.Request.Body) as JsonObject ?? [];
        _calls.Enqueue(new RecordedCall(method, context.Request.Path, context.Request.Headers.Authorization.FirstOrDefault(), body));
        if (_scripted.TryDequeue(out var scripted))
        {
            await scripted(context.Response);
            return;
        }
        await context.Response.WriteAsJsonAsync(method == "response_url"
            ? new JsonObject { ["ok"] = true }
            : new JsonObject { ["ok"] = true, ["channel"] = body["channel"]?.DeepClone(), ["ts"] = SignedSlackRequests.Ts() });
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
