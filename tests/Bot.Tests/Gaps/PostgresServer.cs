using System.Diagnostics;
using System.Net.Sockets;
using Npgsql;

namespace IomAssistant.Bot.Tests.Gaps;

/// <summary>
/// A real PostgreSQL server (Debian's package) started for the tests on a free loopback port,
/// in a fresh data folder with fsync off, and stopped with them. PostgreSQL refuses to run as
/// root, so under root it runs as the package's `postgres` user. Tests skip with the install
/// command when it is absent.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    public const string InstallHint = "PostgreSQL is not installed; install it with: apt-get install -y postgresql";

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "iom-pg-" + Guid.NewGuid().ToString("N"));
    private Process? _server;
    private string? _runAs;
    private int _databases;

    public bool Available => _server is not null;

    public string AdminConnectionString { get; private set; } = "";

    public async Task InitializeAsync()
    {
        if (FindBin() is not { } bin)
            return;
        _runAs = Environment.UserName == "root" ? "postgres" : null;
        Directory.CreateDirectory(_folder);
        if (_runAs is not null)
            Run("chown", $"{_runAs}:{_runAs}", _folder);
        var data = Path.Combine(_folder, "data");
        Run(Path.Combine(bin, "initdb"), "-D", data, "-U", "postgres", "--auth=trust", "--no-sync", "-E", "UTF8");
        var port = LoopbackPort.Free();
        _server = Start(Path.Combine(bin, "postgres"), "-D", data, "-p", port.ToString(), "-k", _folder,
            "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off", "-c", "full_page_writes=off", "-c", "max_connections=200");
        AdminConnectionString = $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Pooling=false";
        await WaitUntilServingAsync();
    }

    /// <summary>A new, empty database for one test: its connection string.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = $"assistant_{Interlocked.Increment(ref _databases)}";
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
        await create.ExecuteNonQueryAsync();
        return AdminConnectionString.Replace("Database=postgres;Pooling=false", $"Database={name}");
    }

    private static string? FindBin() =>
        Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(v => Path.Combine(v, "bin"))
                .Where(b => File.Exists(Path.Combine(b, "initdb")) && File.Exists(Path.Combine(b, "postgres")))
                .OrderDescending().FirstOrDefault()
            : null;

    private ProcessStartInfo Command(string program, string[] arguments)
    {
        var start = new ProcessStartInfo(_runAs is null ? program : "runuser")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetTempPath(),
        };
        if (_runAs is not null && program != "chown")
            foreach (var argument in new[] { "-u", _runAs, "--", program })
                start.ArgumentList.Add(argument);
        else
            start.FileName = program;
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        return start;
    }

    private void Run(string program, params string[] arguments)
    {
        using var process = Process.Start(Command(program, arguments)) ?? throw new InvalidOperationException($"{program} did not start");
        var errors = process.StandardError.ReadToEndAsync();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{program} failed: {errors.Result}");
    }

    private Process Start(string program, params string[] arguments)
    {
        var process = Process.Start(Command(program, arguments)) ?? throw new InvalidOperationException($"{program} did not start");
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private async Task WaitUntilServingAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try
            {
                await using var connection = new NpgsqlConnection(AdminConnectionString);
                await connection.OpenAsync();
                return;
            }
            catch (Exception e) when ((e is NpgsqlException or SocketException) && DateTime.UtcNow < deadline && !_server!.HasExited)
            {
                await Task.Delay(100);
            }
        }
    }

    public Task DisposeAsync()
    {
        if (_server is { HasExited: false })
        {
            // runuser passes the signal on; killing the tree stops the postmaster and its children.
            _server.Kill(entireProcessTree: true);
            _server.WaitForExit(10_000);
        }
        _server?.Dispose();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
        return Task.CompletedTask;
    }
}

[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresServer>
{
    public const string Name = "postgres";
}
