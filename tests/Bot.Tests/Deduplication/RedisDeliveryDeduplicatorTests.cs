using IomAssistant.Bot.Deduplication;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace IomAssistant.Bot.Tests.Deduplication;

[Collection(RedisCollection.Name)]
public sealed class RedisDeliveryDeduplicatorTests(RedisServer redis)
{
    private static readonly RedisOptions Unreachable = new() { ConnectionString = "127.0.0.1:1" };

    private static async Task<(RedisConnection Connection, RedisDeliveryDeduplicator Deduplicator)> StartAsync(RedisOptions settings)
    {
        var connection = new RedisConnection(Options.Create(settings), NullLogger<RedisConnection>.Instance);
        await connection.StartAsync(CancellationToken.None);
        return (connection, new RedisDeliveryDeduplicator(connection, Options.Create(settings), NullLogger<RedisDeliveryDeduplicator>.Instance));
    }

    private RedisOptions Settings => new() { ConnectionString = redis.ConnectionString, KeyPrefix = "test-" + Guid.NewGuid().ToString("N") + ":" };

    [SkippableFact]
    public async Task Of_two_replicas_claiming_the_same_delivery_exactly_one_wins()
    {
        Skip.IfNot(redis.Available, RedisServer.InstallHint);
        var settings = Settings;
        var (connectionA, replicaA) = await StartAsync(settings);
        var (connectionB, replicaB) = await StartAsync(settings);
        await using var _ = connectionA;
        await using var __ = connectionB;

        var claims = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => (i % 2 == 0 ? replicaA : replicaB).TryClaimAsync("Ev1").AsTask()));

        Assert.Single(claims, won => won);
    }

    [SkippableFact]
    public async Task A_claim_expires_after_the_claim_lifetime_and_names_its_replica()
    {
        Skip.IfNot(redis.Available, RedisServer.InstallHint);
        var settings = Settings;
        var (connection, deduplicator) = await StartAsync(settings);
        await using var _ = connection;

        Assert.True(await deduplicator.TryClaimAsync("Ev2"));

        await using var inspector = await redis.ConnectAsync();
        var key = settings.KeyPrefix + "delivery:Ev2";
        var timeToLive = await inspector.GetDatabase().KeyTimeToLiveAsync(key);
        Assert.InRange(timeToLive!.Value, DeliveryClaims.Lifetime - TimeSpan.FromMinutes(1), DeliveryClaims.Lifetime);
        Assert.Equal(Environment.MachineName, (string?)await inspector.GetDatabase().StringGetAsync(key));
    }

    [SkippableFact]
    public async Task A_released_claim_can_be_claimed_again_by_another_replica()
    {
        Skip.IfNot(redis.Available, RedisServer.InstallHint);
        var settings = Settings;
        var (connectionA, replicaA) = await StartAsync(settings);
        var (connectionB, replicaB) = await StartAsync(settings);
        await using var _ = connectionA;
        await using var __ = connectionB;

        Assert.True(await replicaA.TryClaimAsync("Ev3"));
        Assert.False(await replicaB.TryClaimAsync("Ev3"));
        await replicaA.ReleaseAsync("Ev3");

        Assert.True(await replicaB.TryClaimAsync("Ev3"));
        Assert.False(await replicaA.TryClaimAsync("Ev3"));
    }

    [SkippableFact]
    public async Task Deployments_with_different_key_prefixes_do_not_see_each_others_claims()
    {
        Skip.IfNot(redis.Available, RedisServer.InstallHint);
        var (connectionA, production) = await StartAsync(Settings);
        var (connectionB, staging) = await StartAsync(Settings);
        await using var _ = connectionA;
        await using var __ = connectionB;

        Assert.True(await production.TryClaimAsync("Ev4"));
        Assert.True(await staging.TryClaimAsync("Ev4"));
    }

    [Fact]
    public async Task While_redis_is_unreachable_claims_are_kept_on_the_replica_without_delaying_the_acknowledgement()
    {
        var (connection, deduplicator) = await StartAsync(Unreachable);
        await using var _ = connection;
        var elapsed = System.Diagnostics.Stopwatch.StartNew();

        Assert.True(await deduplicator.TryClaimAsync("Ev5"));
        Assert.False(await deduplicator.TryClaimAsync("Ev5"));
        await deduplicator.ReleaseAsync("Ev5");
        Assert.True(await deduplicator.TryClaimAsync("Ev5"));

        // Slack gives up on an acknowledgement after 3 s.
        Assert.True(elapsed.Elapsed < TimeSpan.FromSeconds(2), $"claims took {elapsed.Elapsed}");
    }

    [Theory]
    [InlineData("unknownkeyword=1")]
    [InlineData(",")]
    public void A_malformed_connection_string_is_refused_naming_the_setting(string connectionString)
    {
        var result = new RedisOptionsValidator().Validate(null, new RedisOptions { ConnectionString = connectionString });

        Assert.True(result.Failed);
        Assert.Contains("Redis:ConnectionString", result.FailureMessage);
    }

    [Fact]
    public void The_refusal_never_repeats_the_password()
    {
        var result = new RedisOptionsValidator().Validate(null, new RedisOptions { ConnectionString = "redis:6379,password=hunter2,bogus=1" });

        Assert.True(result.Failed);
        Assert.DoesNotContain("hunter2", result.FailureMessage);
    }

    [Theory]
    [InlineData("")]
    [InlineData("redis.internal:6380,password=secret,ssl=true,abortConnect=false")]
    public void An_empty_or_well_formed_connection_string_is_accepted(string connectionString)
    {
        Assert.True(new RedisOptionsValidator().Validate(null, new RedisOptions { ConnectionString = connectionString }).Succeeded);
    }
}
