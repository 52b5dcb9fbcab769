namespace IomAssistant.Bot.Tests.Teams.Fakes;

/// <summary>Activities shaped as Teams sends them.</summary>
public static class Activities
{
    public const string BotId = "28:" + FakeBotFrameworkChannel.AppId;
    public const string BotName = "IOM Assistant";
    private static int _counter;

    public static string NewConversationId() => $"a:1test-{Guid.NewGuid():N}";

    public static Dictionary<string, object?> Message(string serviceUrl, string text, string? conversationId = null, string locale = "en-US") => new()
    {
        ["type"] = "message",
        ["id"] = $"1700000000{Interlocked.Increment(ref _counter):D4}",
        ["serviceUrl"] = serviceUrl,
        ["channelId"] = "msteams",
        ["from"] = new { id = "29:1user", name = "Test User", aadObjectId = "00000000-0000-4000-8000-0000000000a1" },
        ["recipient"] = new { id = BotId, name = BotName },
        ["conversation"] = new { id = conversationId ?? NewConversationId(), conversationType = "personal", tenantId = FakeBotFrameworkChannel.TenantId },
        ["locale"] = locale,
        ["text"] = text,
        ["entities"] = new object[] { new { type = "clientInfo", locale } },
    };

    public static Dictionary<string, object?> ChannelMention(string serviceUrl, string question)
    {
        var activity = Message(serviceUrl, $"<at>{BotName}</at>&nbsp;{question}");
        activity["conversation"] = new { id = $"19:abc{Guid.NewGuid():N}@thread.tacv2;messageid=1700000000", conversationType = "channel", isGroup = true };
        activity["entities"] = new object[]
        {
            new { type = "mention", text = $"<at>{BotName}</at>", mentioned = new { id = BotId, name = BotName } },
            new { type = "clientInfo", locale = "en-US" },
        };
        return activity;
    }

    public static Dictionary<string, object?> BotAdded(string serviceUrl, string conversationId, string locale = "en-US", string memberId = BotId)
    {
        var activity = Message(serviceUrl, "", conversationId, locale);
        activity["type"] = "conversationUpdate";
        activity.Remove("text");
        activity["membersAdded"] = new object[] { new { id = memberId } };
        return activity;
    }

    public static Dictionary<string, object?> Submit(string serviceUrl, object value, string? conversationId = null)
    {
        var activity = Message(serviceUrl, "", conversationId);
        activity.Remove("text");
        activity["value"] = value;
        return activity;
    }

    public static Dictionary<string, object?> Invoke(string serviceUrl, string name, object value)
    {
        var activity = Message(serviceUrl, "");
        activity["type"] = "invoke";
        activity["name"] = name;
        activity.Remove("text");
        activity["value"] = value;
        return activity;
    }
}
