using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;
using IomAssistant.Bot.Cards;
using IomAssistant.Bot.Protection;
using IomAssistant.Bot.Teams.Auth;
using IomAssistant.Bot.Teams.Connector;

namespace IomAssistant.Bot.Teams;

public static class TeamsHosting
{
    public static WebApplicationBuilder AddTeamsChannel(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<BotOptions>().Bind(builder.Configuration.GetSection(BotOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<BotOptions>, BotOptionsValidator>();

        services.AddHttpClient(ChannelKeyCache.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(10));
        services.AddHttpClient(BotTokenProvider.HttpClientName).AddStandardResilienceHandler();
        services.AddHttpClient(ConnectorClient.HttpClientName).AddResilienceHandler("connector", pipeline =>
        {
            pipeline.AddTimeout(TimeSpan.FromSeconds(60));
            pipeline.AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = 3,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(500),
                MaxDelay = TimeSpan.FromSeconds(15),
                ShouldRetryAfterHeader = true,
            });
            pipeline.AddTimeout(TimeSpan.FromSeconds(15));
        });

        services.AddSingleton<ChannelKeyCache>();
        services.AddHostedService<ChannelKeyRefresher>();
        services.AddSingleton<ChannelTokenValidator>();
        services.AddSingleton<TeamsAudiences>();
        services.AddSingleton<TrustedServiceUrls>();
        services.AddSingleton<BotTokenProvider>();
        services.AddSingleton<ConnectorClient>();
        services.AddSingleton<AdaptiveCardRenderer>();
        services.AddSingleton<TeamsActivityHandler>();
        services.AddSingleton<IBotChannelAdapter, BotFrameworkAdapter>();
        services.AddHostedService<TeamsStartupCheck>();
        return builder;
    }

    public static IEndpointRouteBuilder MapTeams(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/messages", (HttpContext context, IBotChannelAdapter adapter) => adapter.ProcessAsync(context))
            .WithBodyLimit(RequestBody.BotEndpointLimit)
            .WithRequestGate(typeof(IBotChannelAdapter))
            .RequireRateLimiting(ProtectionHosting.ChannelPolicy);
        return app;
    }

    /// <summary>Says at start-up when the Teams endpoint will refuse everything, and how to open it.</summary>
    private sealed class TeamsStartupCheck(IOptions<BotOptions> options, IHostEnvironment environment, ILogger<TeamsStartupCheck> logger) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            switch (ChannelAuthModes.For(options.Value, environment))
            {
                case ChannelAuthMode.Closed:
                    logger.LogWarning("Teams is off: Bot:MicrosoftAppId is not set, so /api/messages answers 401 to every request. Set Bot:MicrosoftAppId (and Bot:MicrosoftAppPassword, Bot:MicrosoftAppTenantId) to serve Teams, or Bot:AllowUnauthenticatedEmulator=true for local tests with the Bot Framework Emulator.");
                    break;
                case ChannelAuthMode.Emulator:
                    logger.LogWarning("Bot:MicrosoftAppId is not set: /api/messages accepts unauthenticated requests (Bot Framework Emulator mode). Never expose this instance.");
                    break;
            }
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
