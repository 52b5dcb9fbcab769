using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace IomAssistant.Bot.Tests.Deploy;

/// <summary>
/// The container definition, checked without a Docker engine: the instructions that matter for
/// running safely, and the health check command run for real against the bot.
/// </summary>
public sealed class DockerfileTests
{
    private static readonly string Root = BotFactory.RepositoryRoot;
    private static readonly Dockerfile File = Dockerfile.Read(Path.Combine(Root, "deploy", "Dockerfile"));
    private static readonly DockerIgnore Ignore = DockerIgnore.Read(Path.Combine(Root, ".dockerignore"));

    private static IEnumerable<DockerInstruction> Final(string keyword) => File.FinalStage.Where(i => i.Keyword == keyword);

    [Fact]
    public void Builds_with_the_sdk_and_runs_on_the_smaller_aspnet_runtime()
    {
        Assert.True(File.Stages.Count >= 2);
        Assert.StartsWith("mcr.microsoft.com/dotnet/sdk:10.0", File.Stages[0][0].Arguments);
        Assert.StartsWith("mcr.microsoft.com/dotnet/aspnet:10.0", File.FinalStage[0].Arguments);
        Assert.Contains(File.Stages[0], i => i.Keyword == "RUN" && i.Arguments.Contains("dotnet publish src/Bot/Bot.csproj"));
    }

    [Fact]
    public void The_build_stage_has_the_node_version_the_web_page_bundle_needs()
    {
        var project = System.IO.File.ReadAllText(Path.Combine(Root, "src", "Bot", "Bot.csproj"));
        Assert.Contains("npm run build", project);

        var node = Assert.Single(File.Stages[0], i => i.Keyword == "COPY" && i.Arguments.EndsWith("/usr/local/bin/node"));
        var major = int.Parse(System.Text.RegularExpressions.Regex.Match(node.Arguments, @"--from=node:(\d+)").Groups[1].Value);
        Assert.True(major >= 20, $"Node.js {major} is older than the web page's build needs");
        Assert.Contains(File.Stages[0], i => i.Keyword == "RUN" && i.Arguments.Contains("/usr/local/bin/npm"));
    }

    [Fact]
    public void Runs_as_a_non_root_user()
    {
        var user = Assert.Single(Final("USER")).Arguments;

        Assert.DoesNotContain(user.Split(':')[0], new[] { "root", "0" });
        // Instructions after USER run as that user too: the ones that must be root come before it.
        Assert.DoesNotContain(File.FinalStage.SkipWhile(i => i.Keyword != "USER"), i => i.Keyword is "RUN" or "COPY");
    }

    [Fact]
    public void Listens_on_3978_as_the_bot_does_locally()
    {
        Assert.Equal("3978", Assert.Single(Final("EXPOSE")).Arguments);
        var environment = Dockerfile.Environment(File.FinalStage);
        Assert.Equal("http://+:3978", environment["ASPNETCORE_URLS"]);
        Assert.Equal("", environment["ASPNETCORE_HTTP_PORTS"]);
    }

    [Fact]
    public void The_knowledge_index_and_store_folders_are_volumes_named_by_the_settings()
    {
        var environment = Dockerfile.Environment(File.FinalStage);
        var volumes = JsonSerializer.Deserialize<string[]>(Assert.Single(Final("VOLUME")).Arguments)!;
        var storeFolder = Path.GetDirectoryName(environment["Store__SqlitePath"])!;

        Assert.Equal([environment["Knowledge__Path"], environment["Knowledge__IndexPath"], storeFolder], volumes);
        Assert.Contains(Final("COPY"), c => c.Arguments == $"knowledge/ {environment["Knowledge__Path"]}/");
        // The non-root user must be able to write the index and the store, and nothing else.
        Assert.Contains(Final("RUN"), r => r.Arguments.EndsWith($"chown $APP_UID {environment["Knowledge__IndexPath"]} {storeFolder}"));
    }

    [Fact]
    public void Starts_the_bot_in_the_folder_holding_appsettings_json()
    {
        Assert.Equal("/app", Final("WORKDIR").Last().Arguments);
        Assert.Contains(Final("COPY"), c => c.Arguments == "appsettings.json ./");
        Assert.Equal(["dotnet", "Bot.dll"], JsonSerializer.Deserialize<string[]>(Assert.Single(Final("ENTRYPOINT")).Arguments)!);
        Assert.True(System.IO.File.Exists(Path.Combine(Root, "src", "Bot", "Bot.csproj")), "Bot.dll is named after Bot.csproj");
    }

    [Fact]
    public void Every_file_copied_from_the_build_context_exists_and_is_sent()
    {
        var sources = File.Stages.SelectMany(s => s)
            .Where(i => i.Keyword == "COPY" && !i.Arguments.StartsWith("--from"))
            .SelectMany(i => i.Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries).SkipLast(1).Where(a => !a.StartsWith("--")))
            .ToList();

        Assert.NotEmpty(sources);
        foreach (var source in sources)
        {
            Assert.True(System.IO.File.Exists(Path.Combine(Root, source)) || Directory.Exists(Path.Combine(Root, source)), $"{source} is not in the repository");
            Assert.True(Ignore.Sends(source), $".dockerignore keeps {source} out of the build");
        }
        foreach (var file in Directory.EnumerateFiles(Path.Combine(Root, "knowledge")))
            Assert.True(Ignore.Sends(Path.GetRelativePath(Root, file).Replace('\\', '/')));
    }

    [Theory]
    [InlineData("src/Bot/bin/Debug/net10.0/Bot.dll")]
    [InlineData("src/Knowledge/obj/project.assets.json")]
    [InlineData(".index/0123/segments_1")]
    [InlineData(".git/config")]
    [InlineData("tests/Bot.Tests/BotFactory.cs")]
    [InlineData(".env")]
    [InlineData("src/Bot/.index/x")]
    [InlineData("src/Bot/Web/client/node_modules/esbuild/package.json")]
    [InlineData("src/Bot/Web/client/dist/app.js")]
    public void Build_outputs_indexes_tests_and_local_files_stay_out_of_the_build_context(string path)
    {
        Assert.False(Ignore.Sends(path));
    }

    [Fact]
    public async Task The_health_check_passes_against_the_running_bot()
    {
        var port = LoopbackPort.Free();
        await using var bot = new BotFactory();
        bot.UseKestrel(port);
        bot.StartServer();

        Assert.Equal(0, await RunHealthCheckAsync(port));
    }

    [Fact]
    public async Task The_health_check_fails_when_nothing_listens_or_the_bot_is_not_healthy()
    {
        Assert.NotEqual(0, await RunHealthCheckAsync(LoopbackPort.Free()));

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        var port = LoopbackPort.Free();
        builder.WebHost.UseKestrel().UseUrls($"http://127.0.0.1:{port}");
        await using var loading = builder.Build();
        loading.MapGet("/healthz", () => Results.Text("loading", statusCode: StatusCodes.Status503ServiceUnavailable));
        await loading.StartAsync();

        Assert.NotEqual(0, await RunHealthCheckAsync(port));
    }

    /// <summary>Runs the HEALTHCHECK command exactly as written, aimed at <paramref name="port"/> instead of 3978.</summary>
    private static async Task<int> RunHealthCheckAsync(int port)
    {
        var healthCheck = Assert.Single(Final("HEALTHCHECK")).Arguments;
        var command = JsonSerializer.Deserialize<string[]>(healthCheck[(healthCheck.IndexOf("CMD [", StringComparison.Ordinal) + 4)..])!;
        Assert.Contains(command, part => part.Contains("/127.0.0.1/3978") && part.Contains("GET /healthz "));
        var start = new ProcessStartInfo(command[0]) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in command.Skip(1))
            start.ArgumentList.Add(argument.Replace("/127.0.0.1/3978", $"/127.0.0.1/{port}", StringComparison.Ordinal));
        using var process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await process.WaitForExitAsync(timeout.Token);
        return process.ExitCode;
    }

}
