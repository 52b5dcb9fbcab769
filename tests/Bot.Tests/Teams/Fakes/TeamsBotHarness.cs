namespace IomAssistant.Bot.Tests.Teams.Fakes;

/// <summary>Per test: a loopback fake of the Bot Framework channel and the real bot trusting it.</summary>
public abstract class TeamsBotHarness : IAsyncLifetime
{
    protected FakeBotFrameworkChannel Channel { get; private set; } = null!;
    protected TeamsBotHost BotHost { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Channel = await FakeBotFrameworkChannel.StartAsync();
        BotHost = new TeamsBotHost(Channel);
    }

    public async Task DisposeAsync()
    {
        await BotHost.DisposeAsync();
        await Channel.DisposeAsync();
    }
}
