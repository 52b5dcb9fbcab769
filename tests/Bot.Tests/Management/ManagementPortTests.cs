using System.Net;
using System.Text.Json;

namespace IomAssistant.Bot.Tests.Management;

/// <summary>/metrics and the detailed /readyz on Management:Urls only; /healthz and the product on the public port only.</summary>
public sealed class ManagementPortTests : IAsyncLifetime
{
    private readonly KestrelBotFactory _bot = new();

    public Task InitializeAsync()
    {
        _bot.StartServer();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    [Theory]
    [InlineData("/metrics")]
    [InlineData("/readyz")]
    public async Task Management_endpoints_answer_on_the_management_port_and_not_on_the_public_one(string path)
    {
        using var management = _bot.Management();
        using var publicPort = _bot.Public();

        Assert.Equal(HttpStatusCode.OK, (await management.GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await publicPort.GetAsync(path)).StatusCode);
        // The Host header names the other port: what counts is the port the request arrived on.
        using var spoofed = new HttpRequestMessage(HttpMethod.Get, path) { Headers = { Host = new Uri(_bot.ManagementUrl).Authority } };
        Assert.Equal(HttpStatusCode.NotFound, (await publicPort.SendAsync(spoofed)).StatusCode);
    }

    [Fact]
    public async Task Readyz_reports_the_knowledge_and_healthz_says_only_healthy()
    {
        using var management = _bot.Management();
        using var publicPort = _bot.Public();

        var ready = JsonDocument.Parse(await management.GetStringAsync("/readyz")).RootElement;
        Assert.Equal("ready", ready.GetProperty("status").GetString());
        Assert.True(ready.GetProperty("knowledge").GetProperty("documents").GetInt32() > 0);
        Assert.Equal("ok", await publicPort.GetStringAsync("/healthz"));
    }

    [Theory]
    [InlineData("/healthz")]
    [InlineData("/")]
    [InlineData("/api/ask")]
    public async Task The_management_port_serves_nothing_else(string path)
    {
        using var management = _bot.Management();
        Assert.Equal(HttpStatusCode.NotFound, (await management.GetAsync(path)).StatusCode);
    }
}
