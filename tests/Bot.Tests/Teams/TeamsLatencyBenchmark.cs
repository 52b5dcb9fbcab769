using System.Diagnostics;
using System.Net;
using IomAssistant.Bot.Tests.Teams.Fakes;
using Xunit.Abstractions;

namespace IomAssistant.Bot.Tests.Teams;

/// <summary>
/// Activity in -> reply posted to a loopback Connector, with the knowledge engine, token
/// validation and the bot token as in production. The adapter answers the HTTP request once
/// the reply is posted, so the request's duration is the whole path.
/// </summary>
[Trait("Category", "Benchmark")]
public sealed class TeamsLatencyBenchmark(ITestOutputHelper output)
{
    private const int Warmup = 30;
    private const int Measured = 300;

    [Fact]
    public async Task Activity_in_to_reply_posted_p99()
    {
        await using var channel = await FakeBotFrameworkChannel.StartAsync();
        await using var bot = new TeamsBotHost(channel, realEngine: true);
        string[] questions = ["How many staff does the regional office have?", "Who coordinates the IOM mission in Guyana?", "¿Cuántos proyectos tiene la oficina regional?"];
        var token = channel.SignToken();
        var timings = new List<double>();

        for (var i = 0; i < Warmup + Measured; i++)
        {
            var activity = Activities.Message(channel.ServiceUrl, questions[i % questions.Length]);
            var watch = Stopwatch.StartNew();
            var response = await bot.PostActivityAsync(activity, token);
            watch.Stop();
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            if (i >= Warmup)
                timings.Add(watch.Elapsed.TotalMilliseconds);
        }

        timings.Sort();
        double Percentile(double p) => timings[(int)Math.Ceiling(p * timings.Count) - 1];
        output.WriteLine($"activity in -> reply posted, {Measured} activities: p50 {Percentile(0.50):F1} ms, p99 {Percentile(0.99):F1} ms, max {timings[^1]:F1} ms");
        Assert.Equal(Warmup + Measured, channel.Posts.Count);
        // The target is 50 ms; the bound is looser because CI machines are shared.
        Assert.True(Percentile(0.99) < 200, $"p99 {Percentile(0.99):F1} ms");
    }
}
