using System.Net;
using IomAssistant.Bot.Conversation;
using IomAssistant.Bot.Tests.Slack;
using IomAssistant.Bot.Tests.Teams.Fakes;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;
using static IomAssistant.Bot.Tests.Slack.SignedSlackRequests;

namespace IomAssistant.Bot.Tests.Deduplication;

/// <summary>
/// Two replicas (two app hosts) sharing one real Redis: a follow-up asked on the other replica
/// refers to the entity the first one answered about. Without the shared context, "is it a
/// member?" alone is about another country.
/// </summary>
[Collection(RedisCollection.Name)]
public sealed class ConversationContextScaleOutTests(RedisServer redis)
{
    private const string First = "Tell me about Peru";
    private const string FollowUp = "is it a member?";

    private Dictionary<string, string?> SharedRedis() => new()
    {
        ["Redis:ConnectionString"] = redis.ConnectionString,
        ["Redis:KeyPrefix"] = "context-" + Guid.NewGuid().ToString("N") + ":",
    };

    [SkippableFact]
    public async Task A_teams_follow_up_on_another_replica_is_about_the_entity_just_answered()
    {
        Skip.IfNot(redis.Available, RedisServer.InstallHint);
        await using var channel = await FakeBotFrameworkChannel.StartAsync();
        var settings = new Dictionary<string, string?>(TeamsBotHost.Registered(channel));
        foreach (var (key, value) in SharedRedis())
            settings[key] = value;
        await using var replicaA = new TeamsBotHost(channel, settings: settings, realEngine: true);
        await using var replicaB = new TeamsBotHost(channel, settings: settings, realEngine: true);
        var conversation = Activities.NewConversationId();

        Assert.Equal(HttpStatusCode.OK, (await replicaA.PostActivityAsync(Activities.Message(channel.ServiceUrl, First, conversation), channel.SignToken())).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await replicaB.PostActivityAsync(Activities.Message(channel.ServiceUrl, FollowUp, conversation), channel.SignToken())).StatusCode);

        var replies = channel.PostsTo(conversation);
        Assert.Equal(2, replies.Count);
        Assert.All(replies, reply => Assert.Contains("Peru", (string?)reply.Body["summary"]));
    }

    [SkippableFact]
    public async Task A_slack_follow_up_in_a_thread_on_another_replica_is_about_the_entity_just_answered()
    {
        Skip.IfNot(redis.Available, RedisServer.InstallHint);
        await using var slack = await FakeSlackWebApi.StartAsync();
        var settings = SharedRedis().ToDictionary(p => p.Key, p => p.Value!);
        await using var replicaA = new SlackBotFactory(slack, settings: settings);
        await using var replicaB = new SlackBotFactory(slack, settings: settings);
        var channel = NewId("C");
        var thread = Ts();

        await replicaA.CreateClient().SendAsync(Signed("/slack/events", EventCallback(NewId("Ev"), Mention(channel, First, thread))));
        await slack.WaitForAsync(_ => slack.To(channel).Count == 1);
        await replicaB.CreateClient().SendAsync(Signed("/slack/events", EventCallback(NewId("Ev"), Mention(channel, FollowUp, thread))));
        await slack.WaitForAsync(_ => slack.To(channel).Count == 2);

        var followUp = slack.To(channel)[1].Body.ToJsonString();
        Assert.Contains("Peru", followUp);
        Assert.DoesNotContain("Argentina", followUp);
    }

    [SkippableFact]
    public async Task The_context_expires_30_minutes_after_its_last_use()
    {
        Skip.IfNot(redis.Available, RedisServer.InstallHint);
        var settings = SharedRedis();
        await using var bot = new TeamsBotHost(null, settings: settings, realEngine: true);
        bot.CreateClient();
        var memory = bot.Services.GetRequiredService<IConversationMemory>();
        memory.Set("slack:T1:C1", new Knowledge.Answers.AnswerContext("peru", null));

        await using var connection = await redis.ConnectAsync();
        var key = Assert.Single(connection.GetServer(connection.GetEndPoints()[0]).Keys(pattern: settings["Redis:KeyPrefix"] + "context:*"));
        var database = connection.GetDatabase();
        await database.KeyExpireAsync(key, TimeSpan.FromMinutes(5));

        Assert.Equal("peru", memory.Get("slack:T1:C1")?.Entity);
        var ttl = await database.KeyTimeToLiveAsync(key);
        Assert.InRange(ttl!.Value, TimeSpan.FromMinutes(29), TimeSpan.FromMinutes(30));
        Assert.DoesNotContain("T1", key.ToString());
    }
}
