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
}
