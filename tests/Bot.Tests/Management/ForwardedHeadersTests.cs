using System.Net;
using System.Net.Http.Json;

namespace IomAssistant.Bot.Tests.Management;

/// <summary>
/// X-Forwarded-For is believed only from ForwardedHeaders:KnownProxies / KnownNetworks: a client
/// sending it itself cannot pick its rate-limit bucket. Real Kestrel on loopback, so the peer
/// address is real.
/// </summary>
public sealed class ForwardedHeadersTests
{
    private static Dictionary<string, string?> Limited(params (string Key, string Value)[] more)
    {
        var settings = new Dictionary<string, string?> { ["RateLimits:Api:PermitLimit"] = "2" };
        foreach (var (key, value) in more)
            settings[key] = value;
        return settings;
    }

    private static async Task<HttpStatusCode> AskAs(HttpClient client, string forwardedFor)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/ask") { Content = JsonContent.Create(new { question = "How many staff?" }) };
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        return (await client.SendAsync(request)).StatusCode;
    }

    [Fact]
    public async Task A_spoofed_forwarded_for_from_an_unknown_peer_does_not_choose_the_bucket()
    {
        await using var bot = new KestrelBotFactory(Limited());
        bot.StartServer();
        using var client = bot.Public();

        Assert.Equal(HttpStatusCode.OK, await AskAs(client, "203.0.113.1"));
        Assert.Equal(HttpStatusCode.OK, await AskAs(client, "203.0.113.2"));
        Assert.Equal(HttpStatusCode.TooManyRequests, await AskAs(client, "203.0.113.3"));
    }

    [Theory]
    [InlineData("ForwardedHeaders:KnownProxies:0", "127.0.0.1")]
    [InlineData("ForwardedHeaders:KnownNetworks:0", "127.0.0.0/8")]
    public async Task A_known_proxy_names_the_client_and_each_client_has_its_own_bucket(string setting, string value)
    {
        await using var bot = new KestrelBotFactory(Limited((setting, value)));
        bot.StartServer();
        using var client = bot.Public();

        Assert.Equal(HttpStatusCode.OK, await AskAs(client, "203.0.113.1"));
        Assert.Equal(HttpStatusCode.OK, await AskAs(client, "203.0.113.2"));
        Assert.Equal(HttpStatusCode.OK, await AskAs(client, "203.0.113.3"));
        Assert.Equal(HttpStatusCode.OK, await AskAs(client, "203.0.113.3"));
        Assert.Equal(HttpStatusCode.TooManyRequests, await AskAs(client, "203.0.113.3"));
    }

    [Theory]
    [InlineData("ForwardedHeaders:KnownProxies:0", "not-an-address")]
    [InlineData("ForwardedHeaders:KnownNetworks:0", "10.0.0.0/99")]
    [InlineData("Management:Urls", "http://127.0.0.1")]
    [InlineData("Management:Urls", "ftp://127.0.0.1:9464")]
    public void Refuses_to_start_with_a_wrong_setting_naming_it(string setting, string value)
    {
        var failure = StartupFailure.Of(() => new SettingsFactory(new Dictionary<string, string?> { [setting] = value }));
        Assert.Contains(setting, failure.Message);
    }

    private sealed class SettingsFactory(IDictionary<string, string?> settings) : BotFactory
    {
        protected override IDictionary<string, string?> Settings => settings;
    }
}
