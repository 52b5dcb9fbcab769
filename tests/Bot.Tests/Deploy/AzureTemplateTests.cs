using System.Text.RegularExpressions;

namespace IomAssistant.Bot.Tests.Deploy;

/// <summary>
/// The Bicep template, checked as text for what the bot relies on (the Bicep compiler is not
/// part of the build): the bot registration, the app settings it reads, and secrets kept secret.
/// </summary>
public sealed class AzureTemplateTests
{
    private static readonly string Root = BotFactory.RepositoryRoot;
    private static readonly string Template = File.ReadAllText(Path.Combine(Root, "deploy", "azure", "main.bicep"));

    /// <summary>The app settings the template gives the web app, name to value expression.</summary>
    private static readonly Dictionary<string, string> Settings = Regex.Matches(Template, @"\{ name: '(?<name>[\w]+)', value: (?<value>.+?) \}")
        .ToDictionary(m => m.Groups["name"].Value, m => m.Groups["value"].Value);

    private static string Resource(string type) =>
        Regex.Match(Template, @"resource \w+ '" + Regex.Escape(type) + @"@[^']+' = (if \([^)]*\) )?\{(.*?)\n\}", RegexOptions.Singleline) is { Success: true } match
            ? match.Groups[2].Value
            : throw new Xunit.Sdk.XunitException($"no {type} resource in main.bicep");

    [Fact]
    public void Registers_a_single_tenant_azure_bot_answering_on_api_messages_with_teams_on()
    {
        var bot = Resource("Microsoft.BotService/botServices");
        Assert.Contains("msaAppType: 'SingleTenant'", bot);
        Assert.Contains("msaAppId: botAppId", bot);
        Assert.Contains("msaAppTenantId: botTenantId", bot);
        Assert.Contains("endpoint: 'https://${app.properties.defaultHostName}/api/messages'", bot);

        var channel = Resource("Microsoft.BotService/botServices/channels");
        Assert.Contains("name: 'MsTeamsChannel'", channel);
        Assert.Matches(@"channelName: 'MsTeamsChannel'\s+properties: \{\s+isEnabled: true", channel);
    }

    [Fact]
    public void Runs_the_container_with_its_port_and_health_check()
    {
        var app = Resource("Microsoft.Web/sites");
        Assert.Contains("healthCheckPath: '/healthz'", app);
        Assert.Contains("httpsOnly: true", app);
        Assert.Contains("linuxFxVersion: 'DOCKER|", app);
        var exposed = Dockerfile.Read(Path.Combine(Root, "deploy", "Dockerfile")).FinalStage.Single(i => i.Keyword == "EXPOSE").Arguments;
        Assert.Equal($"'{exposed}'", Settings["WEBSITES_PORT"]);
    }

    [Fact]
    public void Wires_the_settings_the_app_reads_with_the_images_paths()
    {
        var image = Dockerfile.Environment(Dockerfile.Read(Path.Combine(Root, "deploy", "Dockerfile")).FinalStage);

        Assert.Equal("botAppId", Settings["Bot__MicrosoftAppId"]);
        Assert.Equal("botTenantId", Settings["Bot__MicrosoftAppTenantId"]);
        Assert.Equal("'SingleTenant'", Settings["Bot__MicrosoftAppType"]);
        foreach (var path in new[] { "Knowledge__Path", "Knowledge__IndexPath", "Store__SqlitePath" })
            Assert.Equal($"'{image[path]}'", Settings[path]);
    }

    [Fact]
    public void Wires_telemetry_to_application_insights_and_optionally_an_otlp_collector()
    {
        Assert.Contains("WorkspaceResourceId: workspace.id", Resource("Microsoft.Insights/components"));
        Assert.Equal("insights.properties.ConnectionString", Settings["APPLICATIONINSIGHTS_CONNECTION_STRING"]);
        Assert.Equal("otlpEndpoint", Settings["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        Assert.Contains("telemetrySettings)", Template);
    }

    [Theory]
    [InlineData("Bot__MicrosoftAppPassword", "bot-app-password")]
    [InlineData("Slack__SigningSecret", "slack-signing-secret")]
    [InlineData("Slack__BotToken", "slack-bot-token")]
    [InlineData("Slack__AppToken", "slack-app-token")]
    [InlineData("Redis__ConnectionString", "redis-connection-string")]
    public void Secrets_reach_the_app_only_as_key_vault_references(string setting, string secretName)
    {
        Assert.Equal($"keyVaultReference(vault.name, '{secretName}')", Settings[setting]);
        Assert.Contains($"name: '{secretName}'", Template);
    }

    [Fact]
    public void Every_secret_parameter_is_secure_and_has_no_default_value()
    {
        var parameters = Regex.Matches(Template, @"(?<decorators>(@[^\n]+\n)*)param (?<name>\w+) (?<type>\w+)(?<default> = [^\n]+)?");
        var secrets = parameters.Where(p => Regex.IsMatch(p.Groups["name"].Value, "(?i)password|secret|token|connectionstring")).ToList();

        Assert.Equal(5, secrets.Count);
        foreach (var secret in secrets)
        {
            Assert.Contains("@secure()", secret.Groups["decorators"].Value);
            Assert.True(secret.Groups["default"].Value is "" or " = ''", $"{secret.Groups["name"].Value} has a default value");
        }
    }
}
