using Microsoft.Extensions.DependencyInjection;
using IomAssistant.Bot.Teams.Connector;
using IomAssistant.Bot.Teams.Protocol;
using IomAssistant.Bot.Tests.Teams.Fakes;

namespace IomAssistant.Bot.Tests.Teams;

public sealed class ConnectorClientTests : TeamsBotHarness
{

    [Fact]
    public async Task Never_sends_the_bot_token_to_a_service_url_that_came_in_no_validated_activity()
    {
        var connector = BotHost.Services.GetRequiredService<ConnectorClient>();
        var reply = new Activity
        {
            Type = ActivityTypes.Message,
            ServiceUrl = Channel.ServiceUrl,
            Conversation = new ConversationAccount { Id = "a:1never-validated" },
            Text = "hello",
        };

        await Assert.ThrowsAsync<InvalidOperationException>(() => connector.SendAsync(reply, CancellationToken.None));

        Assert.Equal(0, Channel.TokensIssued);
        Assert.Equal(0, Channel.ConnectorAttempts);
    }
}
