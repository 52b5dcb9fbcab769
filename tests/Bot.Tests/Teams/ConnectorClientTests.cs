using Microsoft.Extensions.DependencyInjection;
using IomAssistant.Bot.Teams.Connector;
using IomAssistant.Bot.Teams.Protocol;
using IomAssistant.Bot.Tests.Teams.Fakes;

namespace IomAssistant.Bot.Tests.Teams;

public sealed class ConnectorClientTests : IAsyncLifetime
{
    private FakeBotFrameworkChannel _channel = null!;
    private TeamsBotHost _bot = null!;

    public async Task InitializeAsync()
    {
        _channel = await FakeBotFrameworkChannel.StartAsync();
        _bot = new TeamsBotHost(_channel);
    }

    public async Task DisposeAsync()
    {
        await _bot.DisposeAsync();
        await _channel.DisposeAsync();
    }

    [Fact]
    public async Task Never_sends_the_bot_token_to_a_service_url_that_came_in_no_validated_activity()
    {
        var connector = _bot.Services.GetRequiredService<ConnectorClient>();
        var reply = new Activity
        {
            Type = ActivityTypes.Message,
            ServiceUrl = _channel.ServiceUrl,
            Conversation = new ConversationAccount { Id = "a:1never-validated" },
            Text = "hello",
        };

        await Assert.ThrowsAsync<InvalidOperationException>(() => connector.SendAsync(reply, CancellationToken.None));

        Assert.Equal(0, _channel.TokensIssued);
        Assert.Equal(0, _channel.ConnectorAttempts);
    }
}
