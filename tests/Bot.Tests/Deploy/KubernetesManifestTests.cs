using System.Net;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.Serialization;

namespace IomAssistant.Bot.Tests.Deploy;

/// <summary>The Kubernetes manifest, read as the API server would, checked against what the app and its image do.</summary>
public sealed class KubernetesManifestTests
{
    private static readonly string Root = BotFactory.RepositoryRoot;
    private static readonly IReadOnlyList<Dictionary<object, object>> Documents = ReadDocuments(Path.Combine(Root, "deploy", "k8s", "assistant.yaml"));
    private static readonly Dictionary<object, object> Deployment = Single("Deployment");
    private static readonly Dictionary<object, object> Pod = Map(Map(Map(Deployment["spec"])["template"])["spec"]);
    private static readonly Dictionary<object, object> Container = Map(Assert.Single(List(Pod["containers"])));

    [Fact]
    public void Runs_at_least_two_replicas_that_roll_without_losing_capacity()
    {
        var spec = Map(Deployment["spec"]);
        Assert.True(int.Parse((string)spec["replicas"]) >= 2);
        Assert.Equal("0", Map(Map(spec["strategy"])["rollingUpdate"])["maxUnavailable"]);
        Assert.Equal("1", Map(Single("PodDisruptionBudget")["spec"])["minAvailable"]);
    }

    [Fact]
    public void Runs_as_the_images_non_root_user_with_a_read_only_root_file_system()
    {
        var pod = Map(Pod["securityContext"]);
        var container = Map(Container["securityContext"]);

        Assert.Equal("true", pod["runAsNonRoot"]);
        Assert.Equal("1654", pod["runAsUser"]);
        Assert.Equal("true", container["readOnlyRootFilesystem"]);
        Assert.Equal("false", container["allowPrivilegeEscalation"]);
        Assert.Equal(["ALL"], List(Map(container["capabilities"])["drop"]));
    }

    [Fact]
    public void Every_folder_the_app_writes_is_a_writable_volume_and_the_knowledge_is_mounted_read_only()
    {
        var environment = Environment();
        var mounts = List(Container["volumeMounts"]).Select(Map).ToDictionary(m => (string)m["mountPath"]);
        bool Writable(string path) => mounts.TryGetValue(path, out var mount) && !(mount.TryGetValue("readOnly", out var readOnly) && (string)readOnly == "true");

        Assert.True(Writable(environment["Knowledge__IndexPath"]), "the index folder must be writable");
        Assert.True(Writable("/tmp"), "the runtime needs a writable /tmp");
        Assert.Equal("true", mounts[environment["Knowledge__Path"]]["readOnly"]);
        var volumes = List(Pod["volumes"]).Select(Map).Select(v => (string)v["name"]).ToList();
        Assert.All(mounts.Values, m => Assert.Contains((string)m["name"], volumes));
    }

    [Fact]
    public void No_data_is_kept_on_an_emptyDir_redis_and_postgresql_come_from_the_secret()
    {
        var emptyDirs = List(Pod["volumes"]).Select(Map).Where(v => v.ContainsKey("emptyDir")).Select(v => (string)v["name"]);
        var mountedAt = List(Container["volumeMounts"]).Select(Map).ToDictionary(m => (string)m["name"], m => (string)m["mountPath"]);
        // The index is a cache rebuilt from the knowledge, /tmp the runtime's scratch space.
        Assert.Equal([Environment()["Knowledge__IndexPath"], "/tmp"], emptyDirs.Select(name => mountedAt[name]).Order());

        var fromSecret = List(Container["env"]).Select(Map).Where(e => e.ContainsKey("valueFrom"))
            .ToDictionary(e => (string)e["name"], e => Map(Map(e["valueFrom"])["secretKeyRef"]));
        foreach (var setting in new[] { "Redis__ConnectionString", "Store__PostgresConnectionString" })
        {
            Assert.Equal("iom-assistant-secrets", fromSecret[setting]["name"]);
            Assert.Equal(setting, fromSecret[setting]["key"]);
        }
        Assert.DoesNotContain("Store__SqlitePath", Environment().Keys);
    }

    [Fact]
    public void The_paths_match_the_images_defaults()
    {
        var image = Dockerfile.Environment(Dockerfile.Read(Path.Combine(Root, "deploy", "Dockerfile")).FinalStage);
        var environment = Environment();

        foreach (var setting in new[] { "Knowledge__Path", "Knowledge__IndexPath" })
            Assert.Equal(image[setting], environment[setting]);
    }

    [Fact]
    public void An_init_container_builds_the_index_the_server_reads_as_a_batch()
    {
        var index = Map(Assert.Single(List(Pod["initContainers"])));
        var environment = List(index["env"]).Select(Map).ToDictionary(e => (string)e["name"], e => (string)e["value"]);
        var mounts = List(index["volumeMounts"]).Select(Map).ToDictionary(m => (string)m["name"]);
        var serverMounts = List(Container["volumeMounts"]).Select(Map).ToDictionary(m => (string)m["name"]);

        Assert.Equal(Container["image"], index["image"]);
        Assert.Equal(["index"], List(index["args"]));
        foreach (var setting in new[] { "Knowledge__Path", "Knowledge__IndexPath" })
            Assert.Equal(Environment()[setting], environment[setting]);
        Assert.Equal("0", environment["DOTNET_TC_QuickJit"]);
        Assert.DoesNotContain("DOTNET_TC_QuickJit", Environment().Keys);
        foreach (var volume in new[] { "knowledge", "index", "tmp" })
            Assert.Equal(serverMounts[volume], mounts[volume]);
        Assert.Equal(Map(Container["securityContext"]), Map(index["securityContext"]));
        Assert.Equal(Map(Container["resources"]), Map(index["resources"]));
    }

    [Fact]
    public void Credentials_come_from_a_secret_never_from_the_manifest()
    {
        Assert.Contains(List(Container["envFrom"]).Select(Map), source => source.ContainsKey("secretRef"));
        foreach (var name in Environment().Keys)
            Assert.DoesNotMatch("(?i)password|secret|token|connectionstring", name);
    }

    [Fact]
    public void Requests_and_limits_are_set_with_requests_within_limits()
    {
        var resources = Map(Container["resources"]);
        var requests = Map(resources["requests"]);
        var limits = Map(resources["limits"]);

        Assert.Equal("250m", requests["cpu"]);
        Assert.Equal("512Mi", requests["memory"]);
        Assert.Equal("1", limits["cpu"]);
        Assert.Equal("1Gi", limits["memory"]);
    }

    [Fact]
    public void Probes_reach_the_ports_the_app_listens_on_and_the_service_only_the_public_one()
    {
        var ports = List(Container["ports"]).Select(Map).ToDictionary(p => (string)p["name"], p => (string)p["containerPort"]);
        var exposed = Dockerfile.Read(Path.Combine(Root, "deploy", "Dockerfile")).FinalStage.Single(i => i.Keyword == "EXPOSE").Arguments;
        Assert.Equal(exposed, ports["http"]);
        Assert.Equal(new Uri(Environment()["Management__Urls"]).Port.ToString(), ports["management"]);

        Assert.Equal("http", Map(Map(Container["startupProbe"])["httpGet"])["port"]);
        Assert.Equal("http", Map(Map(Container["livenessProbe"])["httpGet"])["port"]);
        Assert.Equal("management", Map(Map(Container["readinessProbe"])["httpGet"])["port"]);
        var annotations = Map(Map(Map(Map(Deployment["spec"])["template"])["metadata"])["annotations"]);
        Assert.Equal(ports["management"], annotations["prometheus.io/port"]);

        var service = Map(Single("Service")["spec"]);
        Assert.Equal("http", Map(Assert.Single(List(service["ports"])))["targetPort"]);
        var podLabels = Map(Map(Map(Map(Deployment["spec"])["template"])["metadata"])["labels"]);
        Assert.All(Map(service["selector"]), label => Assert.Equal(label.Value, podLabels[label.Key]));
    }

    [Fact]
    public async Task The_probed_paths_answer_on_the_ports_they_probe()
    {
        await using var bot = new Management.KestrelBotFactory();
        bot.StartServer();
        using var publicPort = bot.Public();
        using var management = bot.Management();

        foreach (var probe in new[] { "startupProbe", "livenessProbe", "readinessProbe" })
        {
            var get = Map(Map(Container[probe])["httpGet"]);
            var client = (string)get["port"] == "management" ? management : publicPort;
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync((string)get["path"])).StatusCode);
        }
        Assert.Equal("/readyz", Map(Map(Container["readinessProbe"])["httpGet"])["path"]);
    }

    private static Dictionary<string, string> Environment() =>
        List(Container["env"]).Select(Map).Where(e => e.ContainsKey("value")).ToDictionary(e => (string)e["name"], e => (string)e["value"]);

    private static Dictionary<object, object> Single(string kind) => Assert.Single(Documents, d => (string)d["kind"] == kind);

    private static Dictionary<object, object> Map(object node) => Assert.IsType<Dictionary<object, object>>(node);

    private static List<object> List(object node) => Assert.IsType<List<object>>(node);

    private static List<Dictionary<object, object>> ReadDocuments(string path)
    {
        var deserializer = new DeserializerBuilder().Build();
        var parser = new Parser(new StringReader(File.ReadAllText(path)));
        parser.Consume<StreamStart>();
        var documents = new List<Dictionary<object, object>>();
        while (parser.Accept<DocumentStart>(out _))
            documents.Add(deserializer.Deserialize<Dictionary<object, object>>(parser));
        return documents;
    }
}
