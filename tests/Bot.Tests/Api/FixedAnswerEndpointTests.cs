using System.Net;
using System.Text;
using System.Text.Json;
using IomAssistant.Bot.Api;
using IomAssistant.Knowledge.Answers;
using Microsoft.Extensions.DependencyInjection;

namespace IomAssistant.Bot.Tests.Api;

/// <summary>The app with the benchmark's fixed-answer endpoint switched on.</summary>
public sealed class FixedAnswerBotFactory : BotFactory
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { [FixedAnswerEndpoint.Setting] = "true" };
}

public class FixedAnswerEndpointTests(BotFactory factory) : IClassFixture<BotFactory>
{
    private static StringContent Body(string json) => new(json, Encoding.UTF8, "application/json");

    [Fact]
    public async Task The_fixed_answer_endpoint_does_not_exist_by_default()
    {
        var response = await factory.CreateClient().PostAsync(FixedAnswerEndpoint.Route, Body("""{"question": "staff?"}"""));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task When_enabled_it_reads_the_request_like_ask_and_answers_with_the_same_shape()
    {
        using var enabled = new FixedAnswerBotFactory();
        var client = enabled.CreateClient();

        var response = await client.PostAsync(FixedAnswerEndpoint.Route, Body("""{"question": "How many staff?"}"""));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("515", body.GetProperty("answer").GetProperty("facts")[0].GetProperty("value").GetString());
        Assert.Equal("en", body.GetProperty("language").GetString());

        var rejected = await client.PostAsync(FixedAnswerEndpoint.Route, Body("""{"question": 42}"""));
        Assert.Equal(HttpStatusCode.BadRequest, rejected.StatusCode);
    }

    [Theory]
    [InlineData("¿Cuántos funcionarios tiene la oficina regional?")]
    [InlineData("How do I reset my VPN password?")]
    [InlineData("What are the six thematic areas of the regional strategy?")]
    public async Task Ask_writes_the_same_json_as_runtime_serialization(string question)
    {
        var response = await factory.CreateClient().PostAsync("/api/ask", Body(JsonSerializer.Serialize(new { question })));
        var result = factory.Services.GetRequiredService<IAnswerEngine>().Ask(question);
        var expected = JsonSerializer.Serialize(new AskResponse(result.Answer, result.Suggestions, result.Language), new JsonSerializerOptions(JsonSerializerDefaults.Web));
        Assert.Equal(expected, await response.Content.ReadAsStringAsync());
    }
}
