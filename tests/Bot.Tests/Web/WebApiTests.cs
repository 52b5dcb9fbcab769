using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using IomAssistant.Bot.Conversation;
using Microsoft.Extensions.DependencyInjection;

namespace IomAssistant.Bot.Tests.Web;

public class WebApiTests(WebBotFactory factory) : IClassFixture<WebBotFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    private async Task<(HttpStatusCode Status, JsonElement Body)> Post(string path, string json)
    {
        var response = await _client.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    private async Task<(HttpStatusCode Status, JsonElement Body)> Get(string path)
    {
        var response = await _client.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    private static IEnumerable<string> Texts(JsonElement node) => node.ValueKind switch
    {
        JsonValueKind.Object => node.EnumerateObject().SelectMany(p => p.Name is "text" or "title" or "value" && p.Value.ValueKind == JsonValueKind.String ? [p.Value.GetString()!] : Texts(p.Value)),
        JsonValueKind.Array => node.EnumerateArray().SelectMany(Texts),
        _ => [],
    };

    [Theory]
    [InlineData("/")]
    [InlineData("/knowledge")]
    [InlineData("/source")]
    public async Task Pages_are_served_with_a_strict_content_security_policy(string path)
    {
        var response = await _client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("script-src 'self'", csp);
        Assert.Contains("style-src 'self'", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.DoesNotContain("unsafe-inline", csp);
        Assert.DoesNotContain("unsafe-eval", csp);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("<script src=\"/assets/app.js\"", html);
        Assert.DoesNotContain("<style", html);
        Assert.DoesNotContain("style=", html);
        Assert.Equal(1, html.Split("<script").Length - 1);
    }

    [Fact]
    public async Task The_script_bundles_the_adaptive_cards_renderer_and_is_served_by_the_app()
    {
        var response = await _client.GetAsync("/assets/app.js");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/javascript", response.Content.Headers.ContentType?.MediaType);
        var script = await response.Content.ReadAsStringAsync();
        Assert.Contains("AdaptiveCard", script);
        Assert.DoesNotContain("cdn.", script, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync("/assets/styles.css")).StatusCode);
    }

    [Theory]
    [InlineData("/assets/..%2Fappsettings.json")]
    [InlineData("/assets/..%2F..%2FBot.dll")]
    [InlineData("/assets/index.htm")]
    [InlineData("/assets/app.js%2F..%2F..%2Fappsettings.json")]
    [InlineData("/assets/Bot.deps.json")]
    public async Task Only_the_page_assets_are_served(string path)
    {
        var response = await _client.GetAsync(path);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task The_card_for_a_question_is_the_adaptive_card_with_the_answer_and_the_ask_body()
    {
        var (status, body) = await Post("/api/card", """{"question": "How many staff work at the Regional Office for South America?"}""");
        Assert.Equal(HttpStatusCode.OK, status);
        var card = body.GetProperty("card");
        Assert.Equal("AdaptiveCard", card.GetProperty("type").GetString());
        Assert.Equal("1.5", card.GetProperty("version").GetString());
        Assert.Contains("515", Texts(card));
        Assert.Contains("515", body.GetProperty("fallbackText").GetString());
        var reply = body.GetProperty("reply");
        Assert.Equal("515", reply.GetProperty("answer").GetProperty("facts")[0].GetProperty("value").GetString());
        Assert.Equal("iom-ro-south-america.txt", reply.GetProperty("answer").GetProperty("source").GetProperty("document").GetString());
        Assert.Equal("en", reply.GetProperty("language").GetString());
    }

    [Fact]
    public async Task A_spanish_question_gets_a_card_with_spanish_labels()
    {
        var (_, body) = await Post("/api/card", """{"question": "¿Cuántos funcionarios tiene la oficina regional?", "locale": "en-US"}""");
        Assert.Equal("es", body.GetProperty("reply").GetProperty("language").GetString());
        var texts = Texts(body.GetProperty("card")).ToList();
        Assert.Contains(texts, t => t.StartsWith("Fuente:", StringComparison.Ordinal));
        Assert.Contains("¿Le resultó útil?", texts);
    }

    [Fact]
    public async Task A_question_the_documents_do_not_answer_gets_suggestions_as_buttons()
    {
        var (status, body) = await Post("/api/card", """{"question": "How do I reset my VPN password?"}""");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(JsonValueKind.Null, body.GetProperty("reply").GetProperty("answer").ValueKind);
        var actions = body.GetProperty("card").GetProperty("actions").EnumerateArray().ToList();
        Assert.NotEmpty(actions);
        Assert.All(actions, a => Assert.Equal("ask", a.GetProperty("data").GetProperty("action").GetString()));
    }

    [Fact]
    public async Task The_context_sent_back_answers_a_follow_up()
    {
        var (_, first) = await Post("/api/card", """{"question": "Tell me about the regional office"}""");
        var context = first.GetProperty("reply").GetProperty("answer").GetProperty("context").GetRawText();
        var (_, body) = await Post("/api/card", $$"""{"question": "and how many projects?", "context": {{context}}}""");
        Assert.Contains("169", Texts(body.GetProperty("card")));
    }

    [Theory]
    [InlineData("en-US", "en", "IOM South America assistant")]
    [InlineData("es-AR", "es", "Asistente de la OIM para América del Sur")]
    [InlineData("pt-BR", "pt", "Assistente da OIM para a América do Sul")]
    [InlineData("xx", "en", "IOM South America assistant")]
    public async Task The_welcome_card_is_in_the_browser_language_with_example_questions(string locale, string language, string title)
    {
        var (status, body) = await Get($"/api/welcome?locale={locale}");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(language, body.GetProperty("language").GetString());
        Assert.Contains(title, Texts(body.GetProperty("card")));
        Assert.Equal(3, body.GetProperty("card").GetProperty("actions").GetArrayLength());
    }

    [Theory]
    [InlineData("not json at all")]
    [InlineData("")]
    [InlineData("[]")]
    [InlineData("{}")]
    [InlineData("{\"question\": 42}")]
    [InlineData("{\"question\": \"  \"}")]
    [InlineData("{\"question\": \"staff\", \"context\": [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}")]
    public async Task Malformed_card_requests_get_a_clear_400(string json)
    {
        var (status, body) = await Post("/api/card", json);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.False(string.IsNullOrWhiteSpace(body.GetProperty("error").GetString()));
    }

    [Fact]
    public async Task A_huge_card_request_is_refused_with_413()
    {
        var (status, _) = await Post("/api/card", JsonSerializer.Serialize(new { question = "staff", padding = new string('x', 200_000) }));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
    }

    [Theory]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("C++ \"AND* ~ title:[a TO z]")]
    [InlineData("\u0007 staff \u001b[31m")]
    public async Task Hostile_questions_are_just_text(string question)
    {
        var (status, body) = await Post("/api/card", JsonSerializer.Serialize(new { question, locale = "x-" + question.Length }));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("AdaptiveCard", body.GetProperty("card").GetProperty("type").GetString());
    }

    [Fact]
    public async Task Feedback_from_a_card_button_is_recorded_and_thanked_in_its_language()
    {
        var (status, body) = await Post("/api/feedback", """{"action": "feedback", "helpful": false, "answer": "IOM Regional Office for South America", "question": "¿Cuántos funcionarios?", "lang": "es"}""");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Gracias por su opinión.", body.GetProperty("message").GetString());
        var recorded = factory.Feedback.Entries;
        Assert.Contains(recorded, e => e.Channel == "web" && !e.Helpful && e.AnswerTitle == "IOM Regional Office for South America" && e.Question == "¿Cuántos funcionarios?");
    }

    [Theory]
    [InlineData("")]
    [InlineData("nonsense")]
    [InlineData("{}")]
    [InlineData("{\"action\": \"ask\", \"question\": \"staff\"}")]
    [InlineData("{\"action\": \"feedback\", \"answer\": \"x\"}")]
    [InlineData("{\"action\": \"feedback\", \"helpful\": \"yes\", \"answer\": \"x\"}")]
    [InlineData("{\"action\": \"feedback\", \"helpful\": true}")]
    [InlineData("{\"action\": \"feedback\", \"helpful\": true, \"answer\": \" \"}")]
    [InlineData("{\"action\": \"feedback\", \"helpful\": true, \"answer\": [1]}")]
    public async Task Malformed_feedback_gets_a_400(string json)
    {
        var (status, body) = await Post("/api/feedback", json);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.False(string.IsNullOrWhiteSpace(body.GetProperty("error").GetString()));
    }

    [Fact]
    public async Task Oversized_feedback_is_refused()
    {
        var (tooLong, _) = await Post("/api/feedback", JsonSerializer.Serialize(new { action = "feedback", helpful = true, answer = new string('a', 301) }));
        Assert.Equal(HttpStatusCode.BadRequest, tooLong);
        var (huge, _) = await Post("/api/feedback", JsonSerializer.Serialize(new { action = "feedback", helpful = true, answer = "x", padding = new string('a', 20_000) }));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, huge);
    }

    [Fact]
    public async Task Topics_list_every_office_country_and_the_six_strategy_areas()
    {
        var (status, body) = await Get("/api/topics");
        Assert.Equal(HttpStatusCode.OK, status);
        var topics = body.GetProperty("topics").EnumerateArray().ToList();
        Assert.Equal(6, topics.Count(t => t.GetProperty("kind").GetString() == "strategy"));
        Assert.Contains(topics, t => t.GetProperty("kind").GetString() == "office");
        Assert.Contains(topics, t => t.GetProperty("kind").GetString() == "country");
        Assert.All(topics, t => Assert.False(string.IsNullOrWhiteSpace(t.GetProperty("title").GetString())));
    }

    [Fact]
    public async Task The_findings_list_per_document_the_entities_and_facts_found_with_their_quotes()
    {
        var (status, body) = await Get("/api/findings");

        Assert.Equal(HttpStatusCode.OK, status);
        var brochure = Assert.Single(body.GetProperty("documents").EnumerateArray(), d => d.GetProperty("document").GetString() == "iom-ro-south-america.txt");
        var entities = brochure.GetProperty("entities").EnumerateArray().ToList();
        var office = entities.First(e => e.GetProperty("kind").GetString() == "office");
        Assert.True(office.GetProperty("curated").GetBoolean());
        var staff = Assert.Single(office.GetProperty("facts").EnumerateArray(), f => f.GetProperty("attribute").GetString() == "staff");
        Assert.Equal("515 Staff", staff.GetProperty("quote").GetString());
        Assert.All(entities.SelectMany(e => e.GetProperty("facts").EnumerateArray()), f => Assert.False(string.IsNullOrWhiteSpace(f.GetProperty("quote").GetString())));
        Assert.Equal(1, body.GetProperty("total").GetInt32());
    }

    [Theory]
    [InlineData("/api/findings?document=iom-ro-south-america.txt", HttpStatusCode.OK, 1)]
    [InlineData("/api/findings?document=no-such-document.txt", HttpStatusCode.OK, 0)]
    [InlineData("/api/findings?document=a&document=b", HttpStatusCode.BadRequest, 0)]
    public async Task The_findings_of_one_document(string path, HttpStatusCode expected, int documents)
    {
        var (status, body) = await Get(path);

        Assert.Equal(expected, status);
        if (expected == HttpStatusCode.OK)
            Assert.Equal(documents, body.GetProperty("documents").GetArrayLength());
        else
            Assert.False(string.IsNullOrWhiteSpace(body.GetProperty("error").GetString()));
    }

    [Fact]
    public async Task An_overlong_findings_document_name_is_a_400()
    {
        Assert.Equal(HttpStatusCode.BadRequest, (await Get("/api/findings?document=" + new string('a', 300))).Status);
    }

    [Fact]
    public async Task The_source_of_an_answer_shows_its_quote_marked_in_the_cleaned_document()
    {
        var (_, answer) = await Post("/api/card", """{"question": "How many staff work at the Regional Office for South America?"}""");
        var source = answer.GetProperty("reply").GetProperty("answer").GetProperty("source");
        var quote = source.GetProperty("quote").GetString()!;
        var (status, body) = await Get($"/api/source?document={Uri.EscapeDataString(source.GetProperty("document").GetString()!)}&quote={Uri.EscapeDataString(quote)}");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(body.GetProperty("found").GetBoolean());
        var runs = body.GetProperty("sections").EnumerateArray()
            .SelectMany(s => s.GetProperty("blocks").EnumerateArray())
            .SelectMany(b => b.GetProperty("lines").EnumerateArray())
            .SelectMany(l => l.EnumerateArray()).ToList();
        var marked = string.Join(" ", runs.Where(r => r.GetProperty("marked").GetBoolean()).Select(r => r.GetProperty("text").GetString()));
        Assert.Equal(Fold(quote), Fold(marked));
        // Cleaned: no hyphen split across lines survives in the text shown.
        Assert.DoesNotContain(runs, r => r.GetProperty("text").GetString()!.Contains("-\n"));
    }

    [Fact]
    public async Task A_passage_quote_spanning_spacing_and_case_differences_is_still_found()
    {
        var (_, answer) = await Post("/api/card", """{"question": "What does IOM do about climate change?"}""");
        var source = answer.GetProperty("reply").GetProperty("answer").GetProperty("source");
        var quote = source.GetProperty("quote").GetString()!.ToUpperInvariant().Replace(" ", "   ");
        var (status, body) = await Get($"/api/source?document={Uri.EscapeDataString(source.GetProperty("document").GetString()!)}&quote={Uri.EscapeDataString(quote)}");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(body.GetProperty("found").GetBoolean());
    }

    [Fact]
    public async Task A_quote_not_in_the_document_shows_the_document_unmarked()
    {
        var (status, body) = await Get("/api/source?document=iom-ro-south-america.txt&quote=this%20sentence%20is%20nowhere");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.False(body.GetProperty("found").GetBoolean());
        Assert.NotEmpty(body.GetProperty("sections").EnumerateArray());
    }

    [Theory]
    [InlineData("/api/source", HttpStatusCode.BadRequest)]
    [InlineData("/api/source?document=", HttpStatusCode.BadRequest)]
    [InlineData("/api/source?document=a&document=b", HttpStatusCode.BadRequest)]
    [InlineData("/api/source?document=iom-ro-south-america.txt&quote=a&quote=b", HttpStatusCode.BadRequest)]
    [InlineData("/api/source?document=../appsettings.json", HttpStatusCode.NotFound)]
    [InlineData("/api/source?document=..%2F..%2F..%2Fetc%2Fpasswd", HttpStatusCode.NotFound)]
    [InlineData("/api/source?document=%2Fetc%2Fpasswd", HttpStatusCode.NotFound)]
    [InlineData("/api/source?document=catalog.yaml", HttpStatusCode.NotFound)]
    [InlineData("/api/source?document=IOM-RO-SOUTH-AMERICA.TXT", HttpStatusCode.NotFound)]
    [InlineData("/api/source?document=iom-ro-south-america.txt%00.png", HttpStatusCode.NotFound)]
    [InlineData("/api/source?document=%C0%AE%C0%AE%2F", HttpStatusCode.NotFound)]
    public async Task Only_documents_the_knowledge_holds_can_be_shown(string path, HttpStatusCode expected)
    {
        var (status, body) = await Get(path);
        Assert.Equal(expected, status);
        Assert.False(string.IsNullOrWhiteSpace(body.GetProperty("error").GetString()));
        Assert.DoesNotContain("root:", body.GetRawText());
    }

    [Fact]
    public async Task An_overlong_document_name_or_quote_is_a_400()
    {
        Assert.Equal(HttpStatusCode.BadRequest, (await Get("/api/source?document=" + new string('a', 300))).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await Get("/api/source?document=iom-ro-south-america.txt&quote=" + new string('a', 4001))).Status);
    }

    [Fact]
    public async Task The_api_answers_carry_the_hardening_headers()
    {
        var response = await _client.PostAsJsonAsync("/api/card", new { question = "staff" });
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
    }

    [Theory]
    [InlineData("GET", "/api/welcome", null, HttpStatusCode.OK)]
    [InlineData("GET", "/api/welcome?locale=xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", null, HttpStatusCode.BadRequest)]
    [InlineData("GET", "/api/topics", null, HttpStatusCode.OK)]
    [InlineData("GET", "/api/source", null, HttpStatusCode.BadRequest)]
    [InlineData("GET", "/api/source?document=no-such-document.txt", null, HttpStatusCode.NotFound)]
    [InlineData("POST", "/api/card", "{\"question\": \"staff\"}", HttpStatusCode.OK)]
    [InlineData("POST", "/api/card", "[]", HttpStatusCode.BadRequest)]
    [InlineData("POST", "/api/feedback", "{}", HttpStatusCode.BadRequest)]
    [InlineData("GET", "/assets/no-such-asset.js", null, HttpStatusCode.NotFound)]
    public async Task Every_answer_of_the_page_and_its_api_carries_the_security_headers_refusals_too(string method, string path, string? json, HttpStatusCode expected)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (json is not null)
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        var response = await _client.SendAsync(request);

        Assert.Equal(expected, response.StatusCode);
        Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
    }

    private static string Fold(string text) => string.Join(" ", text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).ToLowerInvariant();
}

/// <summary>The page's API endpoints count against one limit per client; the page and /api/ask do not.</summary>
public class WebSharedRateLimitTests(RateLimitedWebBotFactory factory) : IClassFixture<RateLimitedWebBotFactory>
{
    [Fact]
    public async Task Calls_to_different_endpoints_of_the_page_share_its_limit()
    {
        var client = factory.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/welcome")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/topics")).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await client.GetAsync("/api/source?document=iom-ro-south-america.txt")).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await client.PostAsJsonAsync("/api/feedback", new { })).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/knowledge")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/api/ask", new { question = "staff" })).StatusCode);
    }
}

public class WebRateLimitTests(RateLimitedWebBotFactory factory) : IClassFixture<RateLimitedWebBotFactory>
{
    [Fact]
    public async Task Too_many_questions_get_a_429_with_retry_after_and_a_message()
    {
        var client = factory.CreateClient();
        HttpResponseMessage? last = null;
        for (var i = 0; i < 3; i++)
            last = await client.PostAsJsonAsync("/api/card", new { question = "staff" });
        Assert.Equal(HttpStatusCode.TooManyRequests, last!.StatusCode);
        Assert.True(last.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        var body = await last.Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(string.IsNullOrWhiteSpace(body.GetProperty("error").GetString()));
        // The page itself stays reachable to show the message.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
    }
}
