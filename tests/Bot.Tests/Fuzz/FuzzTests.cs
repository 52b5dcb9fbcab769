using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CsCheck;
using IomAssistant.Bot.Tests.Slack;
using Xunit.Abstractions;
using static IomAssistant.Bot.Tests.Fuzz.HostileInputs;

namespace IomAssistant.Bot.Tests.Fuzz;

/// <summary>
/// Property: whatever arrives at /api/ask, /api/messages or the Slack endpoints, the answer is
/// never a 5xx, nothing throws on the server, and the bot still answers a real question after.
/// Each test prints how many inputs it sent.
/// </summary>
public sealed class FuzzTests(FuzzBotFactory bot, ITestOutputHelper output) : IClassFixture<FuzzBotFactory>
{
    private const string ServiceUrl = "http://127.0.0.1:9/";
    private const int Threads = 2;
    /// <summary>FUZZ_SCALE=0.1 for a quick run, 10 for a long one.</summary>
    private static readonly double Scale = double.TryParse(Environment.GetEnvironmentVariable("FUZZ_SCALE"), System.Globalization.CultureInfo.InvariantCulture, out var s) ? s : 1;

    private readonly HttpClient _client = bot.CreateClient();

    public static readonly Gen<FuzzBody> AskBodies = Gen.Frequency(
        (6, Gen.Select(Text, Any(Text, Gen.Const("es-AR")), Json, (question, locale, context) =>
            $$"""{"question":{{Quote(question)}},"locale":{{Quote(locale)}},"context":{{context}}}""")
            .Select(Utf8).Select(ContentType, (b, c) => new FuzzBody(b, c))),
        (2, Gen.Select(Json, json => $$"""{"question":{{json}}}""").Select(Utf8).Select(b => new FuzzBody(b, "application/json"))),
        (2, Json.Select(Utf8).Select(b => new FuzzBody(b, "application/json"))),
        (2, Mutated(Gen.Const(Utf8("""{"question":"How many staff work at the regional office?","locale":"es-AR","context":{"entity":"ro","attribute":"staff"}}""")))
            .Select(b => new FuzzBody(b, "application/json"))),
        (1, DeepNesting.Select(Utf8).Select(b => new FuzzBody(b, "application/json"))),
        (1, RandomBytes.Select(b => new FuzzBody(b, "application/json"))));

    private static readonly Gen<string> TeamsValue = Gen.Frequency(
        (3, Json),
        (1, Text.Select(q => $$"""{"action":"ask","question":{{Quote(q)}}}""")),
        (1, Gen.Select(Text, Json, (q, helpful) => $$"""{"action":"feedback","helpful":{{helpful}},"answer":{{Quote(q)}},"question":{{Quote(q)}},"lang":"es"}""")),
        (1, Text.Select(q => $$"""{"commandId":"search","parameters":[{"name":"searchQuery","value":{{Quote(q)}}}]}""")),
        (1, Json.Select(d => """{"action":{"type":"Action.Execute","data":""" + d + "}}")));

    private static readonly Gen<string> Account = Gen.Frequency(
        (4, Gen.Select(Text, Text, (id, name) => $$"""{"id":{{Quote(id)}},"name":{{Quote(name)}},"aadObjectId":{{Quote(id)}}}""")),
        (1, Json));

    public static readonly Gen<FuzzBody> TeamsBodies = Gen.Frequency(
        (6, Gen.Select(
                Gen.Frequency((6, Gen.Const("message")), (1, Gen.Const("invoke")), (1, Gen.Const("conversationUpdate")), (1, Text)),
                Gen.Frequency((9, Gen.Const("expectReplies")), (1, Text)),
                Text, Account, TeamsValue,
                Any(Pick("composeExtension/query", "adaptiveCard/action"), Text),
                Json)
            .Select(a => $$"""
                {"type":{{Quote(a.Item1)}},"deliveryMode":{{Quote(a.Item2)}},"id":"a1","serviceUrl":"{{ServiceUrl}}","channelId":"msteams",
                 "text":{{Quote(a.Item3)}},"from":{{a.Item4}},"recipient":{"id":"bot","name":"BotName"},"conversation":{"id":{{Quote(a.Item3)}}},
                 "value":{{a.Item5}},"name":{{Quote(a.Item6)}},"locale":{{Quote(a.Item3.Length > 40 ? a.Item3[..40] : a.Item3)}},
                 "entities":[{"type":"mention","text":{{Quote(a.Item3)}},"mentioned":{{a.Item4}}}],"membersAdded":[{{a.Item4}}],"channelData":{{a.Item7}} }
                """)
            .Select(Utf8).Select(b => new FuzzBody(b, "application/json"))),
        (3, Mutated(Gen.Const(Utf8($$$"""
                {"type":"message","deliveryMode":"expectReplies","id":"a1","serviceUrl":"{{{ServiceUrl}}}","channelId":"msteams","text":"<at>BotName</at> How many staff?",
                 "from":{"id":"u1","aadObjectId":"aad1"},"recipient":{"id":"bot","name":"BotName"},"conversation":{"id":"c1"},
                 "entities":[{"type":"mention","text":"<at>BotName</at>","mentioned":{"id":"bot","name":"BotName"}}],"value":{"action":"ask","question":"staff?"}}
                """))).Select(b => new FuzzBody(b, "application/json"))),
        (1, Json.Select(Utf8).Select(b => new FuzzBody(b, "application/json"))),
        (1, DeepNesting.Select(Utf8).Select(b => new FuzzBody(b, "application/json"))),
        (1, RandomBytes.Select(b => new FuzzBody(b, "application/json"))));

    private static readonly Gen<string> EventId = Gen.Frequency((9, Gen.Int[0, 40].Select(i => $"EvFUZZ{i}")), (1, Text));

    private static readonly Gen<FuzzBody> SlackEvents = Gen.Frequency(
        (5, Gen.Select(Gen.Frequency((6, Gen.Const("event_callback")), (1, Gen.Const("url_verification")), (1, Text)), EventId, Text, Text, Json,
                Gen.Frequency((3, Gen.Const("app_mention")), (2, Gen.Const("message")), (1, Text)))
            .Select(e => $$$"""
                {"type":{{{Quote(e.Item1)}}},"event_id":{{{Quote(e.Item2)}}},"team_id":"T1","challenge":{{{Quote(e.Item3)}}},
                 "authorizations":[{"user_id":"UBOT","is_bot":true}, {{{e.Item5}}}],
                 "event":{"type":{{{Quote(e.Item6)}}},"channel_type":"im","user":{{{Quote(e.Item4)}}},"text":{{{Quote(e.Item3)}}},"ts":"1.2","channel":"C1","thread_ts":{{{e.Item5}}}  }}
                """)
            .Select(Utf8).Select(b => new FuzzBody(b, "application/json"))),
        (3, Mutated(Gen.Const(Utf8("""
                {"type":"event_callback","event_id":"EvFUZZmutated","team_id":"T1","event":{"type":"app_mention","user":"U1","text":"<@UBOT> How many staff?","ts":"1.2","channel":"C1"}}
                """))).Select(b => new FuzzBody(b, "application/json"))),
        (1, Json.Select(Utf8).Select(b => new FuzzBody(b, "application/json"))),
        (1, DeepNesting.Select(Utf8).Select(b => new FuzzBody(b, "application/json"))),
        (1, RandomBytes.Select(b => new FuzzBody(b, "application/json"))));

    private const string Form = "application/x-www-form-urlencoded";

    private static string FormOf(params (string Name, string Value)[] fields) =>
        string.Join("&", fields.Select(f => Uri.EscapeDataString(f.Name) + "=" + Uri.EscapeDataString(f.Value)));

    private static readonly Gen<FuzzBody> SlackCommands = Gen.Frequency(
        (5, Gen.Select(Gen.Frequency((6, Gen.Const("/ask")), (1, Text)), Text, Text, Gen.Frequency((6, Gen.Const("http://127.0.0.1:9/r")), (1, Text)), Gen.Bool)
            .Select(c => FormOf(("command", c.Item1), ("text", c.Item2), ("team_id", "T1"), ("channel_id", "C1"), ("user_id", c.Item3),
                ("response_url", c.Item4), ("ssl_check", c.Item5 ? "0" : "1"), ("trigger_id", c.Item3)))
            .Select(Utf8).Select(b => new FuzzBody(b, Form))),
        (2, Mutated(Gen.Const(Utf8(FormOf(("command", "/ask"), ("text", "how many staff?"), ("team_id", "T1"), ("channel_id", "C1"), ("user_id", "U1"), ("response_url", "http://127.0.0.1:9/r")))))
            .Select(b => new FuzzBody(b, Form))),
        (2, Gen.Select(Text, Text).Array[0, 6].Select(f => FormOf(f.Select(p => (p.Item1, p.Item2)).ToArray())).Select(Utf8).Select(b => new FuzzBody(b, Form))),
        (1, RandomBytes.Select(b => new FuzzBody(b, Form))));

    private static readonly Gen<FuzzBody> SlackInteractions = Gen.Frequency(
        (5, Gen.Select(
                Any(Pick("follow_up_0", "share_in_channel", "feedback_helpful", "feedback_not_helpful"), Text),
                Any(Text, Text.Select(t => $$"""{"Title":{{Quote(t)}},"Question":{{Quote(t)}},"Language":"es"}""")),
                Text, Gen.Bool, Json, Gen.Frequency((6, Gen.Const("block_actions")), (1, Text)))
            .Select(p => $$"""
                {"type":{{Quote(p.Item6)}},"user":{"id":{{Quote(p.Item3)}},"team_id":"T1"},"team":{"id":"T1"},"channel":{"id":"C1"},
                 "container":{"type":"message","message_ts":"1.2","channel_id":"C1","is_ephemeral":{{(p.Item4 ? "true" : "false")}}},
                 "response_url":"http://127.0.0.1:9/r","trigger_id":{{Quote(p.Item3)}},"message":{{p.Item5}},
                 "actions":[{"type":"button","action_id":{{Quote(p.Item1)}},"value":{{Quote(p.Item2)}}}]}
                """)
            .Select(json => FormOf(("payload", json))).Select(Utf8).Select(b => new FuzzBody(b, Form))),
        (2, Json.Select(json => FormOf(("payload", json))).Select(Utf8).Select(b => new FuzzBody(b, Form))),
        (1, DeepNesting.Select(json => FormOf(("payload", json))).Select(Utf8).Select(b => new FuzzBody(b, Form))),
        (1, RandomBytes.Select(b => new FuzzBody(b, Form))));

    /// <summary>Slack requests: mostly signed so they reach parsing, some unsigned or with a wrong signature.</summary>
    public static readonly Gen<(string Path, FuzzBody Body, int Signing)> SlackRequests = Gen.Select(
        Gen.Frequency((4, Gen.Const("/slack/events")), (3, Gen.Const("/slack/commands")), (3, Gen.Const("/slack/interactivity"))),
        Gen.Int[0, 9])
        .SelectMany(t => (t.Item1 switch
        {
            "/slack/events" => SlackEvents,
            "/slack/commands" => SlackCommands,
            _ => SlackInteractions,
        }).Select(body => (t.Item1, body, t.Item2)));

    [Fact]
    public Task Api_ask_survives_hostile_input() =>
        FuzzAsync("/api/ask", AskBodies, iterations: (int)(5000 * Scale), body => Post("/api/ask", body));

    [Fact]
    public Task Web_card_api_survives_hostile_input() =>
        FuzzAsync("/api/card", AskBodies, iterations: (int)(1000 * Scale), body => Post("/api/card", body));

    [Fact]
    public Task Teams_messages_survive_hostile_activities() =>
        FuzzAsync("/api/messages", TeamsBodies, iterations: (int)(4000 * Scale), body => Post("/api/messages", body));

    [Fact]
    public Task Slack_endpoints_survive_hostile_signed_and_unsigned_requests() =>
        FuzzAsync("/slack/*", SlackRequests, iterations: (int)(11000 * Scale), request => SlackPost(request.Path, request.Body, request.Signing));

    [Fact]
    public async Task Hand_made_hostile_payloads_never_cause_a_server_error()
    {
        var sent = 0;
        foreach (var payload in HostilePayloads.All)
        {
            var body = new FuzzBody(Utf8(payload), "application/json");
            var form = new FuzzBody(Utf8(payload), Form);
            await Expect(Post("/api/ask", body), payload);
            await Expect(Post("/api/messages", body), payload);
            foreach (var path in new[] { "/slack/events", "/slack/commands", "/slack/interactivity" })
                foreach (var signing in new[] { 0, 8, 9 })
                    await Expect(SlackPost(path, path == "/slack/events" ? body : form, signing), payload);
            sent += 11;
        }
        output.WriteLine($"hand-made corpus: {HostilePayloads.All.Count} payloads, {sent} requests, 0 server errors");
        await StillAnswers();
    }

    private async Task FuzzAsync<T>(string name, Gen<T> gen, int iterations, Func<T, Task<HttpResponseMessage>> send)
    {
        var count = 0;
        var statuses = new System.Collections.Concurrent.ConcurrentDictionary<int, int>();
        var watch = Stopwatch.StartNew();
        await gen.SampleAsync(async input =>
        {
            using var response = await send(input);
            Interlocked.Increment(ref count);
            statuses.AddOrUpdate((int)response.StatusCode, 1, (_, n) => n + 1);
            Assert.True((int)response.StatusCode < 500, $"{name} answered {(int)response.StatusCode}");
        }, iter: iterations, threads: Threads);
        output.WriteLine($"{name}: {count} generated inputs in {watch.Elapsed.TotalSeconds:F1} s, 0 server errors; statuses {string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}×{s.Value}"))}");
        Assert.True(count >= iterations);
        await StillAnswers();
    }

    private async Task Expect(Task<HttpResponseMessage> sending, string payload)
    {
        using var response = await sending;
        Assert.True((int)response.StatusCode < 500, $"{(int)response.StatusCode} for {payload[..Math.Min(200, payload.Length)]}");
    }

    /// <summary>The process still serves, and nothing failed on the server on the way.</summary>
    private async Task StillAnswers()
    {
        var response = await _client.PostAsJsonAsync("/api/ask", new { question = "How many staff work at the Regional Office for South America?" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(JsonValueKind.Object, body.GetProperty("answer").ValueKind);
        var restricted = await _client.PostAsJsonAsync("/api/ask", new { question = "What is the duty officer code word?" });
        Assert.False(Audiences.StaffKnowledgeFolder.ShowsStaffOnly(await restricted.Content.ReadAsStringAsync(), "What is the duty officer code word?"));
        Assert.True(bot.ServerErrors.IsEmpty, string.Join(Environment.NewLine, bot.ServerErrors.Take(5)));
    }

    /// <summary>Posts the body; one in three with the gateway's header, carrying its secret or a near miss.</summary>
    private Task<HttpResponseMessage> Post(string path, FuzzBody body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(body.Bytes) };
        if (body.ContentType.Length > 0)
            request.Content.Headers.TryAddWithoutValidation("Content-Type", body.ContentType);
        switch (body.Bytes.Length % 3)
        {
            case 1: request.Headers.TryAddWithoutValidation(FuzzBotFactory.GatewayHeader, FuzzBotFactory.GatewaySecret); break;
            case 2: request.Headers.TryAddWithoutValidation(FuzzBotFactory.GatewayHeader, FuzzBotFactory.GatewaySecret[..^1] + "x"); break;
        }
        return _client.SendAsync(request);
    }

    /// <param name="signing">0-7 signed, 8 unsigned, 9 signed with another secret.</param>
    private Task<HttpResponseMessage> SlackPost(string path, FuzzBody body, int signing)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(body.Bytes) };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", body.ContentType);
        if (signing != 8)
        {
            var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString();
            request.Headers.Add("X-Slack-Request-Timestamp", timestamp);
            request.Headers.Add("X-Slack-Signature", SignedSlackRequests.Signature(signing == 9 ? "wrong" : FuzzBotFactory.SlackSecret, timestamp, body.Bytes));
        }
        return _client.SendAsync(request);
    }
}
