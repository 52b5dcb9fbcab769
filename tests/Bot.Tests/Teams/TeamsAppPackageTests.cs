using System.Buffers.Binary;
using System.Text.Json.Nodes;
using IomAssistant.Bot.Teams;
using IomAssistant.Bot.Tests.Teams.Fakes;
using NJsonSchema;

namespace IomAssistant.Bot.Tests.Teams;

/// <summary>
/// The Teams app package in deploy/teams: a manifest valid against the Teams manifest schema
/// (Schema/MicrosoftTeams.schema.json, v1.24 as shipped by the @microsoft/app-manifest npm
/// package) and icons of the sizes Teams requires.
/// </summary>
public sealed class TeamsAppPackageTests
{
    private static readonly string Folder = Path.Combine(BotFactory.RepositoryRoot, "deploy", "teams");
    private static string ManifestText => File.ReadAllText(Path.Combine(Folder, "manifest.json"));

    [Fact]
    public async Task The_manifest_is_valid_against_the_teams_manifest_schema()
    {
        var schema = await JsonSchema.FromFileAsync(Path.Combine(AppContext.BaseDirectory, "Teams", "Schema", "MicrosoftTeams.schema.json"));

        var broken = JsonNode.Parse(ManifestText)!;
        broken["bots"]![0]!["scopes"] = new JsonArray("everywhere");

        Assert.Empty(schema.Validate(ManifestText).Select(e => $"{e.Path}: {e.Kind}"));
        Assert.NotEmpty(schema.Validate(broken.ToJsonString()));
    }

    [Fact]
    public void The_manifest_declares_the_bot_in_every_scope_and_the_search_command_the_bot_answers()
    {
        var manifest = JsonNode.Parse(ManifestText)!;

        var bot = manifest["bots"]![0]!;
        Assert.Equal(["personal", "team", "groupChat"], bot["scopes"]!.AsArray().Select(s => (string?)s));
        var command = manifest["composeExtensions"]![0]!["commands"]![0]!;
        Assert.Equal("query", (string?)command["type"]);
        Assert.True((bool?)command["initialRun"]);
        Assert.Equal(TeamsActivityHandler.SearchCommandParameter, (string?)command["parameters"]![0]!["name"]);
        Assert.Equal((string?)bot["botId"], (string?)manifest["composeExtensions"]![0]!["botId"]);
    }

    [Theory]
    [InlineData("color.png", 192)]
    [InlineData("outline.png", 32)]
    public void Icons_have_the_sizes_teams_requires(string file, int size)
    {
        var bytes = File.ReadAllBytes(Path.Combine(Folder, file));

        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A }, bytes[..8]);
        Assert.Equal(size, BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16, 4)));
        Assert.Equal(size, BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20, 4)));
        Assert.Equal(6, bytes[25]);
    }
}
