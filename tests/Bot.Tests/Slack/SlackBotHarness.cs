namespace IomAssistant.Bot.Tests.Slack;

/// <summary>Per test: a loopback fake of Slack's Web API and the real bot configured against it.</summary>
public abstract class SlackBotHarness : IAsyncLifetime
{
    protected FakeSlackWebApi WebApi { get; private set; } = null!;
    protected SlackBotFactory BotHost { get; private set; } = null!;
    protected HttpClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        WebApi = await FakeSlackWebApi.StartAsync();
        BotHost = new SlackBotFactory(WebApi);
        Client = BotHost.CreateClient();
    }

    public async Task DisposeAsync()
    {
        await BotHost.DisposeAsync();
        await WebApi.DisposeAsync();
    }
}
