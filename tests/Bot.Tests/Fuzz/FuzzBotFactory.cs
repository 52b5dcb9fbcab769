using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http;
using Microsoft.Extensions.Logging;

namespace IomAssistant.Bot.Tests.Fuzz;

/// <summary>
/// The real bot with the real knowledge and a staff-only document, every endpoint open to
/// fuzzing with audiences configured: Teams in Emulator mode with a tenant, Slack with a signing
/// secret and a staff channel, the web behind a gateway header. Outbound calls never leave the process (a fuzzed serviceUrl or
/// response_url may name any host), and every server-side error logged with an exception is
/// collected, since a caught exception is still a bug the fuzzer found.
/// </summary>
public sealed class FuzzBotFactory : BotFactory
{
    public const string SlackSecret = "fuzz-signing-secret-0123456789abcdef";

    public const string GatewayHeader = "X-Assistant-Audience";
    public const string GatewaySecret = "fuzz-gateway-secret-0123456789abcdef";

    public ConcurrentQueue<string> ServerErrors { get; } = new();

    public Audiences.StaffKnowledgeFolder Knowledge { get; } = new();

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Bot:AllowUnauthenticatedEmulator"] = "true",
        ["Slack:SigningSecret"] = SlackSecret,
        ["Slack:BotToken"] = "xoxb-fuzz",
        ["Slack:ApiBaseUrl"] = "http://127.0.0.1:9/api",
        // Every input must reach parsing; the limits have tests of their own.
        ["RateLimits:Channels:PermitLimit"] = "1000000",
        ["RateLimits:Api:PermitLimit"] = "1000000",
        ["Web:RequestsPerMinute"] = "100000",
        ["Knowledge:WatchForChanges"] = "false",
        ["Knowledge:Path"] = Knowledge.Folder,
        ["Bot:MicrosoftAppTenantId"] = "99999999-8888-4777-8666-555555555555",
        ["Slack:Audiences:0:Team"] = "T0TEAM",
        ["Slack:Audiences:0:Channels:0"] = "C0STAFF",
        ["Slack:Audiences:0:Audiences:0"] = "staff",
        ["Web:AudienceHeader"] = GatewayHeader,
        ["Web:TrustedAudienceHeaderValue"] = GatewaySecret,
        ["Web:TrustedAudiences:0"] = "staff",
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureLogging(logging => logging.ClearProviders().AddProvider(new ErrorCollector(ServerErrors)));
        builder.ConfigureTestServices(services => services.ConfigureAll<HttpClientFactoryOptions>(options =>
            options.HttpMessageHandlerBuilderActions.Add(handler => handler.PrimaryHandler = new AnswersOk())));
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        Knowledge.Dispose();
    }

    /// <summary>Answers every outbound call as Slack and the Connector do when all is well.</summary>
    private sealed class AnswersOk : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK)
            {
                Content = new StringContent("""{"ok":true,"id":"1"}""", Encoding.UTF8, "application/json"),
            });
    }

    private sealed class ErrorCollector(ConcurrentQueue<string> errors) : ILoggerProvider, ILogger
    {
        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel >= LogLevel.Error && exception is not null)
                errors.Enqueue($"{formatter(state, exception)}: {exception}");
        }

        public void Dispose() { }
    }
}
