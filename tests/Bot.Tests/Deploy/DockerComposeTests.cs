using System.Diagnostics;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using IomAssistant.Bot.Deduplication;
using IomAssistant.Bot.Gaps;
using YamlDotNet.Core;
using YamlDotNet.Serialization;

namespace IomAssistant.Bot.Tests.Deploy;

/// <summary>deploy/docker-compose.yml, read as Compose reads it (anchors merged), checked against the app, its image and nginx's configuration.</summary>
public sealed partial class DockerComposeTests
{
    private static readonly string Root = BotFactory.RepositoryRoot;
    private static readonly string ComposePath = Path.Combine(Root, "deploy", "docker-compose.yml");
    private static readonly Dictionary<object, object> Compose = new DeserializerBuilder().Build()
        .Deserialize<Dictionary<object, object>>(new MergingParser(new Parser(new StringReader(File.ReadAllText(ComposePath)))));
    private static readonly Dictionary<object, object> Services = Map(Compose["services"]);

    private static IEnumerable<(string Name, Dictionary<object, object> Service)> Bots() =>
        Services.Select(s => ((string)s.Key, Map(s.Value))).Where(s => s.Item2.ContainsKey("build"));

    private static Dictionary<string, string> Environment(Dictionary<object, object> service) =>
        Map(service["environment"]).ToDictionary(e => (string)e.Key, e => (string)e.Value);

    /// <summary>The value Compose would use, with each ${VAR...} replaced by a sample.</summary>
    private static string Interpolated(string value) => Variable().Replace(value, "sample");

    [GeneratedRegex(@"\$\{[^}]+\}")]
    private static partial Regex Variable();

    [Fact]
    public void Two_replicas_are_built_from_the_image_with_the_same_settings()
    {
        var bots = Bots().ToList();
        Assert.Equal(2, bots.Count);
        Assert.All(bots, b => Assert.Equal("deploy/Dockerfile", Map(b.Service["build"])["dockerfile"]));
        Assert.Equal(Environment(bots[0].Service), Environment(bots[1].Service));
    }

    [Fact]
    public void The_replicas_share_redis_and_postgresql_defined_in_the_file()
    {
        var environment = Environment(Bots().First().Service);
        var redis = Interpolated(environment["Redis__ConnectionString"]);
        var postgres = Interpolated(environment["Store__PostgresConnectionString"]);

        Assert.True(new RedisOptionsValidator().Validate(null, new RedisOptions { ConnectionString = redis }).Succeeded);
        Assert.True(new StoreOptionsValidator().Validate(null, new StoreOptions { PostgresConnectionString = postgres }).Succeeded);
        Assert.Contains(Assert.IsType<DnsEndPoint>(StackExchange.Redis.ConfigurationOptions.Parse(redis).EndPoints.Single()).Host, Services.Keys.Cast<string>());
        Assert.Contains(new Npgsql.NpgsqlConnectionStringBuilder(postgres).Host, Services.Keys.Cast<string>());
        Assert.Contains("postgres-data:/var/lib/postgresql/data", List(Map(Services["postgres"])["volumes"]).Cast<string>());
    }

    [Fact]
    public void Every_setting_given_to_the_replicas_is_one_the_app_reads()
    {
        using var settings = JsonDocument.Parse(File.ReadAllText(Path.Combine(Root, "appsettings.json")));
        foreach (var name in Environment(Bots().First().Service).Keys)
        {
            var path = name.Split("__");
            var node = settings.RootElement;
            foreach (var part in path.TakeWhile(p => !int.TryParse(p, out _)))
                Assert.True(node.TryGetProperty(part, out node), $"{name} is not a setting of appsettings.json");
        }
    }

    [Fact]
    public void No_secret_is_written_in_the_file()
    {
        foreach (var (name, value) in Environment(Bots().First().Service))
            if (Regex.IsMatch(name + value, "(?i)password|secret|token"))
                Assert.Matches(@"\$\{", value);
        Assert.Matches(@"^\$\{POSTGRES_PASSWORD", Environment(Map(Services["postgres"]))["POSTGRES_PASSWORD"]);
    }

    [Fact]
    public void Nginx_alone_is_published_and_spreads_requests_over_both_replicas()
    {
        Assert.Equal(["nginx"], Services.Where(s => Map(s.Value).ContainsKey("ports")).Select(s => (string)s.Key));
        var nginx = Map(Services["nginx"]);
        var mount = ((string)List(nginx["volumes"]).Single()).Split(':');
        var config = File.ReadAllText(Path.GetFullPath(mount[0], Path.GetDirectoryName(ComposePath)!));

        var exposed = Dockerfile.Read(Path.Combine(Root, "deploy", "Dockerfile")).FinalStage.Single(i => i.Keyword == "EXPOSE").Arguments;
        var upstream = Regex.Matches(config, @"server\s+([\w-]+):(\d+)").Select(m => (m.Groups[1].Value, m.Groups[2].Value)).ToList();
        Assert.Equal(Bots().Select(b => (b.Name, exposed)).Order(), upstream.Order());
        Assert.Contains("proxy_set_header X-Forwarded-For $remote_addr;", config);
    }

    [Fact]
    public void The_replicas_believe_forwarded_headers_from_nginx_only()
    {
        var address = (string)Map(Map(Map(Services["nginx"])["networks"])["assistant"])["ipv4_address"];
        var subnet = (string)Map(List(Map(Map(Map(Compose["networks"])["assistant"])["ipam"])["config"]).Single())["subnet"];

        Assert.Equal(address, Environment(Bots().First().Service)["ForwardedHeaders__KnownProxies__0"]);
        Assert.True(IPNetwork.Parse(subnet).Contains(IPAddress.Parse(address)));
    }

    [Fact]
    public void The_replicas_keep_no_data_of_their_own()
    {
        foreach (var (_, bot) in Bots())
        {
            Assert.False(bot.ContainsKey("volumes"));
            Assert.Equal("true", bot["read_only"]);
            Assert.Contains("/data/index", List(bot["tmpfs"]).Cast<string>());
        }
    }

    [SkippableFact]
    public void Docker_compose_accepts_the_file()
    {
        var compose = new[] { "docker-compose", "docker" }.Select(FindOnPath).FirstOrDefault(p => p is not null);
        Skip.If(compose is null, "Docker Compose is not installed; install it with: apt-get install -y docker-compose");
        var start = new ProcessStartInfo(compose!) { RedirectStandardOutput = true, RedirectStandardError = true };
        if (Path.GetFileName(compose!) == "docker")
            start.ArgumentList.Add("compose");
        foreach (var argument in new[] { "-f", ComposePath, "config", "-q" })
            start.ArgumentList.Add(argument);
        start.Environment["POSTGRES_PASSWORD"] = "sample";
        start.Environment["REDIS_PASSWORD"] = "sample";
        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        // A docker without its compose plugin reads "compose -f" as its own (unknown) command and flag.
        Skip.If(errors.Result.Contains("unknown command") || errors.Result.Contains("unknown shorthand flag"), "Docker Compose is not installed; install it with: apt-get install -y docker-compose");
        Assert.True(process.ExitCode == 0, errors.Result);
    }

    private static string? FindOnPath(string name) =>
        (System.Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, name)).FirstOrDefault(File.Exists);

    private static Dictionary<object, object> Map(object node) => Assert.IsType<Dictionary<object, object>>(node);

    private static List<object> List(object node) => Assert.IsType<List<object>>(node);
}
