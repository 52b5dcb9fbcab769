using System.Net;
using System.Text.Json.Nodes;
using IomAssistant.Bot.Tests.Slack;
using IomAssistant.Bot.Tests.Teams.Fakes;
using static IomAssistant.Bot.Tests.Slack.SignedSlackRequests;

namespace IomAssistant.Bot.Tests.Audiences;

/// <summary>
/// Teams and Slack over the staff knowledge, through real tokens and signatures: members of the
/// organization's tenant and the Slack channels mapped to staff are answered from staff-only
/// documents; guests from another tenant and other Slack channels see nothing of them.
/// </summary>
public sealed class ChannelAudienceTests(ChannelAudienceHosts hosts) : IClassFixture<ChannelAudienceHosts>
{
    public const string StaffChannel = "C0STAFF";
    private const string GuestTenant = "12345678-aaaa-4bbb-8ccc-123456789abc";

    private FakeBotFrameworkChannel Teams => hosts.Teams;
    private TeamsBotHost TeamsBot => hosts.TeamsBot;
    private FakeSlackWebApi Slack => hosts.Slack;
    private HttpClient SlackClient => hosts.SlackClient;

    public enum TeamsUser { Member, Guest, NoTenant }

    public static TheoryData<string, TeamsUser> TeamsCases()
    {
        var data = new TheoryData<string, TeamsUser>();
        foreach (var question in StaffKnowledgeFolder.Questions)
            foreach (var user in Enum.GetValues<TeamsUser>())
                data.Add(question, user);
        return data;
    }

    private static Dictionary<string, object?> As(TeamsUser user, Dictionary<string, object?> activity)
    {
        var conversation = JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(activity["conversation"]))!.AsObject();
        switch (user)
        {
            case TeamsUser.Guest:
                conversation["tenantId"] = GuestTenant;
                activity["channelData"] = new { tenant = new { id = GuestTenant } };
                break;
            case TeamsUser.NoTenant:
                conversation.Remove("tenantId");
                break;
            default:
                activity["channelData"] = new { tenant = new { id = FakeBotFrameworkChannel.TenantId } };
                break;
        }
        activity["conversation"] = conversation;
        return activity;
    }

    [Theory]
    [MemberData(nameof(TeamsCases))]
    public async Task Teams_answers_members_of_the_tenant_from_staff_only_documents_and_nobody_else(string question, TeamsUser user)
    {
        var conversationId = Activities.NewConversationId();
        var activity = As(user, Activities.Message(Teams.ServiceUrl, question, conversationId));

        var response = await TeamsBot.PostActivityAsync(activity, Teams.SignToken());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var post = Assert.Single(Teams.PostsTo(conversationId));
        Assert.Equal(user == TeamsUser.Member, StaffKnowledgeFolder.ShowsStaffOnly(post.Body.ToJsonString(), question));
    }

    [Theory]
    [InlineData(TeamsUser.Member)]
    [InlineData(TeamsUser.Guest)]
    public async Task The_messaging_extension_searches_and_lists_only_what_the_user_may_read(TeamsUser user)
    {
        var search = As(user, Activities.Invoke(Teams.ServiceUrl, "composeExtension/query",
            new { commandId = "searchKnowledge", parameters = new[] { new { name = "searchQuery", value = "security induction duty officer code" } } }));
        var topics = As(user, Activities.Invoke(Teams.ServiceUrl, "composeExtension/query",
            new { commandId = "searchKnowledge", parameters = new[] { new { name = "initialRun", value = "true" } } }));

        var searched = await (await TeamsBot.PostActivityAsync(search, Teams.SignToken())).Content.ReadAsStringAsync();
        var listed = await (await TeamsBot.PostActivityAsync(topics, Teams.SignToken())).Content.ReadAsStringAsync();

        Assert.Equal(user == TeamsUser.Member, StaffKnowledgeFolder.ShowsStaffOnly(searched, "security induction duty officer code"));
        Assert.Contains("Regional Office", listed);
        if (user == TeamsUser.Guest)
            Assert.False(StaffKnowledgeFolder.ShowsStaffOnly(listed));
    }

    public enum SlackPlace { StaffChannel, OtherChannel, DirectMessage, SlashCommandInStaffChannel, SlashCommandElsewhere }

    public static TheoryData<string, SlackPlace> SlackCases()
    {
        var data = new TheoryData<string, SlackPlace>();
        foreach (var question in StaffKnowledgeFolder.Questions)
            foreach (var place in Enum.GetValues<SlackPlace>())
                data.Add(question, place);
        return data;
    }

    [Theory]
    [MemberData(nameof(SlackCases))]
    public async Task Slack_answers_from_staff_only_documents_only_in_the_channels_mapped_to_staff(string question, SlackPlace place)
    {
        RecordedCall reply;
        if (place is SlackPlace.SlashCommandInStaffChannel or SlackPlace.SlashCommandElsewhere)
        {
            var responseUrl = Slack.NewResponseUrl();
            var channel = place == SlackPlace.SlashCommandInStaffChannel ? StaffChannel : NewId("C");
            var response = await SlackClient.SendAsync(Signed("/slack/commands", Command(question, responseUrl, channel), "application/x-www-form-urlencoded"));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            reply = await Slack.WaitForAsync(c => c.Path == responseUrl.AbsolutePath);
        }
        else
        {
            var channel = place switch { SlackPlace.StaffChannel => StaffChannel, SlackPlace.DirectMessage => NewId("D"), _ => NewId("C") };
            var incoming = place == SlackPlace.DirectMessage ? DirectMessage(channel, question) : Mention(channel, question);
            var ts = incoming["ts"]!.GetValue<string>();
            var response = await SlackClient.SendAsync(Signed("/slack/events", EventCallback(NewId("Ev"), incoming)));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            // A mention is answered in its thread; a direct message's channel is new to this test.
            reply = await Slack.WaitForAsync(c => c.Body["channel"]?.GetValue<string>() == channel &&
                (place == SlackPlace.DirectMessage || c.Body["thread_ts"]?.GetValue<string>() == ts));
        }

        var staff = place is SlackPlace.StaffChannel or SlackPlace.SlashCommandInStaffChannel;
        Assert.Equal(staff, StaffKnowledgeFolder.ShowsStaffOnly(reply.Body.ToJsonString(), question));
    }
}

/// <summary>The Teams and Slack bots over the staff knowledge, shared by the tests of the class.</summary>
public sealed class ChannelAudienceHosts : IAsyncLifetime
{
    private readonly StaffKnowledgeFolder _knowledge = new();
    private SlackBotFactory _slackBot = null!;

    public FakeBotFrameworkChannel Teams { get; private set; } = null!;
    public TeamsBotHost TeamsBot { get; private set; } = null!;
    public FakeSlackWebApi Slack { get; private set; } = null!;
    public HttpClient SlackClient { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Teams = await FakeBotFrameworkChannel.StartAsync();
        var teamsSettings = TeamsBotHost.Registered(Teams);
        teamsSettings["Knowledge:Path"] = _knowledge.Folder;
        TeamsBot = new TeamsBotHost(Teams, settings: teamsSettings, realEngine: true);
        Slack = await FakeSlackWebApi.StartAsync();
        _slackBot = new SlackBotFactory(Slack, settings: new Dictionary<string, string>
        {
            ["Knowledge:Path"] = _knowledge.Folder,
            ["Slack:Audiences:0:Team"] = Team,
            ["Slack:Audiences:0:Channels:0"] = ChannelAudienceTests.StaffChannel,
            ["Slack:Audiences:0:Audiences:0"] = "staff",
        });
        SlackClient = _slackBot.CreateClient();
    }

    public async Task DisposeAsync()
    {
        await TeamsBot.DisposeAsync();
        await Teams.DisposeAsync();
        await _slackBot.DisposeAsync();
        await Slack.DisposeAsync();
        _knowledge.Dispose();
    }
}
