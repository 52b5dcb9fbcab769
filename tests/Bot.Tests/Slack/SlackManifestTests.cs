namespace IomAssistant.Bot.Tests.Slack;

public sealed class SlackManifestTests
{
    private static readonly string Manifest = File.ReadAllText(Path.Combine(BotFactory.RepositoryRoot, "deploy", "slack", "manifest.yaml"));

    [Theory]
    [InlineData("- app_mentions:read")]
    [InlineData("- chat:write")]
    [InlineData("- im:history")]
    [InlineData("- commands")]
    [InlineData("- app_mention")]
    [InlineData("- message.im")]
    [InlineData("- command: /ask")]
    [InlineData("/slack/events")]
    [InlineData("/slack/commands")]
    [InlineData("/slack/interactivity")]
    public void The_manifest_declares_what_the_bot_serves(string line) => Assert.Contains(line, Manifest);

    [Theory]
    [InlineData("- app_mentions:read")]
    [InlineData("- chat:write")]
    [InlineData("- im:history")]
    [InlineData("- commands")]
    [InlineData("- app_mention")]
    [InlineData("- message.im")]
    [InlineData("- command: /ask")]
    [InlineData("socket_mode_enabled: true")]
    public void The_socket_mode_manifest_declares_the_same_app_without_request_urls(string line)
    {
        Assert.Contains(line, SocketModeManifest);
        Assert.DoesNotContain("url:", SocketModeManifest);
        Assert.Contains("socket_mode_enabled: false", Manifest);
    }

    private static readonly string SocketModeManifest = File.ReadAllText(Path.Combine(BotFactory.RepositoryRoot, "deploy", "slack", "manifest-socket-mode.yaml"));
}
