using System.Net;
using System.Net.Http.Json;

namespace IomAssistant.Bot.Tests.Audiences;

/// <summary>The bot over the staff knowledge, behind a gateway that vouches for staff with a shared secret header.</summary>
public sealed class GatewayBotFactory : BotFactory
{
    public const string Header = "X-Assistant-Audience";
    public const string GatewaySecret = "test-gateway-secret-0123456789abcdef";

    public StaffKnowledgeFolder Knowledge { get; } = new();

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Knowledge:Path"] = Knowledge.Folder,
        ["Knowledge:WatchForChanges"] = "false",
        ["Web:AudienceHeader"] = Header,
        ["Web:TrustedAudienceHeaderValue"] = GatewaySecret,
        ["Web:TrustedAudiences:0"] = "staff",
        ["Web:RequestsPerMinute"] = "100000",
        ["RateLimits:Api:PermitLimit"] = "100000",
    };

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        Knowledge.Dispose();
    }
}

/// <summary>
/// The web page's API and /api/ask: the public (no header, or a wrong one) never sees a
/// staff-only answer, suggestion, follow-up, topic or source; a caller the gateway vouches for does.
/// </summary>
public sealed class WebAudienceTests(GatewayBotFactory bot) : IClassFixture<GatewayBotFactory>
{
    public enum Caller { Public, WrongSecret, Staff }

    public static TheoryData<string, string, Caller> Asks()
    {
        var data = new TheoryData<string, string, Caller>();
        foreach (var path in new[] { "/api/ask", "/api/card" })
            foreach (var question in StaffKnowledgeFolder.Questions)
                foreach (var caller in Enum.GetValues<Caller>())
                    data.Add(path, question, caller);
        return data;
    }

    private HttpClient Client(Caller caller)
    {
        var client = bot.CreateClient();
        if (caller != Caller.Public)
            client.DefaultRequestHeaders.Add(GatewayBotFactory.Header, caller == Caller.Staff ? GatewayBotFactory.GatewaySecret : "guessed-" + GatewayBotFactory.GatewaySecret);
        return client;
    }

    [Theory]
    [MemberData(nameof(Asks))]
    public async Task Only_a_caller_the_gateway_vouches_for_is_answered_from_staff_only_documents(string path, string question, Caller caller)
    {
        var response = await Client(caller).PostAsJsonAsync(path, new { question });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(caller == Caller.Staff, StaffKnowledgeFolder.ShowsStaffOnly(body, question));
    }

    [Theory]
    [InlineData(Caller.Public)]
    [InlineData(Caller.WrongSecret)]
    [InlineData(Caller.Staff)]
    public async Task A_follow_up_context_naming_a_staff_only_entity_counts_only_for_staff(Caller caller)
    {
        var response = await Client(caller).PostAsJsonAsync("/api/ask",
            new { question = "and the code word?", context = new { entity = "security-cell", attribute = "duty-officer" } });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(caller == Caller.Staff, StaffKnowledgeFolder.ShowsStaffOnly(await response.Content.ReadAsStringAsync()));
    }

    [Theory]
    [InlineData(Caller.Public)]
    [InlineData(Caller.WrongSecret)]
    [InlineData(Caller.Staff)]
    public async Task The_source_view_of_a_staff_only_document_is_as_absent_as_a_missing_one(Caller caller)
    {
        var client = Client(caller);

        var restricted = await client.GetAsync("/api/source?document=" + Uri.EscapeDataString(StaffKnowledgeFolder.Handbook) + "&quote=ZEPHYR-7");
        var missing = await client.GetAsync("/api/source?document=internal%2Fno-such-file.md");

        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        if (caller == Caller.Staff)
        {
            Assert.Equal(HttpStatusCode.OK, restricted.StatusCode);
            Assert.Contains("ZEPHYR-7", await restricted.Content.ReadAsStringAsync());
        }
        else
        {
            Assert.Equal(HttpStatusCode.NotFound, restricted.StatusCode);
            Assert.Equal(await missing.Content.ReadAsStringAsync(), await restricted.Content.ReadAsStringAsync());
        }
    }

    [Theory]
    [InlineData(Caller.Public)]
    [InlineData(Caller.WrongSecret)]
    [InlineData(Caller.Staff)]
    public async Task The_knowledge_view_lists_staff_only_entities_only_to_staff(Caller caller)
    {
        var topics = await Client(caller).GetStringAsync("/api/topics");

        Assert.Contains("515", await (await Client(caller).PostAsJsonAsync("/api/ask", new { question = "How many staff does the regional office have?" })).Content.ReadAsStringAsync());
        Assert.Equal(caller == Caller.Staff, StaffKnowledgeFolder.ShowsStaffOnly(topics));
    }
}
