using System.Net;
using IomAssistant.Bot.Slack;
using IomAssistant.Bot.Tests.Deduplication;
using static IomAssistant.Bot.Tests.Slack.SignedSlackRequests;

namespace IomAssistant.Bot.Tests.Slack;

/// <summary>Two replicas of the bot behind one Slack app, as behind a load balancer.</summary>
[Collection(RedisCollection.Name)]
public sealed class SlackScaleOutTests(RedisServer redis) : IAsyncLifetime
{
    private FakeSlackWebApi _slack = null!;

    public async Task InitializeAsync() => _slack = await FakeSlackWebApi.StartAsync();

    public async Task DisposeAsync() => await _slack.DisposeAsync();

    private Dictionary<string, string> SharedRedis(string keyPrefix) => new()
    {
        ["Redis:ConnectionString"] = redis.ConnectionString,
        ["Redis:KeyPrefix"] = keyPrefix,
    };

    private static HttpRequestMessage Retry(string body)
    {
        var retry = Signed("/slack/events", body);
        retry.Headers.Add("X-Slack-Retry-Num", "1");
        retry.Headers.Add("X-Slack-Retry-Reason", "http_timeout");
        return retry;
    }

    [SkippableFact]
    public async Task Two_replicas_sharing_redis_answer_a_retried_event_exactly_once()
    {
        Skip.IfNot(redis.Available, RedisServer.InstallHint);
        var settings = SharedRedis("scale-out-" + Guid.NewGuid().ToString("N") + ":");
        await using var replicaA = new SlackBotFactory(_slack, settings: settings);
        await using var replicaB = new SlackBotFactory(_slack, settings: settings);
        var channel = NewId("C");
        var body = EventCallback(NewId("Ev"), Mention(channel, "How many staff?"));

        var first = await replicaA.CreateClient().SendAsync(Signed("/slack/events", body));
        var retry = await replicaB.CreateClient().SendAsync(Retry(body));
        var secondRetry = await replicaA.CreateClient().SendAsync(Retry(body));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Equal(HttpStatusCode.OK, secondRetry.StatusCode);
        await _slack.WaitForAsync(c => c.Body["channel"]?.GetValue<string>() == channel);
        await AnswerAnotherEventAsync(replicaA);
        await AnswerAnotherEventAsync(replicaB);
        Assert.Single(_slack.To(channel));
    }

    [Fact]
    public async Task Without_redis_each_replica_answers_the_retry_it_receives()
    {
        // Why Redis is needed: each replica's own memory only knows the deliveries it received.
        await using var replicaA = new SlackBotFactory(_slack);
        await using var replicaB = new SlackBotFactory(_slack);
        var channel = NewId("C");
        var body = EventCallback(NewId("Ev"), Mention(channel, "How many staff?"));

        await replicaA.CreateClient().SendAsync(Signed("/slack/events", body));
        await replicaB.CreateClient().SendAsync(Retry(body));

        await _slack.WaitForAsync(_ => _slack.To(channel).Count == 2);
    }

    [SkippableFact]
    public async Task An_event_refused_by_a_replica_with_a_full_queue_is_answered_when_retried_on_another()
    {
        Skip.IfNot(redis.Available, RedisServer.InstallHint);
        var settings = SharedRedis("full-queue-" + Guid.NewGuid().ToString("N") + ":");
        GatedEngine? stalled = null;
        await using var busyReplica = new SlackBotFactory(_slack, inner => stalled = new GatedEngine(inner), settings);
        await using var idleReplica = new SlackBotFactory(_slack, settings: settings);
        var busy = busyReplica.CreateClient();

        string? refusedBody = null;
        string? refusedChannel = null;
        for (var sent = 0; refusedBody is null && sent < SlackReplyQueue.Capacity + 50; sent++)
        {
            var channel = NewId("C");
            var body = EventCallback(NewId("Ev"), Mention(channel, "How many staff?"));
            var response = await busy.SendAsync(Signed("/slack/events", body));
            if (response.StatusCode == HttpStatusCode.ServiceUnavailable)
                (refusedBody, refusedChannel) = (body, channel);
        }
        Assert.NotNull(refusedBody);

        var retry = await idleReplica.CreateClient().SendAsync(Retry(refusedBody));

        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        await _slack.WaitForAsync(c => c.Body["channel"]?.GetValue<string>() == refusedChannel);
        stalled!.Open();
    }

    /// <summary>Sends a fresh mention to a replica and waits for its answer, so work accepted before it has had its turn.</summary>
    private async Task AnswerAnotherEventAsync(SlackBotFactory replica)
    {
        var channel = NewId("C");
        await replica.CreateClient().SendAsync(Signed("/slack/events", EventCallback(NewId("Ev"), Mention(channel, "How many staff?"))));
        await _slack.WaitForAsync(c => c.Body["channel"]?.GetValue<string>() == channel);
        await Task.Delay(200);
    }
}
