namespace IomAssistant.Bot.Tests.Audiences;

/// <summary>Channel-to-audience settings are checked at start-up, naming the setting that is wrong.</summary>
public sealed class AudienceSettingsTests
{
    public static TheoryData<Dictionary<string, string?>, string> WrongSettings => new()
    {
        { new() { ["Slack:Audiences:0:Team"] = "T1", ["Slack:Audiences:0:Audiences:0"] = "staff" }, "Slack:Audiences:0:Channels" },
        { new() { ["Slack:Audiences:0:Channels:0"] = "C1" }, "Slack:Audiences:0:Audiences" },
        { new() { ["Slack:Audiences:0:Channels:0"] = "C1", ["Slack:Audiences:0:Audiences:0"] = "Staff Team" }, "Slack:Audiences:0:Audiences" },
        { new() { ["Slack:Audiences:0:Channels:0"] = "*", ["Slack:Audiences:0:Audiences:0"] = "staff" }, "needs a Team" },
        { new() { ["Web:AudienceHeader"] = "X-Assistant-Audience", ["Web:TrustedAudiences:0"] = "staff" }, "Web:TrustedAudienceHeaderValue" },
        { new() { ["Web:AudienceHeader"] = "X-Assistant-Audience", ["Web:TrustedAudienceHeaderValue"] = "short", ["Web:TrustedAudiences:0"] = "staff" }, "Web:TrustedAudienceHeaderValue" },
        { new() { ["Web:AudienceHeader"] = "X-Assistant-Audience", ["Web:TrustedAudienceHeaderValue"] = new string('s', 40) }, "Web:TrustedAudiences" },
        { new() { ["Web:TrustedAudienceHeaderValue"] = new string('s', 40), ["Web:TrustedAudiences:0"] = "staff" }, "Web:AudienceHeader" },
        { new() { ["Web:AudienceHeader"] = "X Bad: header", ["Web:TrustedAudienceHeaderValue"] = new string('s', 40), ["Web:TrustedAudiences:0"] = "staff" }, "Web:AudienceHeader" },
    };

    [Theory]
    [MemberData(nameof(WrongSettings))]
    public void Refuses_to_start_with_a_wrong_audience_setting_naming_it(Dictionary<string, string?> settings, string named)
    {
        var failure = StartupFailure.Of(() => new SettingsFactory(settings));

        Assert.Contains(named, failure.Message);
    }

    private sealed class SettingsFactory(IDictionary<string, string?> settings) : BotFactory
    {
        protected override IDictionary<string, string?> Settings => settings;
    }
}
