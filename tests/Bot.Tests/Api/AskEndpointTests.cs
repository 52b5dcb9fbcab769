using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace IomAssistant.Bot.Tests.Api;

public class AskEndpointTests(BotFactory factory) : IClassFixture<BotFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    private async Task<(HttpStatusCode Status, JsonElement Body)> Ask(string json, string contentType = "application/json")
    {
        var response = await _client.PostAsync("/api/ask", new StringContent(json, Encoding.UTF8, contentType));
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    [Fact]
    public async Task Health_is_ok_once_the_knowledge_is_loaded()
    {
        var response = await _client.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Answers_a_question_with_the_contract_shape()
    {
        var (status, body) = await Ask("""{"question": "How many staff work at the Regional Office for South America?"}""");
        Assert.Equal(HttpStatusCode.OK, status);
        var answer = body.GetProperty("answer");
        Assert.Equal("office", answer.GetProperty("kind").GetString());
        Assert.Equal("515", answer.GetProperty("facts")[0].GetProperty("value").GetString());
        Assert.Equal("iom-ro-south-america.txt", answer.GetProperty("source").GetProperty("document").GetString());
        Assert.Equal(JsonValueKind.Number, answer.GetProperty("score").ValueKind);
        Assert.Equal(JsonValueKind.Object, answer.GetProperty("context").ValueKind);
        Assert.Equal(JsonValueKind.Array, body.GetProperty("suggestions").ValueKind);
    }

    [Fact]
    public async Task Out_of_scope_questions_get_a_null_answer_and_suggestions()
    {
        var (status, body) = await Ask("""{"question": "How do I reset my VPN password?"}""");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(JsonValueKind.Null, body.GetProperty("answer").ValueKind);
        Assert.True(body.GetProperty("suggestions").GetArrayLength() > 0);
    }

    [Fact]
    public async Task The_context_sent_back_makes_a_follow_up_refer_to_the_same_entity()
    {
        var (_, first) = await Ask("""{"question": "Tell me about the regional office"}""");
        var context = first.GetProperty("answer").GetProperty("context").GetRawText();
        var (status, body) = await Ask($$"""{"question": "and how many projects?", "context": {{context}}}""");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("169", body.GetProperty("answer").GetProperty("facts")[0].GetProperty("value").GetString());
    }

    [Fact]
    public async Task The_locale_and_spanish_question_give_spanish_labels()
    {
        var (_, body) = await Ask("""{"question": "¿Cuántos proyectos tiene la oficina regional?", "locale": "es-AR"}""");
        Assert.Equal("es", body.GetProperty("language").GetString());
        Assert.Equal("Proyectos", body.GetProperty("answer").GetProperty("facts")[0].GetProperty("label").GetString());
    }

    [Theory]
    [InlineData("not json at all")]
    [InlineData("{\"question\": ")]
    [InlineData("[\"question\"]")]
    [InlineData("\"just a string\"")]
    [InlineData("{}")]
    [InlineData("{\"question\": 42}")]
    [InlineData("{\"question\": null}")]
    [InlineData("{\"question\": \"\"}")]
    [InlineData("{\"question\": \"   \"}")]
    [InlineData("{\"question\": \"\\u0000\\u0001\\u0002\"}")]
    [InlineData("")]
    public async Task Malformed_requests_get_a_clear_400(string json)
    {
        var (status, body) = await Ask(json);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.False(string.IsNullOrWhiteSpace(body.GetProperty("error").GetString()));
    }

    [Fact]
    public async Task Invalid_utf8_inside_the_question_gets_a_400_not_a_500()
    {
        var response = await _client.PostAsync("/api/ask", new ByteArrayContent([.. "{\"question\": \""u8, 0xFF, 0xFE, 0xC3, 0x28, .. "\"}"u8])
        {
            Headers = { { "Content-Type", "application/json" } },
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("UTF-8", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_question_over_2000_characters_gets_a_400()
    {
        var (status, body) = await Ask(JsonSerializer.Serialize(new { question = new string('a', 2001) }));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("2000", body.GetProperty("error").GetString());
    }

    [Fact]
    public async Task A_huge_body_is_refused_with_413()
    {
        var (status, _) = await Ask(JsonSerializer.Serialize(new { question = "staff", padding = new string('x', 200_000) }));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
    }

    [Fact]
    public async Task Deeply_nested_json_is_refused_not_crashed()
    {
        var json = "{\"question\": \"staff\", \"context\": " + new string('[', 500) + new string(']', 500) + "}";
        var (status, _) = await Ask(json);
        Assert.Equal(HttpStatusCode.BadRequest, status);
    }

    [Theory]
    [InlineData("C++ \"AND* ~")]
    [InlineData("staff:515^10 AND title:[a TO z]")]
    [InlineData("<!channel> <script>alert(1)</script>")]
    [InlineData("\u0007 staff \u001b[31m")]
    public async Task Query_syntax_and_markup_in_a_question_are_just_text(string question)
    {
        var (status, body) = await Ask(JsonSerializer.Serialize(new { question }));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(body.TryGetProperty("answer", out _));
    }

    [Fact]
    public async Task A_context_of_the_wrong_shape_is_ignored()
    {
        var (status, body) = await Ask("""{"question": "How many staff work at the regional office?", "context": {"entity": 12, "attribute": ["x"]}}""");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("515", body.GetProperty("answer").GetProperty("facts")[0].GetProperty("value").GetString());
    }

    [Fact]
    public async Task An_unknown_entity_in_the_context_is_ignored()
    {
        var response = await _client.PostAsJsonAsync("/api/ask", new { question = "and how many projects?", context = new { entity = "../../etc/passwd" } });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
