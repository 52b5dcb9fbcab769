using Microsoft.Extensions.Options;

namespace IomAssistant.Bot.Tests.Deduplication;

public sealed class RedisStartupTests
{
    private sealed class MisconfiguredBot : BotFactory
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Redis:ConnectionString"] = "unknownkeyword=1" };
    }

    [Fact]
    public void A_malformed_redis_setting_stops_the_bot_at_start_naming_it()
    {
        var error = StartupFailure.Of(() => new MisconfiguredBot());

        Assert.Contains("Redis:ConnectionString", error.Message);
    }
}
